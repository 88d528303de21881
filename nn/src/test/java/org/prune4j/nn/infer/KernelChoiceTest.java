package org.prune4j.nn.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.sparse.MeasuredKernelChoice.Policy;

/** A compiled layer's forms: which are timed under each policy, and that a forced kernel is the only one that runs. */
class KernelChoiceTest {
    private static final int S = MeasuredKernelChoice.FORM_SPARSE, I = MeasuredKernelChoice.FORM_INLINE;
    private int saved;

    @BeforeEach
    void twoThreads() {
        saved = Parallel.threads();
        Parallel.setThreads(2);
        MeasuredKernelChoice.clear();
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
        MeasuredKernelChoice.setPolicy(Policy.AUTO);
        MeasuredKernelChoice.clear();
    }

    @Test
    void formsByPolicyAndThreads() {
        assertArrayEquals(new int[] {0, S, I, S | I}, KernelChoice.forms(Policy.AUTO));
        assertArrayEquals(new int[] {S, S | I}, KernelChoice.forms(Policy.SPARSE));
        assertArrayEquals(new int[] {0, I}, KernelChoice.forms(Policy.DENSE));
        Parallel.setThreads(1);
        assertArrayEquals(new int[] {0, S}, KernelChoice.forms(Policy.AUTO));
        assertArrayEquals(new int[] {S}, KernelChoice.forms(Policy.SPARSE));
    }

    /** Counts which kernel ran. */
    private static final class Counting implements KernelChoice.Kernel {
        final AtomicInteger dense = new AtomicInteger(), sparse = new AtomicInteger();

        @Override public float[] run(boolean isSparse, ActivationBuffers out) {
            (isSparse ? sparse : dense).incrementAndGet();
            return new float[] {isSparse ? 1f : 0f};
        }
    }

    @Test
    void aKernelForcedAtCompileTimeIsTheOnlyOneThatRuns() {
        KernelChoice.Decisions d = new KernelChoice.Decisions();
        Counting k = new Counting();
        for (int call = 0; call < 300; call++) {
            assertEquals(1f, d.run(Policy.SPARSE, () -> "test-forced-sparse", 0.1, 1, k, ActivationBuffers.NONE)[0]);
        }
        assertEquals(0, k.dense.get(), "a layer compiled sparse never runs its dense kernel, not even to time it");
        assertTrue(k.sparse.get() > 300, "the pool and the calling thread were timed: " + k.sparse.get());
        int w = MeasuredKernelChoice.choice("test-forced-sparse|b1|d10", S, S | I).winner();
        assertTrue(w == S || w == (S | I), "the choice was between the sparse kernel's two forms: " + w);
        assertTrue(d.sparse(Policy.SPARSE, () -> "test-forced-sparse", 0.1, 1, k));
    }

    @Test
    void aPolicyForcedAfterCompilingUnderAutoIsHonouredAndAutoComesBack() {
        KernelChoice.Decisions d = new KernelChoice.Decisions();
        Counting k = new Counting();
        MeasuredKernelChoice.setPolicy(Policy.DENSE);
        assertFalse(d.sparse(Policy.AUTO, () -> "test-late", 0.1, 4, k));
        assertEquals(0, k.sparse.get());
        MeasuredKernelChoice.setPolicy(Policy.SPARSE);
        assertTrue(d.sparse(Policy.AUTO, () -> "test-late", 0.1, 4, k));
        MeasuredKernelChoice.setPolicy(Policy.AUTO);
        d.sparse(Policy.AUTO, () -> "test-late", 0.1, 4, k);
        assertTrue(k.dense.get() > 0 && k.sparse.get() > 0, "under AUTO both kernels were timed");
        assertTrue(MeasuredKernelChoice.choice("test-late|b4|d10", KernelChoice.forms(Policy.AUTO)).winner() >= 0,
                "the measured choice is shared under its key");
    }
}
