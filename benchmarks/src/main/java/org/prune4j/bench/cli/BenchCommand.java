package org.prune4j.bench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prune4j.bench.cli.bench.KernelCase;
import org.prune4j.bench.cli.bench.Latency;
import org.prune4j.bench.cli.bench.LatencyMeter;
import org.prune4j.bench.cli.bench.CompiledLatency;
import org.prune4j.bench.cli.bench.RandomMasks;
import org.prune4j.bench.cli.data.DatasetCatalog;
import org.prune4j.bench.cli.data.DatasetName;
import org.prune4j.bench.cli.model.InputLayout;
import org.prune4j.bench.cli.model.ModelCatalog;
import org.prune4j.bench.cli.progress.TaskProgress;
import org.prune4j.bench.cli.report.TextTable;
import org.prune4j.bench.cli.run.CommandRun;
import org.prune4j.core.sparse.MeasuredKernelChoice.Policy;
import org.prune4j.core.tensor.Shape;
import org.prune4j.nn.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A quick speed table, dense vs sparse: single kernels on layer shapes of the pruned
 * models, then whole models with random masks at several sparsities, batch 1 and 64.
 * Medians of short repeated runs after warm-up; JMH (benchmarks/run-jmh) stays the
 * rigorous tool.
 */
@Command(name = "bench", description = "Quick dense-vs-sparse speed table of kernels and models (JMH stays the rigorous tool).")
final class BenchCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--models", split = ",", defaultValue = "lenet5,resnet8", description = "Models to time (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--sparsities", split = ",", defaultValue = "0.5,0.9,0.95", description = "Sparsities of the random masks (default: ${DEFAULT-VALUE}).")
    List<Double> sparsities;

    @Option(names = "--batches", split = ",", defaultValue = "1,64", description = "Batch sizes of the model table (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "Input shape and classes of the models (no data is read; default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--skip-kernels", description = "Only the model table.")
    boolean skipKernels;

    @Option(names = "--skip-models", description = "Only the kernel table.")
    boolean skipModels;

    @Override public Integer call() {
        common.apply();
        DatasetName ds = DatasetName.parse(dataset);
        List<String> names = models.stream().map(ModelCatalog::canonical).toList();
        for (double s : sparsities) checkSparsity(s);
        for (int b : batches) if (b < 1) throw new IllegalArgumentException("--batches must be >= 1, got " + b);
        try (CommandRun run = CommandRun.start(spec, common.out())) {
            System.out.println(Prune4jCli.banner());
            LatencyMeter meter = LatencyMeter.quick();
            if (!skipKernels) kernelTable(run, meter);
            if (!skipModels) modelTable(run, meter, names, ds);
        }
        return 0;
    }

    static void checkSparsity(double s) {
        if (!(s >= 0 && s < 1)) throw new IllegalArgumentException("sparsity must be in [0, 1), got " + s);
    }

    private void kernelTable(CommandRun run, LatencyMeter meter) {
        List<KernelCase> cases = List.of(
                KernelCase.conv("conv3x3 16->16 @28x28 (resnet stage 1)", 8, 16, 28, 16, 3, 1),
                KernelCase.conv("conv3x3 64->64 @8x8 (resnet stage 3)", 8, 64, 8, 64, 3, 1),
                KernelCase.conv("conv1x1 128->128 @16x16 (mobilenet)", 8, 128, 16, 128, 1, 1),
                KernelCase.linear("linear 784->300 (lenet-300-100)", 64, 784, 300));
        TextTable t = new TextTable("kernel (batch 8, linear 64)", "density", "dense ms", "sparse ms", "speedup", "theoretical");
        TaskProgress p = TaskProgress.stderr("bench kernels", cases.size() * sparsities.size());
        for (KernelCase c : cases) {
            for (double s : sparsities) {
                Runnable[] r = c.runs(1 - s, common.seed());
                Latency d = null, sp = null;
                for (int round = 0; round < 2; round++) { // as in the model table: the first timing can run on cold code
                    d = Latency.better(d, meter.measure(r[0]));
                    sp = Latency.better(sp, meter.measure(r[1]));
                }
                t.row(c.name(), pct(1 - s), ms(d), ms(sp), x(d.medianMs() / sp.medianMs()), x(1 / (1 - s)));
                record(run, "kernel", c.name(), s, 0, d, sp);
                p.step(c.name() + " at " + pct(1 - s));
            }
        }
        System.out.println("\nKernels: dense kernel on w*m vs sparse kernel on its CSR (random masks; better median of two rounds)");
        System.out.print(t.render());
    }

    private void modelTable(CommandRun run, LatencyMeter meter, List<String> names, DatasetName ds) {
        Shape sample = DatasetCatalog.sampleShape(ds, 32);
        TextTable t = new TextTable("model", "sparsity", "batch", "dense ms", "sparse ms", "auto ms", "speedup (auto)", "theoretical");
        TaskProgress p = TaskProgress.stderr("bench models", names.size() * sparsities.size() * batches.size());
        for (String name : names) {
            int[] dims = InputLayout.of(name, sample).sampleDims();
            for (double s : sparsities) {
                Module m = ModelCatalog.create(name, sample, DatasetCatalog.numClasses(ds), common.seed());
                RandomMasks.applyLayerwise(m, s, common.seed());
                for (int b : batches) {
                    // Two rounds, each policy's better median kept: in one round the first policy timed ran on code
                    // the JIT had not finished (lenet5 at 50%, batch 1: dense 6.2 ms against 0.34 ms once warm).
                    Latency d = null, sp = null, auto = null;
                    for (int round = 0; round < 2; round++) {
                        d = Latency.better(d, CompiledLatency.measure(m, dims, b, Policy.DENSE, meter));
                        sp = Latency.better(sp, CompiledLatency.measure(m, dims, b, Policy.SPARSE, meter));
                        auto = Latency.better(auto, CompiledLatency.measure(m, dims, b, Policy.AUTO, meter));
                    }
                    t.row(name, pct(s), b, ms(d), ms(sp), ms(auto), x(d.medianMs() / auto.medianMs()), x(1 / (1 - s)));
                    record(run, "model", name, s, b, d, auto);
                    p.step(name + " " + pct(s) + " batch " + b);
                }
            }
        }
        System.out.println("\nModels, compiled for inference (" + ds + " input, random layer-wise masks; better median of two rounds; theoretical = prunable-weight FLOPs only):");
        System.out.print(t.render());
    }

    private static void record(CommandRun run, String kind, String name, double sparsity, int batch, Latency dense, Latency sparse) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("name", name);
        m.put("sparsity", sparsity);
        if (batch > 0) m.put("batch", batch);
        m.put("dense_ms", dense.medianMs());
        m.put("sparse_ms", sparse.medianMs());
        m.put("speedup", dense.medianMs() / sparse.medianMs());
        run.dir().appendMetrics(m);
    }

    static String pct(double f) { return String.format(Locale.ROOT, "%.0f%%", 100 * f); }

    static String ms(Latency l) { return String.format(Locale.ROOT, "%.3f", l.medianMs()); }

    static String x(double v) { return String.format(Locale.ROOT, "%.2fx", v); }
}
