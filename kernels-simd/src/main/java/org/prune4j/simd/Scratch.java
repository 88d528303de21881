package org.prune4j.simd;

/**
 * Per-thread reusable work arrays (packing panels, im2col columns, partial sums), so hot
 * paths never allocate once warm. Each kind of buffer has its own slot so a caller can
 * hold, say, an im2col buffer while the GEMM it calls uses the packing buffers.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    static final int PACK_A = 0, PACK_B = 1, TILE = 2, COLUMNS = 3, PARTIAL = 4, MISC = 5, WEIGHTS = 6;
    private final float[][] slots = new float[7][];
    private int[] offsets;
    private double[] sums;

    static Scratch get() { return LOCAL.get(); }

    /** A buffer of at least n floats for the given slot; contents are unspecified. */
    float[] floats(int slot, int n) {
        float[] a = slots[slot];
        if (a == null || a.length < n) {
            a = new float[Math.max(n, a == null ? 0 : a.length + a.length / 2)];
            slots[slot] = a;
        }
        return a;
    }

    /**
     * This thread's PARTIAL buffer (at least size floats) as its share of a call's partial sums, or a fresh array when
     * this thread already holds it for another share of the same call (one thread may run several: the caller takes
     * whatever chunk is left, and a busy pool runs them all inline), so every share is summed alone and the bits do not
     * depend on which thread ran it. Reading the other threads' entries of taken unsynchronised is safe: they can
     * never hold this thread's buffer.
     */
    static float[] partial(float[][] taken, int size) {
        float[] mine = get().floats(PARTIAL, size);
        for (float[] p : taken) if (p == mine) return new float[size];
        return mine;
    }

    /** A double buffer of at least n entries (partial sums, {@link ImageChunks}); contents are unspecified. */
    double[] doubles(int n) {
        double[] a = sums;
        if (a == null || a.length < n) {
            a = new double[Math.max(n, a == null ? 0 : a.length + a.length / 2)];
            sums = a;
        }
        return a;
    }

    /** An int buffer of at least n entries (row offset tables); contents are unspecified. */
    int[] ints(int n) {
        int[] a = offsets;
        if (a == null || a.length < n) {
            a = new int[Math.max(n, a == null ? 0 : a.length + a.length / 2)];
            offsets = a;
        }
        return a;
    }
}
