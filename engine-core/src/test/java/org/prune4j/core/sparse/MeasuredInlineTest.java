package org.prune4j.core.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Parallel;

/** MeasuredKernelChoice.inlineFaster: the pool or the caller alone, by measurement, once per key. */
class MeasuredInlineTest {
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
        MeasuredKernelChoice.clear();
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFasterFormWinsAndIsMeasuredOnce() {
        AtomicInteger pooledRuns = new AtomicInteger(), inlineRuns = new AtomicInteger();
        Runnable slow = () -> {
            pooledRuns.incrementAndGet();
            sleepMs(1);
        };
        Runnable fast = inlineRuns::incrementAndGet;
        assertTrue(MeasuredKernelChoice.inlineFaster("test-inline", slow, fast), "the caller alone measured faster");
        int measured = pooledRuns.get();
        assertTrue(measured > 10 && inlineRuns.get() == measured, "both forms timed alike: " + measured + " / " + inlineRuns.get());
        assertTrue(MeasuredKernelChoice.inlineFaster("test-inline", slow, fast));
        assertEquals(measured, pooledRuns.get(), "the decision is cached");
        assertFalse(MeasuredKernelChoice.inlineFaster("test-pool", fast, () -> sleepMs(1)), "the pool measured faster");
    }

    @Test
    void oneThreadNeverMeasures() {
        Parallel.setThreads(1);
        AtomicInteger runs = new AtomicInteger();
        assertFalse(MeasuredKernelChoice.inlineFaster("test-one", runs::incrementAndGet));
        assertEquals(0, runs.get());
    }
}
