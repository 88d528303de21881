package org.prune4j.simd.sparse;

/**
 * Per-thread scratch arrays, grown on demand and reused across calls, so the
 * convolution kernels allocate nothing per image. Each use has its own slot, so a
 * buffer the calling thread shares with the workers is never reused by a worker body
 * that happens to run on the calling thread. Contents are garbage on entry.
 */
final class Scratch {
    /** Phase-padded input image (forward, weight gradient). */
    static final int IMAGE = 0;
    /** Zero-framed output gradient (input and weight gradients). */
    static final int GRAD = 1;
    /** Register-tile results before they are copied out. */
    static final int TILES = 2;
    /** Buffer built by the calling thread and read by all workers. */
    static final int SHARED = 3;
    /** A column panel of a dense matrix packed contiguously (SpMM). */
    static final int PANEL = 4;
    /** Per-entry lane vectors waiting to be summed across their lanes ({@link LaneSum#addSums}). */
    static final int LANES = 5;

    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[6][]);

    private Scratch() {}

    static float[] get(int slot, long size) {
        if (size > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("scratch of " + size + " floats exceeds a Java array");
        float[][] slots = SLOTS.get();
        float[] a = slots[slot];
        if (a == null || a.length < size) {
            a = new float[(int) size];
            slots[slot] = a;
        }
        return a;
    }
}
