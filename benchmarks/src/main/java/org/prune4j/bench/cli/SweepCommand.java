package org.prune4j.bench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prune4j.bench.cli.bench.LatencyMeter;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.model.ModelCatalog;
import org.prune4j.bench.cli.model.ModelCheckpoints;
import org.prune4j.bench.cli.pipeline.DenseModels;
import org.prune4j.bench.cli.pipeline.ModelMeasurements;
import org.prune4j.bench.cli.pipeline.PrunePipeline;
import org.prune4j.bench.cli.pipeline.PruneSetup;
import org.prune4j.bench.cli.progress.TaskProgress;
import org.prune4j.bench.cli.run.CommandRun;
import org.prune4j.bench.cli.sweep.ResultStore;
import org.prune4j.bench.cli.sweep.SweepPlots;
import org.prune4j.bench.cli.sweep.SweepSummary;
import org.prune4j.bench.cli.sweep.SweepPoint;
import org.prune4j.bench.cli.train.TrainingRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A grid of models × methods × sparsities × seeds. Every finished run is appended to
 * results.csv and results.jsonl at once; rerunning with the same --out skips finished
 * runs (and reuses the trained dense baselines in dense/), so a killed sweep resumes
 * where it stopped. Ends with the accuracy and speedup plots. The grid comes from flags
 * or from a spec file of flags, one per line (picocli's @file: prune4j sweep @grid.txt).
 */
@Command(name = "sweep", description = {"Run a resumable grid of models x methods x sparsities x seeds; write results.csv/.jsonl and plots.",
        "Flags may come from a spec file, one per line: prune4j sweep @grid.txt"})
final class SweepCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;
    @Spec CommandSpec spec;

    @Option(names = "--models", split = ",", defaultValue = "resnet8", description = "Models (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--methods", split = ",", defaultValue = "global-mp,random", description = "Pruning methods (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--sparsities", split = ",", defaultValue = "0.5,0.8,0.9", description = "Target sparsities (default: ${DEFAULT-VALUE}).")
    List<Double> sparsities;

    @Option(names = "--seeds", split = ",", defaultValue = "0,1", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--dense-epochs", defaultValue = "1", description = "Dense training epochs per model and seed (default: ${DEFAULT-VALUE}).")
    int denseEpochs;

    @Option(names = "--finetune-epochs", defaultValue = "1", description = "Fine-tuning epochs per run (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--finetune-lr", description = "Peak learning rate of fine-tuning (default: a fifth of --lr).")
    Float finetuneLr;

    @Option(names = "--remeasure", description = "Train nothing: re-time the saved models of the finished runs (e.g. on a quiet machine) and rewrite their latency columns.")
    boolean remeasure;

    @Mixin PruneFlags prune;

    @Override public Integer call() {
        common.apply();
        if (denseEpochs < 1) throw new IllegalArgumentException("--dense-epochs must be >= 1, got " + denseEpochs);
        if (finetuneEpochs < 0) throw new IllegalArgumentException("--finetune-epochs must be >= 0, got " + finetuneEpochs);
        List<String> modelNames = models.stream().map(ModelCatalog::canonical).toList();
        PruneSetup base = prune.setup(0);
        List<PruneSetup> setups = methods.stream().map(m -> base.withMethod(m)).toList(); // validates every name first
        for (double s : sparsities) BenchCommand.checkSparsity(s);
        TrainingRecipe dense = train.recipe(denseEpochs, data.batchSize());
        TrainingRecipe fine = dense.withEpochs(finetuneEpochs).withLr(finetuneLr != null ? finetuneLr : dense.lr() / 5);
        DataSplits splits = data.load(common.dataDir(), "fashion-mnist");
        List<SweepPoint> grid = new ArrayList<>();
        for (String m : modelNames) for (long seed : seeds) for (PruneSetup s : setups) for (double sp : sparsities) grid.add(new SweepPoint(m, s.method(), sp, seed));

        try (CommandRun run = CommandRun.start(spec, common.out())) {
            ResultStore store = ResultStore.open(run.dir().root());
            DenseModels cache = new DenseModels(run.dir().root().resolve("dense"));
            long done = grid.stream().filter(store::isFinished).count();
            System.out.println(Prune4jCli.banner());
            System.out.println("data: " + splits.describe());
            System.out.printf(Locale.ROOT, "sweep: %d runs (%s x %s x %s x seeds %s) in %s; %d already finished%n",
                    grid.size(), modelNames, methods, sparsities, seeds, run.dir(), done);
            if (remeasure) {
                remeasure(store, run.dir().root(), modelNames, splits, dense, fine);
                writeReports(store, run.dir().root());
                return 0;
            }
            TaskProgress progress = TaskProgress.stderr("sweep", grid.size());
            progress.skip((int) done);
            LatencyMeter meter = LatencyMeter.quick();
            for (String m : modelNames) {
                PrunePipeline pipeline = new PrunePipeline(m, splits, dense, fine, phase -> List.of());
                for (SweepPoint p : grid) {
                    if (!p.model().equals(m) || store.isFinished(p)) continue;
                    System.out.println("\n== run: " + p);
                    DenseModels.Dense baseline = pipeline.dense(p.seed(), cache);
                    PruneSetup setup = base.withMethod(p.method()).withSparsity(p.sparsity()).withSeed(p.seed());
                    PrunePipeline.Outcome o = pipeline.run(setup, p.seed(), baseline);
                    ModelCheckpoints.save(modelFile(run.dir().root(), p), o.pruned(), pipeline.card(p.seed()), null);
                    ModelMeasurements mm = ModelMeasurements.of(o.dense(), o.pruned(), pipeline.layout().sampleDims(), meter);
                    store.append(row(p, splits, o, mm));
                    System.out.printf(Locale.ROOT, "== result: %s: accuracy %.2f%% (dense %.2f%%), sparsity %.2f%%, speedup %.2fx (b1) %.2fx (b64), theoretical %.2fx%n",
                            p, 100 * o.prunedEval().accuracy(), 100 * o.denseAccuracy(), 100 * o.report().sparsity(), mm.speedup1(), mm.speedup64(),
                            mm.flops().theoreticalSpeedup());
                    progress.step(p.toString());
                }
            }
            writeReports(store, run.dir().root());
        }
        return 0;
    }

    private static void writeReports(ResultStore store, Path dir) {
        List<Path> plots = SweepPlots.write(store.rows(), dir);
        Path summary = SweepSummary.write(store.rows(), dir);
        System.out.println("\n" + SweepSummary.markdown(store.rows()));
        System.out.println("results: " + dir.resolve("results.csv") + " (" + store.rows().size() + " runs); tables: " + summary);
        for (Path p : plots) System.out.println("plot: " + p);
    }

    /** Where a run's pruned model is kept (with its masks), so its latency can be measured again later. */
    static Path modelFile(Path dir, SweepPoint p) {
        return dir.resolve("models").resolve(String.format(Locale.ROOT, "%s-%s-%.2f-seed%d.safetensors", p.model(), p.method(), 100 * p.sparsity(), p.seed()));
    }

    /**
     * Re-times every finished run whose pruned model was saved, against a dense model of
     * the same architecture (dense kernels do not depend on the weights' values), and
     * rewrites the latency columns in place. Runs without a saved model keep their figures
     * and are listed.
     */
    private void remeasure(ResultStore store, Path dir, List<String> modelNames, DataSplits splits, TrainingRecipe dense, TrainingRecipe fine) {
        LatencyMeter meter = LatencyMeter.quick();
        List<Map<String, Object>> rows = store.rows().stream().filter(r -> modelNames.contains(String.valueOf(r.get("model")))).toList();
        TaskProgress progress = TaskProgress.stderr("remeasure", rows.size());
        List<String> missing = new ArrayList<>();
        int done = 0;
        for (Map<String, Object> r : rows) {
            SweepPoint p = new SweepPoint(String.valueOf(r.get("model")), String.valueOf(r.get("method")),
                    ((Number) r.get("target_sparsity")).doubleValue(), ((Number) r.get("seed")).longValue());
            Path f = modelFile(dir, p);
            if (!Files.isRegularFile(f)) {
                missing.add(p.toString());
                progress.step(p.toString());
                continue;
            }
            PrunePipeline pipeline = new PrunePipeline(p.model(), splits, dense, fine, phase -> List.of());
            ModelCheckpoints.Loaded l = ModelCheckpoints.load(f);
            ModelMeasurements mm = ModelMeasurements.of(pipeline.fresh(p.seed()), l.model(), pipeline.layout().sampleDims(), meter);
            Map<String, Object> updated = new LinkedHashMap<>(r);
            putLatencies(updated, mm);
            store.replace(updated);
            done++;
            System.out.printf(Locale.ROOT, "remeasured %s: speedup %.2fx (b1) %.2fx (b64), theoretical %.2fx%n", p, mm.speedup1(), mm.speedup64(),
                    ((Number) r.get("theoretical_speedup")).doubleValue());
            progress.step(p.toString());
        }
        System.out.printf(Locale.ROOT, "remeasured %d of %d finished runs%s%n", done, rows.size(),
                missing.isEmpty() ? "" : "; no saved model (figures kept from the run itself): " + String.join(", ", missing));
    }

    static Map<String, Object> row(SweepPoint p, DataSplits splits, PrunePipeline.Outcome o, ModelMeasurements m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", p.model());
        r.put("dataset", splits.name().cliName());
        r.put("method", p.method());
        r.put("target_sparsity", p.sparsity());
        r.put("seed", p.seed());
        r.put("sparsity", o.report().sparsity());
        r.put("dense_accuracy", o.denseAccuracy());
        r.put("accuracy", o.prunedEval().accuracy());
        r.put("params", m.flops().totalParameters());
        r.put("params_nonzero", m.flops().nonzeroParameters());
        r.put("compression", m.flops().compressionRatio());
        r.put("dense_macs", m.flops().denseMacs());
        r.put("effective_macs", m.flops().effectiveMacs());
        r.put("theoretical_speedup", m.flops().theoreticalSpeedup());
        putLatencies(r, m);
        r.put("seconds", o.seconds());
        return r;
    }

    /** The measured latency columns of a result row (also what --remeasure rewrites). */
    private static void putLatencies(Map<String, Object> r, ModelMeasurements m) {
        r.put("dense_ms_b1", m.dense1().medianMs());
        r.put("sparse_ms_b1", m.sparse1().medianMs());
        r.put("speedup_b1", m.speedup1());
        r.put("dense_ms_b64", m.dense64().medianMs());
        r.put("sparse_ms_b64", m.sparse64().medianMs());
        r.put("speedup_b64", m.speedup64());
    }
}
