package org.prune4j.bench.cli.bench;

import java.util.Arrays;

/**
 * Times a piece of work the way a quick, honest harness should: warm up first (JIT,
 * caches, the dense-vs-sparse measurement of each layer) for a minimum count and time,
 * then time repeats one by one and report the median, which shrugs off the odd
 * disturbance of a shared machine. The budget bounds how long the repeats take; JMH
 * remains the rigorous tool.
 */
public final class LatencyMeter {
    private final int warmupRuns;
    private final long warmupNanos;
    private final int minRepeats;
    private final int maxRepeats;
    private final long budgetNanos;

    public LatencyMeter(int warmupRuns, double warmupSeconds, int minRepeats, int maxRepeats, double budgetSeconds) {
        if (warmupRuns < 0 || minRepeats < 1 || maxRepeats < minRepeats) {
            throw new IllegalArgumentException("LatencyMeter: need warmup >= 0 and 1 <= min repeats <= max repeats");
        }
        this.warmupRuns = warmupRuns;
        this.warmupNanos = (long) (warmupSeconds * 1e9);
        this.minRepeats = minRepeats;
        this.maxRepeats = maxRepeats;
        this.budgetNanos = (long) (budgetSeconds * 1e9);
    }

    /** 3 warm-up runs and 0.5 s, then 5 to 31 repeats within about 2 s. */
    public static LatencyMeter quick() { return new LatencyMeter(3, 0.5, 5, 31, 2.0); }

    public Latency measure(Runnable work) {
        long t0 = System.nanoTime();
        for (int i = 0; i < warmupRuns || System.nanoTime() - t0 < warmupNanos; i++) work.run();
        long[] times = new long[maxRepeats];
        int n = 0;
        long start = System.nanoTime();
        while (n < maxRepeats && (n < minRepeats || System.nanoTime() - start < budgetNanos)) {
            long a = System.nanoTime();
            work.run();
            times[n++] = System.nanoTime() - a;
        }
        long[] t = Arrays.copyOf(times, n);
        Arrays.sort(t);
        double median = n % 2 == 1 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2.0;
        return new Latency(median / 1e6, t[0] / 1e6, n);
    }
}
