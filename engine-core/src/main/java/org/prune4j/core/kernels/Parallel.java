package org.prune4j.core.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * The one shared thread pool of the engine. Its size comes from the system property
 * {@code prune4j.threads}, else the environment variable {@code PRUNE4J_THREADS}, else
 * all cores, and may be changed with {@link #setThreads} before heavy work starts.
 * Work is split into a fixed number of chunks that depends only on the range and the
 * thread count, so results are deterministic for a given thread count. Calls made
 * from inside a pool worker run inline: parallel regions never nest.
 */
public final class Parallel {
    private static volatile ForkJoinPool pool;
    private static volatile int threads = initialThreads();

    private Parallel() {}

    private static int initialThreads() {
        String v = System.getProperty("prune4j.threads");
        if (v == null || v.isBlank()) v = System.getenv("PRUNE4J_THREADS");
        int cores = Runtime.getRuntime().availableProcessors();
        if (v == null || v.isBlank()) return cores;
        try {
            int t = Integer.parseInt(v.trim());
            if (t < 1) throw new NumberFormatException();
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prune4j.threads / PRUNE4J_THREADS must be a positive integer, got '" + v + "'");
        }
    }

    public static int threads() { return threads; }

    /** Changes the pool size; the old pool is shut down once idle. */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        if (n == threads && pool != null) return;
        ForkJoinPool old = pool;
        threads = n;
        pool = null;
        if (old != null) old.shutdown();
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads, pool -> {
                        var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                        t.setName("prune4j-worker-" + t.getPoolIndex());
                        t.setDaemon(true);
                        return t;
                    }, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs body over [0, n) split into at most threads() contiguous chunks of at least
     * minChunk items. Runs inline when one chunk suffices, with one thread, or when
     * already inside a pool worker.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        if (n <= 0) return;
        int t = threads;
        int chunks = Math.min(t, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1 || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[chunks];
        ForkJoinPool p = pool();
        for (int i = 0; i < chunks; i++) {
            final int from = (int) ((long) n * i / chunks);
            final int to = (int) ((long) n * (i + 1) / chunks);
            tasks[i] = p.submit(new RecursiveAction() {
                @Override protected void compute() { body.run(from, to); }
            });
        }
        RuntimeException first = null;
        for (ForkJoinTask<?> task : tasks) {
            try {
                task.join();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    /** Runs body(i) for each i in [0, n), one task per index (for coarse, uneven work items). */
    public static void forEach(int n, java.util.function.IntConsumer body) {
        forRange(n, 1, (a, b) -> {
            for (int i = a; i < b; i++) body.accept(i);
        });
    }
}
