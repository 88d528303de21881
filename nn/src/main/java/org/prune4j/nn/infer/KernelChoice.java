package org.prune4j.nn.infer;

import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.tensor.Rng;

/**
 * Which kernel a compiled conv or linear layer runs. The answer depends on the batch as
 * much as on shape and density (a sparse kernel that wins at batch 1 can lose at batch 64),
 * so it is measured per power-of-two batch bucket on first use, with the caller's real
 * input, and cached by {@link MeasuredKernelChoice} (which also honours a forced policy).
 */
final class KernelChoice {
    private KernelChoice() {}

    /**
     * One layer's decisions by batch bucket, so a decided call costs an array read instead
     * of building a cache key (which was a measurable share of a 0.6 ms batch-1 forward).
     * Thread-safe; a race only measures twice.
     */
    static final class Decisions {
        private final java.util.concurrent.atomic.AtomicReferenceArray<Boolean> byBucket = new java.util.concurrent.atomic.AtomicReferenceArray<>(32);
        private final java.util.concurrent.atomic.AtomicReferenceArray<Boolean> inlineByBucket = new java.util.concurrent.atomic.AtomicReferenceArray<>(32);

        /**
         * Whether the layer's chosen kernel runs on the calling thread alone at this batch size
         * ({@link MeasuredKernelChoice#inlineFaster}): measured per batch bucket after the kernel was chosen, with
         * the caller's input; key names the layer and its kernel.
         */
        /**
         * Runs the layer's chosen kernel, run(out), on the calling thread alone when that measured faster at this
         * batch size ({@link #inline}); key names the layer and its kernel.
         */
        float[] run(java.util.function.Supplier<String> key, int batch, java.util.function.Function<ActivationBuffers, float[]> run,
                    ActivationBuffers out) {
            return inline(key, batch, () -> run.apply(ActivationBuffers.NONE))
                    ? org.prune4j.core.kernels.Parallel.inline(() -> run.apply(out)) : run.apply(out);
        }

        boolean inline(java.util.function.Supplier<String> key, int batch, Runnable work) {
            if (org.prune4j.core.kernels.Parallel.threads() <= 1) return false;
            int slot = Integer.numberOfTrailingZeros(bucket(batch));
            Boolean d = inlineByBucket.get(slot);
            if (d == null) {
                d = MeasuredKernelChoice.inlineFaster(key.get() + "|b" + bucket(batch), work);
                inlineByBucket.set(slot, d);
            }
            return d;
        }

        boolean sparse(MeasuredKernelChoice.Policy compiledUnder, java.util.function.Supplier<String> key, double density, int batch,
                       Runnable dense, Runnable sparse) {
            int slot = Integer.numberOfTrailingZeros(bucket(batch));
            Boolean d = byBucket.get(slot);
            if (d == null) {
                d = KernelChoice.sparse(compiledUnder, key.get(), density, batch, dense, sparse);
                if (compiledUnder != MeasuredKernelChoice.Policy.AUTO || MeasuredKernelChoice.policy() == MeasuredKernelChoice.Policy.AUTO) {
                    byBucket.set(slot, d);
                }
            }
            return d;
        }
    }

    /** The largest power of two not above batch: batches 33..64 share one measurement. */
    static int bucket(int batch) { return Integer.highestOneBit(Math.max(1, batch)); }

    /**
     * Whether to run sparse: a policy forced when the layer was compiled sticks to it
     * (so a model compiled dense stays dense); AUTO measures.
     */
    static boolean sparse(MeasuredKernelChoice.Policy compiledUnder, String key, double density, int batch, Runnable dense, Runnable sparse) {
        if (compiledUnder == MeasuredKernelChoice.Policy.SPARSE) return true;
        if (compiledUnder == MeasuredKernelChoice.Policy.DENSE) return false;
        return MeasuredKernelChoice.choose(key + "|b" + bucket(batch), density, dense, sparse) == MeasuredKernelChoice.Path.SPARSE;
    }

    /** A fixed pseudo-random input for decisions taken outside a real call (values do not affect these kernels' speed). */
    static float[] probe(int n) {
        Rng rng = new Rng(0x5EED);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = rng.uniform(-1f, 1f);
        return x;
    }
}
