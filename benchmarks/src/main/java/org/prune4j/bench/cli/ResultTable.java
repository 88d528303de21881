package org.prune4j.bench.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.prune4j.bench.cli.pipeline.ModelMeasurements;
import org.prune4j.bench.cli.pipeline.PrunePipeline;
import org.prune4j.bench.cli.pipeline.PruneSetup;
import org.prune4j.bench.cli.report.TextTable;
import org.prune4j.nn.flops.FlopReport;

/** The dense-vs-pruned summary of one pruning run, as a table and as a metrics record. */
final class ResultTable {
    private ResultTable() {}

    static TextTable of(PrunePipeline.Outcome o, ModelMeasurements m) {
        FlopReport f = m.flops();
        TextTable t = new TextTable("", "dense", "pruned", "ratio");
        t.row("test accuracy", pct(o.denseAccuracy()), pct(o.prunedEval().accuracy()), String.format(Locale.ROOT, "%+.2f pt", 100 * (o.prunedEval().accuracy() - o.denseAccuracy())));
        t.row("prunable-weight sparsity", "0.0%", pct(o.report().sparsity()), "");
        t.row("parameters (nonzero)", String.format(Locale.ROOT, "%,d", f.totalParameters()), String.format(Locale.ROOT, "%,d", f.nonzeroParameters()),
                x(f.compressionRatio()) + " compression");
        t.row("MACs per sample", String.format(Locale.ROOT, "%,d", f.denseMacs()), String.format(Locale.ROOT, "%,d", f.effectiveMacs()),
                x(f.theoreticalSpeedup()) + " theoretical");
        t.row("latency batch 1 (ms)", ms(m.dense1().medianMs()), ms(m.sparse1().medianMs()), x(m.speedup1()) + " measured");
        t.row("latency batch 64 (ms)", ms(m.dense64().medianMs()), ms(m.sparse64().medianMs()), x(m.speedup64()) + " measured");
        return t;
    }

    static Map<String, Object> record(PruneSetup setup, long seed, PrunePipeline.Outcome o, ModelMeasurements m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("phase", "result");
        r.put("method", setup.method());
        r.put("target_sparsity", setup.options().sparsity());
        r.put("seed", seed);
        r.put("sparsity", o.report().sparsity());
        r.put("dense_accuracy", o.denseAccuracy());
        r.put("accuracy", o.prunedEval().accuracy());
        r.put("params", m.flops().totalParameters());
        r.put("params_nonzero", m.flops().nonzeroParameters());
        r.put("compression", m.flops().compressionRatio());
        r.put("dense_macs", m.flops().denseMacs());
        r.put("effective_macs", m.flops().effectiveMacs());
        r.put("theoretical_speedup", m.flops().theoreticalSpeedup());
        r.put("dense_ms_b1", m.dense1().medianMs());
        r.put("sparse_ms_b1", m.sparse1().medianMs());
        r.put("dense_ms_b64", m.dense64().medianMs());
        r.put("sparse_ms_b64", m.sparse64().medianMs());
        return r;
    }

    static String pct(double f) { return String.format(Locale.ROOT, "%.2f%%", 100 * f); }

    static String ms(double v) { return String.format(Locale.ROOT, "%.3f", v); }

    static String x(double v) { return String.format(Locale.ROOT, "%.2fx", v); }
}
