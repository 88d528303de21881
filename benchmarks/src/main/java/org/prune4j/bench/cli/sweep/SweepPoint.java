package org.prune4j.bench.cli.sweep;

import java.util.Locale;

/** One cell of a sweep's grid; its key identifies a finished run when a sweep resumes. */
public record SweepPoint(String model, String method, double sparsity, long seed) {
    public String key() { return key(model, method, sparsity, seed); }

    public static String key(String model, String method, double sparsity, long seed) {
        return String.format(Locale.ROOT, "%s|%s|%.6f|%d", model, method, sparsity, seed);
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "%s %s %.1f%% seed %d", model, method, 100 * sparsity, seed);
    }
}
