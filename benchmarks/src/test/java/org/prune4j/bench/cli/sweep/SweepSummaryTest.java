package org.prune4j.bench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSummaryTest {
    @TempDir Path tmp;

    private static Map<String, Object> row(String method, double sparsity, long seed, double dense, double acc, double theo, double s1, double s64) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", "lenet5");
        r.put("dataset", "fashion-mnist");
        r.put("method", method);
        r.put("target_sparsity", sparsity);
        r.put("seed", seed);
        r.put("dense_accuracy", dense);
        r.put("accuracy", acc);
        r.put("theoretical_speedup", theo);
        r.put("speedup_b1", s1);
        r.put("speedup_b64", s64);
        return r;
    }

    @Test void meanAndSampleStdOverSeedsMediansOfSpeedups() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("global-mp", 0.9, 0, 0.90, 0.80, 5.0, 1.0, 2.0));
        rows.add(row("global-mp", 0.9, 1, 0.92, 0.82, 5.2, 3.0, 2.5));
        rows.add(row("global-mp", 0.9, 2, 0.91, 0.84, 5.4, 2.0, 9.0));
        rows.add(row("random", 0.9, 0, 0.90, 0.50, 9.0, 4.0, 4.0));
        rows.add(row("global-mp", 0.95, 0, 0.90, 0.70, 8.0, 1.5, 1.5));
        String md = SweepSummary.markdown(rows);
        // accuracies 80, 82, 84: mean 82, sample std 2; dense 90, 92, 91: mean 91, std 1.
        assertTrue(md.contains("(dense: 91.00 ± 1.00)"), md);
        assertTrue(md.contains("| global-mp | 82.00 ± 2.00 | 70.00 (1 seed) |"), md);
        // random has no 95% run: a dash, not a zero.
        assertTrue(md.contains("| random | 50.00 (1 seed) | – |"), md);
        // medians: theoretical 5.2, b1 2.0, b64 2.5.
        assertTrue(md.contains("| global-mp | 5.20x / 2.00x / 2.50x | 8.00x / 1.50x / 1.50x |"), md);
        assertTrue(md.contains("| method | 90% | 95% |"), md);
    }

    @Test void writesTheFileAtomically() throws Exception {
        Path f = SweepSummary.write(List.of(row("force", 0.98, 0, 0.9, 0.6, 30, 3, 4)), tmp);
        assertEquals(tmp.resolve("summary.md"), f);
        assertTrue(Files.readString(f).contains("| force | 60.00 (1 seed) |"));
        assertTrue(Files.notExists(tmp.resolve("summary.md.tmp")));
    }

    @Test void medianOfEvenCountAveragesTheMiddlePair() {
        assertEquals(2.5, SweepSummary.median(List.of(4.0, 1.0, 3.0, 2.0)), 1e-12);
    }
}
