package org.prune4j.bench.cli.bench;

import java.util.Locale;

/** A measured latency: the median and the fastest of `repeats` timed runs, in milliseconds. */
public record Latency(double medianMs, double minMs, int repeats) {
    /** The one with the lower median; a null side loses. */
    public static Latency better(Latency a, Latency b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.medianMs() < a.medianMs() ? b : a;
    }

    @Override public String toString() { return String.format(Locale.ROOT, "%.3f ms (median of %d)", medianMs, repeats); }
}
