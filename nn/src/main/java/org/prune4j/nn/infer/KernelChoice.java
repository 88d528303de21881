package org.prune4j.nn.infer;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.sparse.MeasuredKernelChoice.Choice;
import org.prune4j.core.sparse.MeasuredKernelChoice.Policy;
import org.prune4j.core.tensor.Rng;

/**
 * Which kernel a compiled conv or linear layer runs, and on which threads. The answer depends on the batch as much as
 * on shape and density (a sparse kernel that wins at batch 1 can lose at batch 64, and a small layer at batch 1 runs
 * faster on the calling thread alone than on the pool), so the forms — dense or sparse, pool or calling thread — are
 * timed together per power-of-two batch bucket with the caller's real input, and the choice is kept and timed again
 * by {@link MeasuredKernelChoice.Choice}. A policy forced when the layer was compiled sticks to its kernel (so a model
 * compiled dense stays dense); only the threads are timed then.
 */
final class KernelChoice {
    private KernelChoice() {}

    /** A layer's work: its dense or its sparse kernel, into out's buffers. */
    interface Kernel {
        float[] run(boolean sparse, ActivationBuffers out);
    }

    /**
     * One layer's choices by policy and batch bucket, so a decided call costs an array read instead of building a
     * cache key (which was a measurable share of a 0.6 ms batch-1 forward). Thread-safe; a race only looks the
     * choice up twice.
     */
    static final class Decisions {
        private static final int BUCKETS = 32;
        private final AtomicReferenceArray<Choice> choices = new AtomicReferenceArray<>(Policy.values().length * BUCKETS);

        /** Runs the layer at this batch size in the form chosen for it; key names the layer's work. */
        float[] run(Policy compiledUnder, Supplier<String> key, double density, int batch, Kernel kernel, ActivationBuffers out) {
            return KernelChoice.run(pick(compiledUnder, key, density, batch, kernel), kernel, out);
        }

        /** Whether the layer runs its sparse kernel at this batch size (measured on first use). */
        boolean sparse(Policy compiledUnder, Supplier<String> key, double density, int batch, Kernel kernel) {
            return (pick(compiledUnder, key, density, batch, kernel) & MeasuredKernelChoice.FORM_SPARSE) != 0;
        }

        private int pick(Policy compiledUnder, Supplier<String> key, double density, int batch, Kernel kernel) {
            Policy p = compiledUnder != Policy.AUTO ? compiledUnder : MeasuredKernelChoice.policy();
            int slot = p.ordinal() * BUCKETS + Integer.numberOfTrailingZeros(bucket(batch));
            Choice c = choices.get(slot);
            if (c == null) {
                c = MeasuredKernelChoice.choice(key.get() + "|b" + bucket(batch) + "|d" + Math.round(density * 100), forms(p));
                choices.set(slot, c);
            }
            return c.pick(code -> () -> KernelChoice.run(code, kernel, ActivationBuffers.NONE));
        }
    }

    /** The forms worth timing under policy p: its kernels, each on the pool and, where that can win, the calling thread. */
    static int[] forms(Policy p) {
        int[] kernels = switch (p) {
            case AUTO -> new int[] {0, MeasuredKernelChoice.FORM_SPARSE};
            case SPARSE -> new int[] {MeasuredKernelChoice.FORM_SPARSE};
            case DENSE -> new int[] {0};
        };
        if (!MeasuredKernelChoice.inlineWorthTiming()) return kernels;
        int[] forms = java.util.Arrays.copyOf(kernels, 2 * kernels.length);
        for (int i = 0; i < kernels.length; i++) forms[kernels.length + i] = kernels[i] | MeasuredKernelChoice.FORM_INLINE;
        return forms;
    }

    static float[] run(int code, Kernel kernel, ActivationBuffers out) {
        boolean sparse = (code & MeasuredKernelChoice.FORM_SPARSE) != 0;
        return (code & MeasuredKernelChoice.FORM_INLINE) != 0 ? Parallel.inline(() -> kernel.run(sparse, out)) : kernel.run(sparse, out);
    }

    /** The largest power of two not above batch: batches 33..64 share one measurement. */
    static int bucket(int batch) { return Integer.highestOneBit(Math.max(1, batch)); }

    /** A fixed pseudo-random input for decisions taken outside a real call (values do not affect these kernels' speed). */
    static float[] probe(int n) {
        Rng rng = new Rng(0x5EED);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = rng.uniform(-1f, 1f);
        return x;
    }
}
