package org.prune4j.core.sparse;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Parallel;

/**
 * Chooses between the dense and the sparse kernel of a layer (and, for compiled inference, between the pool and the
 * calling thread alone) by measuring them per (backend, threads, shape, density) key and caching the winner, as
 * LIBXSMM does for its code paths — no guessed density threshold. A key's forms are measured on first use and again
 * as the key keeps being used, since a first measurement in a young JVM times code the JIT has not compiled yet
 * ({@link Choice}). The policy can be forced with
 * {@code -Dprune4j.sparse=auto|sparse|dense} (or PRUNE4J_SPARSE), e.g. to make tests
 * exercise one path deterministically.
 */
public final class MeasuredKernelChoice {
    public enum Path { DENSE, SPARSE }

    public enum Policy { AUTO, SPARSE, DENSE }

    private static final ConcurrentHashMap<String, Choice> CHOICES = new ConcurrentHashMap<>();
    /** Read from the settings on first use, so a bad value fails that call with its message, not the class's loading. */
    private static volatile Boolean measureInline;
    private static volatile Policy policy;

    /** A form's code: bit 0 set runs the sparse kernel, bit 1 set runs it on the calling thread alone. */
    public static final int FORM_SPARSE = 1, FORM_INLINE = 2;

    private MeasuredKernelChoice() {}

    private static Policy initialPolicy() {
        String v = System.getProperty("prune4j.sparse");
        if (v == null || v.isBlank()) v = System.getenv("PRUNE4J_SPARSE");
        if (v == null || v.isBlank()) return Policy.AUTO;
        try {
            return Policy.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prune4j.sparse / PRUNE4J_SPARSE must be auto, sparse or dense, got '" + v + "'");
        }
    }

    private static boolean initialInline() {
        String v = System.getProperty("prune4j.inline");
        if (v == null || v.isBlank()) v = System.getenv("PRUNE4J_INLINE");
        if (v == null || v.isBlank() || v.trim().equalsIgnoreCase("auto")) return true;
        if (v.trim().equalsIgnoreCase("never")) return false;
        throw new IllegalArgumentException("prune4j.inline / PRUNE4J_INLINE must be auto or never, got '" + v + "'");
    }

    public static Policy policy() {
        Policy p = policy;
        if (p == null) policy = p = initialPolicy();
        return p;
    }

    private static boolean measureInline() {
        Boolean b = measureInline;
        if (b == null) measureInline = b = initialInline();
        return b;
    }

    public static void setPolicy(Policy p) {
        if (p == null) throw new IllegalArgumentException("policy must not be null");
        policy = p;
    }

    /**
     * Whether the calling thread alone ({@link Parallel#inline}) is a form worth timing: more than one thread, and not
     * turned off by {@code -Dprune4j.inline=never} (PRUNE4J_INLINE). Small layers at batch 1 lose more to the
     * hand-off between threads than the second core gives back (ResNet-32's 3×3 layers at batch 1: 0.035 ms on one
     * thread, 0.044 on two), larger ones gain (MobileNet's 112×112 1×1: 0.44 → 0.29 ms), and where the line falls
     * depends on the kernel and the machine, so it is measured rather than set.
     */
    public static boolean inlineWorthTiming() {
        return measureInline() && Parallel.threads() > 1;
    }

    /** The decided path for key (as given to {@link #choose}, with its density), if one was measured. */
    public static Path cached(String key) {
        Choice c = CHOICES.get(choiceKey(key, DENSE_OR_SPARSE));
        int w = c == null ? -1 : c.winner;
        return w < 0 ? null : (w & FORM_SPARSE) != 0 ? Path.SPARSE : Path.DENSE;
    }

    private static String fullKey(String key) {
        return Backends.get().name() + "|t" + Parallel.threads() + "|" + key;
    }

    private static final int[] DENSE_OR_SPARSE = {0, FORM_SPARSE};

    /** A choice's key: the work's, on this backend and thread count, with its forms. */
    private static String choiceKey(String key, int[] forms) {
        StringBuilder b = new StringBuilder(fullKey(key)).append("|f");
        for (int f : forms) b.append(f);
        return b.toString();
    }

    /**
     * The faster path for key under the policy: measured on first sight of the key, and again as the key keeps being
     * used ({@link Choice}). Density enters the key rounded to 1% so a mask that changes slightly keeps its
     * measurement.
     */
    public static Path choose(String shapeKey, double density, Runnable dense, Runnable sparse) {
        switch (policy()) {
            case SPARSE: return Path.SPARSE;
            case DENSE: return Path.DENSE;
            default: break;
        }
        Choice c = choice(shapeKey + "|d" + Math.round(density * 100), DENSE_OR_SPARSE);
        return (c.pick(f -> (f & FORM_SPARSE) != 0 ? sparse : dense) & FORM_SPARSE) != 0 ? Path.SPARSE : Path.DENSE;
    }

    /**
     * The choice among forms (codes of {@link #FORM_SPARSE} and {@link #FORM_INLINE}) of the work key names, shared by every
     * caller that names the same work on this backend and thread count.
     */
    public static Choice choice(String key, int... forms) {
        if (forms.length == 0) throw new IllegalArgumentException("a choice needs at least one form");
        return CHOICES.computeIfAbsent(choiceKey(key, forms), k -> new Choice(forms.clone(), k.hashCode() & (FIRST_RECHECK - 1)));
    }

    /**
     * At least this long in the first measurement. Waiting here for the JIT to compile a path met for the first time
     * did not work (100 ms with a settling rule still timed interpreted kernels: the pruned ResNet-32 above); the
     * rechecks do that, so the first call need not.
     */
    static final long MIN_NANOS = 20_000_000L;
    /** At least this long when a choice is measured again (so a tiny kernel gets more than its few timed rounds). */
    static final long RECHECK_MIN_NANOS = 1_000_000L;
    /** At most this long, for kernels whose times never settle on a noisy machine. */
    static final long MAX_NANOS = 2_000_000_000L;
    /**
     * A choice is measured again after this many calls (and up to as many again), then after 4, 16, 64 and 256 times
     * as many — or later, when its forms are far apart: see {@link #BUDGET}.
     */
    static final long FIRST_RECHECK = 64;
    static final int RECHECKS = 5;
    /**
     * A recheck costs about {@link #MIN_TIMES} × {@link #RUNS} / ({@link #RUNS} − 1) runs of every form; it comes no
     * sooner than when the calls since the last measurement, at the winner's time, have taken this many times as
     * long. Rechecking on the call count alone doubled the pruned ResNet-32's compiled inference at batch 128 while
     * its layers made their first rechecks (JMH, 93 ms against 51): there the calling thread alone is twice as slow
     * as the pool, and timing four forms sixteen times each is worth some 100 of the layer's calls.
     */
    static final int BUDGET = 8;

    /**
     * One piece of work's forms (dense or sparse kernel, on the pool or the calling thread) and which runs fastest,
     * measured on first use and measured again after {@link #FIRST_RECHECK}, 4×, 16×, 64× and 256× as many calls.
     * Each form's estimate is the median of its latest {@link #KEPT} times across measurements; a form that a new
     * measurement finds much faster (a median under 4/5 of its estimate) was not compiled before, and its earlier
     * times are dropped.
     *
     * <p>Measuring again is what makes the choice hold from JVM to JVM. A kernel's first calls in a JVM run in the
     * interpreter or in C1's code, where a Vector API kernel is 10–100× slower than once C2 has compiled it, and
     * C2's queue on a 2-core machine is seconds long at start-up; a path the JIT deoptimised when it met a new shape
     * (an uncommon trap) is back in the interpreter for its next ~100 ms. Timed once, on first use, the pruned
     * ResNet-32 compiled for batch 1 ran 16–32 of its 33 layers sparse depending on the JVM and took 0.63–2.32 ms;
     * its layers' forms timed after warm-up put the right choices at about half its conv time (session 35,
     * docs/sittings/2026-12-05-s35). A form measured slow because it was not compiled yet is measured again once it
     * has been (the measurement itself runs it enough to be queued).
     */
    public static final class Choice {
        private final int[] forms;
        /** Each form's latest times across measurements, oldest first (at most {@link #KEPT} of them). */
        private final long[][] kept;
        private final int[] keptCount;
        /** Which forms the next measurement times (all at first), and each form's median in its latest measurement. */
        private final boolean[] retime;
        private final long[] lastMedian;
        private volatile int winner = -1;
        /** Calls since the last measurement; counted without synchronisation, so a race only delays a recheck. */
        private long calls;
        /** The call count at which to measure again. */
        private long due;
        private int rechecks;
        private final ReentrantLock lock = new ReentrantLock();

        /** delay (under {@link #FIRST_RECHECK}) puts off the first recheck, so a model's layers do not all recheck in one call. */
        Choice(int[] forms, long delay) {
            this.forms = forms;
            this.calls = -delay;
            this.kept = new long[forms.length][KEPT];
            this.keptCount = new int[forms.length];
            this.retime = new boolean[forms.length];
            this.lastMedian = new long[forms.length];
            java.util.Arrays.fill(retime, true);
            if (forms.length == 1) {
                winner = forms[0];
                rechecks = RECHECKS;
            }
        }

        /** The decided form, or -1 before the first measurement. */
        public int winner() { return winner; }

        /**
         * The form to run for this call: work(code) runs one form of the work (on scratch outputs when measured).
         * The first call measures every form; later calls measure again on the schedule above.
         */
        public int pick(IntFunction<Runnable> work) {
            int w = winner;
            if (w < 0) {
                lock.lock();
                try {
                    if (winner < 0) measure(work, MIN_NANOS);
                } finally {
                    lock.unlock();
                }
                return winner;
            }
            if (rechecks < RECHECKS && ++calls >= due && lock.tryLock()) {
                try {
                    if (rechecks < RECHECKS && calls >= due) {
                        rechecks++;
                        calls = 0;
                        measure(work, RECHECK_MIN_NANOS);
                    }
                } finally {
                    lock.unlock();
                }
            }
            return winner;
        }

        private void measure(IntFunction<Runnable> work, long minNanos) {
            int n = forms.length;
            int[] timed = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) if (retime[i]) timed[m++] = i;
            int[] codes = new int[m];
            for (int j = 0; j < m; j++) codes[j] = forms[timed[j]];
            long[][] now = timeForms(codes, work, minNanos, MIN_TIMES);
            long[] estimate = new long[n];
            boolean[] settled = new boolean[n];
            java.util.Arrays.fill(settled, true);
            for (int j = 0; j < m; j++) {
                int i = timed[j];
                long med = median(now[j], now[j].length);
                // A form now much faster than its times so far was not compiled then: forget those times.
                if (keptCount[i] > 0 && med < median(kept[i], keptCount[i]) * 4 / 5) keptCount[i] = 0;
                keep(i, now[j]);
                settled[i] = lastMedian[i] > 0 && med * 10 >= lastMedian[i] * 9 && med * 10 <= lastMedian[i] * 11;
                lastMedian[i] = med;
            }
            int w = 0;
            for (int i = 0; i < n; i++) {
                estimate[i] = median(kept[i], keptCount[i]);
                if (estimate[i] < estimate[w]) w = i;
            }
            // The next recheck times the forms that could still win: the winner, those close to it, and those whose
            // last two measurements disagree (a form interpreted all through the first one is as steady as a
            // compiled one). A form settled at half again the winner's time keeps its estimate (the calling thread
            // alone at batch 128 takes twice the pool's time).
            double cost = 0;
            for (int i = 0; i < n; i++) {
                retime[i] = i == w || !settled[i] || estimate[i] <= estimate[w] * 3 / 2;
                if (retime[i]) cost += estimate[i];
            }
            long worth = (long) Math.ceil((double) BUDGET * MIN_TIMES * RUNS / (RUNS - 1) * cost / Math.max(1, estimate[w]));
            due = rechecks < RECHECKS ? Math.max(FIRST_RECHECK << (2 * rechecks), worth) : Long.MAX_VALUE;
            winner = forms[w];
        }

        private void keep(int i, long[] times) {
            long[] k = kept[i];
            int drop = Math.max(0, keptCount[i] + times.length - KEPT);
            if (drop > 0) {
                int stay = keptCount[i] - Math.min(drop, keptCount[i]);
                System.arraycopy(k, keptCount[i] - stay, k, 0, stay);
                keptCount[i] = stay;
            }
            int from = Math.max(0, times.length - KEPT);
            System.arraycopy(times, from, k, keptCount[i], times.length - from);
            keptCount[i] += times.length - from;
        }
    }

    private static long median(long[] t, int n) {
        long[] s = java.util.Arrays.copyOf(t, n);
        java.util.Arrays.sort(s);
        return s[n / 2];
    }

    /** Each form keeps this many of its latest times (a few measurements' worth for a small layer). */
    static final int KEPT = 256;
    /** Each form runs this many times in a row in a round: the first, after another form, is not timed. */
    static final int RUNS = 4;
    /**
     * A measurement times each form at least this often (unless it reaches {@link #MAX_NANOS} first): four rounds.
     * Few, since every measurement's times join the earlier ones' and a model's every layer measures (MobileNet-V1
     * at batch 1: ~28 rechecks of ~40 ms each with eight rounds).
     */
    static final int MIN_TIMES = 4 * (RUNS - 1);

    /**
     * Times the forms in turn, round after round (so a burst of load from elsewhere hits all of them), and returns
     * each one's times (at most its last {@link #KEPT}). A form runs {@link #RUNS} times in a row and its first run
     * is not timed: a layer's form is timed as it runs when the layers around it run the same way, not after
     * another form that left the data in the other core's cache or the pool's worker asleep (ResNet-32's 16×16
     * 3×3 layer at batch 1 on the calling thread: 9.6 µs after itself, 18.9 after the pooled forms). Each
     * measurement is judged by its median, not its minimum: on the pool a batch-1 layer is bimodal (9–11 µs when
     * the worker happened to be awake, 19 as a rule), and the minimum chose it over the calling thread alone at a
     * steady 9.5. Measuring stops once each form was timed {@link #MIN_TIMES} times and at least minNanos have
     * passed, or after {@link #MAX_NANOS}.
     */
    static long[][] timeForms(int[] forms, IntFunction<Runnable> work, long minNanos, int minTimes) {
        int n = forms.length;
        Runnable[] run = new Runnable[n];
        for (int i = 0; i < n; i++) run[i] = work.apply(forms[i]);
        long[][] times = new long[n][KEPT];
        long start = System.nanoTime();
        int timed = 0;
        for (int round = 0; ; round++) {
            long end = 0;
            for (int j = 0; j < n; j++) {
                int i = (j + round) % n;
                run[i].run();
                for (int r = 1; r < RUNS; r++) {
                    long t0 = System.nanoTime();
                    run[i].run();
                    end = System.nanoTime();
                    times[i][(timed + r - 1) % KEPT] = end - t0;
                }
            }
            timed += RUNS - 1;
            long elapsed = end - start;
            int count = Math.min(timed, KEPT), keep = Math.min(count, Math.max(2 * minTimes, count / 2));
            if ((timed >= minTimes && elapsed >= minNanos && settled(times, timed, keep)) || elapsed >= MAX_NANOS) {
                // Only the settled times: earlier ones may have run code the JIT had not compiled yet.
                long[][] out = new long[n][keep];
                for (int i = 0; i < n; i++) {
                    // Oldest first, as Choice keeps them.
                    for (int k = 0; k < keep; k++) out[i][k] = times[i][(timed - keep + k) % KEPT];
                }
                return out;
            }
        }
    }

    /**
     * Whether every form's times have stopped falling: of its latest count times, the median of the later half is at
     * least 9/10 of the earlier half's. A kernel the JIT compiles while it is being timed gets faster run by run (the
     * dense 3×3 layer of ResNet-32 at batch 128 went from 30.8 to 3.8 ms over one measurement's sixteen runs).
     */
    static boolean settled(long[][] times, int timed, int count) {
        int h = count / 2;
        for (long[] t : times) {
            long[] early = new long[h], late = new long[count - h];
            for (int k = 0; k < h; k++) early[k] = t[(timed - count + k) % KEPT];
            for (int k = h; k < count; k++) late[k - h] = t[(timed - count + k) % KEPT];
            if (median(late, late.length) * 10 < median(early, h) * 9) return false;
        }
        return true;
    }

    /** Forgets every measurement (e.g. after the thread count or backend changed mid-run). */
    public static void clear() {
        CHOICES.clear();
    }
}
