package org.prune4j.nn.infer;

import org.prune4j.core.tensor.ArrayPool;

/**
 * The arrays one {@link InferenceModel} call hands from op to op: an op takes its result from here, and the call
 * gives back each activation once the ops that read it have run, so a deep model needs a few arrays of each size per
 * call instead of one new array per op. A new Java array is zeroed by the allocating thread before the kernels can
 * start: with an array per op, CIFAR ResNet-32 at batch 64 took 25.3-26.6 ms at 90% sparsity and 48.5-49.0 ms dense;
 * handing arrays on, 17.9-18.8 and 39.6-41.2 ms (medians, docs/sittings/2026-12-04-s21/README.md).
 *
 * <p>A taken array's contents are arbitrary: only results that the op's kernels overwrite in full take one (every
 * op's output; the shared kernel conformance suite fills kernel outputs with NaN first). One instance belongs to one
 * call, so concurrent callers never share arrays; {@link #NONE} gives every result a new array.
 */
public final class ActivationBuffers {
    /** No reuse: every take is a new array (an op run on its own, the kernel choice's timing runs). */
    static final ActivationBuffers NONE = new ActivationBuffers(false);

    private final ArrayPool free;
    private int reused;

    /** Buffers for one call. */
    ActivationBuffers() {
        this(true);
    }

    private ActivationBuffers(boolean reuse) {
        free = reuse ? new ArrayPool(Long.MAX_VALUE) : null;
    }

    /** An array of length n that no one holds: a given-back one, or new. */
    float[] take(int n) {
        float[] a = free == null ? null : free.take(n);
        if (a == null) return new float[n];
        reused++;
        return a;
    }

    /** Takes that returned a given-back array (for tests). */
    int reused() { return reused; }

    /** a is no longer read by anyone in this call; a later take of its length may return it. */
    void give(float[] a) {
        if (free != null) free.give(a);
    }
}
