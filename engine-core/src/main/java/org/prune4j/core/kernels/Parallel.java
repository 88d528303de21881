package org.prune4j.core.kernels;

import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one shared thread pool of the engine. Its size comes from the system property
 * {@code prune4j.threads}, else the environment variable {@code PRUNE4J_THREADS}, else
 * all cores, and may be changed with {@link #setThreads} before heavy work starts.
 * Work is split into a fixed number of chunks that depends only on the range and the
 * thread count, so results are deterministic for a given thread count. Calls made
 * from inside a parallel region run inline: regions never nest. The workers spin
 * briefly between regions before parking (like OpenMP's active wait), because kernels
 * arrive back to back and a parked thread takes tens of microseconds to wake.
 */
public final class Parallel {
    /**
     * How long an idle worker (and a caller waiting for its workers) spins before
     * parking. Waking a parked thread costs tens of microseconds on a VM (a 2.4M-MAC GEMM
     * ran 2× slower on two threads than on one), and kernels run back to back, so the
     * next region usually arrives within this window.
     */
    private static volatile long spinNanos = -1;

    /**
     * The spin window, read from the settings when the first team starts (a bad value fails that call with its
     * message rather than the class's loading, which would leave only an ExceptionInInitializerError).
     */
    private static long spinNanos() {
        long s = spinNanos;
        if (s < 0) spinNanos = s = readSpinNanos();
        return s;
    }

    private static long readSpinNanos() {
        String v = System.getProperty("prune4j.spinMicros");
        if (v == null || v.isBlank()) v = System.getenv("PRUNE4J_SPIN_MICROS");
        if (v == null || v.isBlank()) return 200_000;
        try {
            long us = Long.parseLong(v.trim());
            if (us < 0) throw new NumberFormatException();
            return us * 1000;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prune4j.spinMicros / PRUNE4J_SPIN_MICROS must be a non-negative integer, got '" + v + "'");
        }
    }

    private static volatile Team team;
    /** Bound while {@link #inline} runs its body: every region inside runs on the calling thread. */
    private static final ScopedValue<Boolean> INLINE = ScopedValue.newInstance();
    /** 0 until first read from the settings ({@link #threads()}), for the same reason as {@link #spinNanos()}. */
    private static volatile int threads;

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

    public static int threads() {
        int t = threads;
        if (t == 0) threads = t = initialThreads();
        return t;
    }

    /** Changes the pool size; the old workers stop once idle. */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        if (n == threads() && team != null) return;
        Team old = team;
        threads = n;
        team = null;
        if (old != null) old.shutdown();
    }

    private static Team team() {
        Team t = team;
        if (t == null) {
            synchronized (Parallel.class) {
                t = team;
                if (t == null) {
                    spinNanos();
                    team = t = new Team(threads() - 1);
                }
            }
        }
        return t;
    }

    /**
     * Runs body with every parallel region inside it on the calling thread, and returns its result. The regions keep
     * the pool's plan: kernels still see threads() and split their work as for the pool, and the chunks run one after
     * another at the pool's boundaries, so the results are the same bits as on the pool (kernels' sums may depend on
     * threads(), never on which thread runs a chunk). For work too small to pay for the
     * hand-off between threads (a compiled model's layer at batch 1 that measured faster this way, see nn's
     * KernelChoice).
     */
    public static <T> T inline(java.util.function.Supplier<T> body) {
        return ScopedValue.where(INLINE, Boolean.TRUE).call(body::get);
    }

    /** A body over the half-open range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Runs body over [0, n) split into at most threads() contiguous chunks of at least
     * minChunk items; the calling thread runs chunks too. Runs inline when one chunk
     * suffices, with one thread, inside a parallel region (regions never nest), inside
     * another ForkJoinPool, or while another thread's region holds the workers (a server
     * calling from many threads then uses those threads instead); inside {@link #inline}
     * its chunks run one by one on the caller.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        if (n <= 0) return;
        int t = threads();
        int chunks = Math.min(t, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1 || Thread.currentThread() instanceof Worker || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        if (INLINE.isBound()) {
            // The pool's chunks one after another on the caller: the same boundaries, so the same bits as pooled.
            for (int c = 0; c < chunks; c++) body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            return;
        }
        Team team = team();
        if (!team.busy.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            team.run(new Job(body, n, chunks, Thread.currentThread()));
        } finally {
            team.busy.set(false);
        }
    }

    /** Runs body(i) for each i in [0, n), one task per index (for coarse, uneven work items). */
    public static void forEach(int n, java.util.function.IntConsumer body) {
        forRange(n, 1, (a, b) -> {
            for (int i = a; i < b; i++) body.accept(i);
        });
    }

    /** One parallel region: fixed chunk boundaries, taken by whichever thread comes first. */
    private static final class Job {
        final RangeBody body;
        final int n, chunks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger remaining;
        volatile Throwable failure;

        Job(RangeBody body, int n, int chunks, Thread caller) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.caller = caller;
            this.remaining = new AtomicInteger(chunks);
        }

        /** Runs chunks until none is left. */
        void work() {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    if (failure == null) body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable e) {
                    if (failure == null) failure = e;
                }
                if (remaining.decrementAndGet() == 0) LockSupport.unpark(caller);
            }
        }

        boolean done() { return remaining.get() == 0; }
    }

    private static final class Worker extends Thread {
        final Team team;
        volatile boolean parked;

        Worker(Team team, int index) {
            super("prune4j-worker-" + index);
            this.team = team;
            setDaemon(true);
        }

        @Override public void run() {
            long seen = 0;
            while (!team.stopped) {
                Job job;
                long spinUntil = System.nanoTime() + spinNanos();
                while (team.seq == seen && !team.stopped) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        if (team.seq == seen && !team.stopped) LockSupport.park(this);
                        parked = false;
                    }
                }
                if (team.stopped) return;
                seen = team.seq;
                job = team.job;
                if (job != null) job.work();
            }
        }
    }

    /** The worker threads: one fewer than threads(), since the caller works too. */
    private static final class Team {
        final Worker[] workers;
        final AtomicBoolean busy = new AtomicBoolean();
        volatile Job job;
        volatile long seq;
        volatile boolean stopped;

        Team(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this, i);
                workers[i].start();
            }
        }

        void run(Job j) {
            job = j;
            seq++; // only the holder of busy writes seq
            for (Worker w : workers) if (w.parked) LockSupport.unpark(w);
            j.work();
            long spinUntil = System.nanoTime() + spinNanos();
            while (!j.done()) {
                if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            job = null;
            Throwable f = j.failure;
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            if (f != null) throw new IllegalStateException("parallel region failed", f);
        }

        void shutdown() {
            stopped = true;
            for (Worker w : workers) LockSupport.unpark(w);
        }
    }
}
