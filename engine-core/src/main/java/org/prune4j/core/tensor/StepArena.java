package org.prune4j.core.tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Storage for the results of a training step's forward pass that outlives the step, so that the next step's results
 * take the arrays of the last one instead of new ones.
 *
 * <p>Why: a new Java array is zeroed by the allocating thread while the kernel threads wait. In the 90%-sparse
 * ResNet-32 training step (batch 128) that zeroing took 31% of the calling thread's time, about half of it for the
 * forward's activations (perf, docs/sittings/2026-12-03-s20/README.md; the other half, the backward's gradients, is
 * {@link GradientRecycler}'s). Those activations are held by the autograd graph until the step ends, so no sweep
 * can tell when they die; the training loop can, because it ends the step.
 *
 * <p>How: a loop that owns an arena wraps each step in {@link #step()}. While the step is open on a thread, the ops'
 * results that a kernel overwrites in full ({@link Tensor#result}: convolutions, batch norm, elementwise ops) take a
 * free array of their length from the arena (contents arbitrary) or a new one, and every tensor made over such an
 * array during the step, views included, is recorded. Closing the step <em>releases</em> those tensors: their
 * storage goes back to the arena, and any later use of them ({@link Tensor#data()}, {@link Tensor#buffer()}, views,
 * copies) throws {@link IllegalStateException} instead of reading the next step's values. What a loop wants to keep
 * from a step (the loss value, predictions) it reads or {@link Tensor#copy() copies} before the step closes.
 * Parameters, gradients, optimizer state and anything made outside {@code Tensor.result} are never touched.
 *
 * <p>Off (plain new arrays, nothing released) without an open step, on a device backend (a {@link HostAccess}
 * listener tracks arrays by identity), and beyond the arena's byte limit of free arrays. An arena serves one thread at a
 * time; between steps it holds the arrays of the last step only. Results do not depend on
 * whether an array came from the arena: the kernels write every element (the shared conformance suite fills their
 * outputs with NaN first).
 */
public final class StepArena {
    private static final ThreadLocal<Step> ACTIVE = new ThreadLocal<>();

    private final ArrayPool free;
    private long reused, created;

    /** An arena keeping at most a quarter of the heap's limit, and at most 2 GiB, of free arrays between steps. */
    public StepArena() {
        this(Math.min(2L << 30, Runtime.getRuntime().maxMemory() / 4));
    }

    /** An arena keeping at most maxBytes of free arrays between steps. */
    public StepArena(long maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException("StepArena: maxBytes must be >= 0, got " + maxBytes);
        this.free = new ArrayPool(maxBytes);
    }

    /** Opens a step on this thread; close it when the step ends, however it ends. Steps nest (the inner one records). */
    public Step step() {
        Step s = new Step(this, ACTIVE.get());
        ACTIVE.set(s);
        return s;
    }

    /** Results that took an array from this arena so far. */
    public long reusedArrays() { return reused; }

    /** Results for which this arena had no free array of their length and made a new one. */
    public long createdArrays() { return created; }

    /** Bytes of free arrays waiting for the next step. */
    public long freeBytes() { return free.bytes(); }

    /** One step's records: the arrays its results took and the tensors made over them. */
    public static final class Step implements AutoCloseable {
        private final StepArena arena;
        private final Step outer;
        private final Map<float[], Boolean> arrays = new IdentityHashMap<>();
        private final List<Tensor> tensors = new ArrayList<>();
        private boolean closed;

        private Step(StepArena arena, Step outer) {
            this.arena = arena;
            this.outer = outer;
        }

        /** Releases every tensor made over this step's results and gives their arrays back to the arena. */
        @Override
        public void close() {
            if (closed) return;
            if (ACTIVE.get() != this) throw new IllegalStateException("StepArena: steps closed out of order");
            closed = true;
            if (outer == null) ACTIVE.remove();
            else ACTIVE.set(outer);
            for (Tensor t : tensors) t.release();
            // The free arrays this step did not take are of lengths it did not need (an epoch's short last batch, say):
            // they go to the collector, so the arena holds one step's arrays, not every size it has seen.
            arena.free.clear();
            for (float[] a : arrays.keySet()) arena.free.give(a);
            tensors.clear();
            arrays.clear();
        }
    }

    /** An array of length n for a result made during the open step on this thread, or null when none is open. */
    static float[] take(int n) {
        Step s = ACTIVE.get();
        if (s == null || HostAccess.listener() != null) return null;
        StepArena arena = s.arena;
        float[] a = arena.free.take(n);
        if (a != null) {
            arena.reused++;
        } else {
            a = new float[n];
            arena.created++;
        }
        s.arrays.put(a, Boolean.TRUE);
        return a;
    }

    /** Records t when it is made over an array of the open step's results, so that the step's end releases it. */
    static void made(Tensor t, float[] data) {
        for (Step s = ACTIVE.get(); s != null; s = s.outer) {
            if (s.arrays.containsKey(data)) {
                s.tensors.add(t);
                return;
            }
        }
    }
}
