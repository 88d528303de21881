package org.prune4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's worker team: coverage, chunking, failures, nesting, concurrent callers, resizing. */
class ParallelTest {
    private int saved;

    @BeforeEach
    void fourThreads() {
        saved = Parallel.threads();
        Parallel.setThreads(4);
    }

    @AfterEach
    void restore() { Parallel.setThreads(saved); }

    @Test
    void everyIndexRunsExactlyOnceInFixedChunks() {
        for (int round = 0; round < 200; round++) {
            int n = 1 + round * 7;
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            Set<String> chunks = ConcurrentHashMap.newKeySet();
            Parallel.forRange(n, 1, (from, to) -> {
                chunks.add(from + ".." + to);
                for (int i = from; i < to; i++) hits.incrementAndGet(i);
            });
            for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "index " + i + " of " + n);
            int expected = Math.min(4, n);
            assertEquals(expected, chunks.size(), "chunks of " + n);
            for (int c = 0; c < expected; c++) {
                assertTrue(chunks.contains((long) n * c / expected + ".." + (long) n * (c + 1) / expected), "fixed boundaries for " + n + ": " + chunks);
            }
        }
    }

    @Test
    void aFailingChunkFailsTheCallWithItsException() {
        IllegalStateException boom = new IllegalStateException("boom");
        var e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(100, 1, (from, to) -> {
            if (from == 0) throw boom;
        }));
        assertSame(boom, e);
        AssertionError err = new AssertionError("bad");
        assertSame(err, assertThrows(AssertionError.class, () -> Parallel.forRange(100, 1, (from, to) -> {
            if (to == 100) throw err;
        })));
        // The team still works afterwards.
        AtomicIntegerArray hits = new AtomicIntegerArray(10);
        Parallel.forRange(10, 1, (from, to) -> { for (int i = from; i < to; i++) hits.incrementAndGet(i); });
        for (int i = 0; i < 10; i++) assertEquals(1, hits.get(i));
    }

    @Test
    void nestedRegionsRunInline() {
        AtomicIntegerArray inner = new AtomicIntegerArray(4);
        Parallel.forRange(4, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                int outer = i;
                Set<Thread> threads = ConcurrentHashMap.newKeySet();
                Parallel.forRange(8, 1, (a, b) -> {
                    threads.add(Thread.currentThread());
                    if (a == 0 && b == 8) inner.incrementAndGet(outer);
                });
                assertEquals(Set.of(Thread.currentThread()), threads, "a nested region stays on its thread");
            }
        });
        for (int i = 0; i < 4; i++) assertEquals(1, inner.get(i), "nested region " + i + " ran as one inline chunk");
    }

    @Test
    void concurrentCallersAllComplete() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<?>[] fs = new Future<?>[3];
            for (int t = 0; t < 3; t++) {
                fs[t] = callers.submit(() -> {
                    start.await();
                    for (int round = 0; round < 300; round++) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(64);
                        Parallel.forRange(64, 1, (from, to) -> { for (int i = from; i < to; i++) hits.incrementAndGet(i); });
                        for (int i = 0; i < 64; i++) assertEquals(1, hits.get(i));
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> f : fs) f.get();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void resizingTakesEffectForTheNextRegion() {
        Parallel.setThreads(2);
        Set<String> chunks = ConcurrentHashMap.newKeySet();
        Parallel.forRange(10, 1, (from, to) -> chunks.add(from + ".." + to));
        assertEquals(Set.of("0..5", "5..10"), chunks);
        Parallel.setThreads(1);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Parallel.forRange(10, 1, (from, to) -> threads.add(Thread.currentThread()));
        assertEquals(Set.of(Thread.currentThread()), threads, "one thread runs inline");
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }

    @Test
    void inlineRunsEveryRegionOnTheCallerInThePoolsChunks() {
        Thread me = Thread.currentThread();
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        java.util.List<String> chunks = new java.util.ArrayList<>();
        int result = Parallel.inline(() -> {
            assertEquals(4, Parallel.threads(), "kernels plan for the pool inside inline");
            Parallel.forRange(1000, 1, (from, to) -> {
                seen.add(Thread.currentThread());
                chunks.add(from + ".." + to);
            });
            Parallel.forEach(8, i -> seen.add(Thread.currentThread()));
            return Parallel.inline(() -> 7) + 1;
        });
        assertEquals(8, result, "the body's value comes back, also from a nested inline");
        assertEquals(Set.of(me), seen, "every region ran on the caller");
        assertEquals(java.util.List.of("0..250", "250..500", "500..750", "750..1000"), chunks, "the pool's chunks, in order");
        assertEquals(2, threadsInATwoChunkRegion(), "regions after inline use the pool again");
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Parallel.inline(() -> { throw boom; })));
        assertEquals(2, threadsInATwoChunkRegion(), "and after a failure inside");
    }

    /** How many threads run a region of two chunks that each wait for the other to start (so two, on the pool). */
    private static int threadsInATwoChunkRegion() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(2);
        Parallel.forRange(2, 1, (from, to) -> {
            seen.add(Thread.currentThread());
            both.countDown();
            try {
                both.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return seen.size();
    }
}
