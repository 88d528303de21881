package org.prune4j.bench.cli.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.model.InputLayout;
import org.prune4j.bench.cli.model.ModelCard;
import org.prune4j.bench.cli.model.ModelCatalog;
import org.prune4j.bench.cli.progress.TaskProgress;
import org.prune4j.bench.cli.train.Training;
import org.prune4j.bench.cli.train.TrainingRecipe;
import org.prune4j.nn.Module;
import org.prune4j.nn.prune.ProgressiveSkeletonization;
import org.prune4j.nn.prune.PruneData;
import org.prune4j.nn.prune.PruneReport;
import org.prune4j.nn.prune.PruningMethod;
import org.prune4j.nn.train.EpochMetrics;
import org.prune4j.nn.train.EvalResult;
import org.prune4j.nn.train.TrainerCallback;

/**
 * One pruning experiment from start to finish, shaped by the method's {@link MethodKind}:
 * the dense baseline (trained, or taken from {@link DenseModels}), then prune and
 * fine-tune, prune at init and train, or train while pruning gradually; then the
 * pruned model's test accuracy and per-layer report. Used by prune, sweep and demo so
 * the three agree on what "a run" is.
 */
public final class PrunePipeline {
    private final String model;
    private final DataSplits data;
    private final InputLayout layout;
    private final Training training;
    private final TrainingRecipe denseRecipe;
    private final TrainingRecipe finetuneRecipe;
    private final Function<String, List<TrainerCallback>> callbacksForPhase;

    /** callbacksForPhase gives the extra callbacks (metrics logging) of each training phase: dense, finetune, sparse-train. */
    public PrunePipeline(String model, DataSplits data, TrainingRecipe denseRecipe, TrainingRecipe finetuneRecipe,
                         Function<String, List<TrainerCallback>> callbacksForPhase) {
        this.model = ModelCatalog.canonical(model);
        this.data = data;
        this.layout = InputLayout.of(this.model, data.train().sampleShape());
        this.training = new Training(data, layout);
        this.denseRecipe = denseRecipe;
        this.finetuneRecipe = finetuneRecipe;
        this.callbacksForPhase = callbacksForPhase;
    }

    /** What a run produced: the dense baseline, the pruned model and their accuracies. */
    public record Outcome(Module dense, double denseAccuracy, Module pruned, EvalResult prunedEval, PruneReport report,
                          MethodKind kind, double seconds) {}

    public InputLayout layout() { return layout; }

    public ModelCard card(long seed) {
        return new ModelCard(model, data.name().cliName(), data.train().sampleShape(), data.numClasses(), seed);
    }

    public Module fresh(long seed) { return ModelCatalog.create(model, data.train().sampleShape(), data.numClasses(), seed); }

    /** The trained dense baseline for seed, from cache when it has one. */
    public DenseModels.Dense dense(long seed, DenseModels cache) {
        java.util.function.Supplier<DenseModels.Dense> train = () -> {
            System.out.println("dense: training " + model + " (seed " + seed + "): " + denseRecipe.describe());
            Module m = fresh(seed);
            List<EpochMetrics> h = training.fit(m, denseRecipe, seed, tagged("dense"), null, null);
            double acc = h.isEmpty() ? training.evaluate(m).accuracy() : h.getLast().eval().accuracy();
            System.out.printf(Locale.ROOT, "dense: test accuracy %.2f%%%n", 100 * acc);
            return new DenseModels.Dense(m, acc);
        };
        return cache == null ? train.get() : cache.obtain(card(seed), train);
    }

    /** Prunes per setup; dense is the trained baseline ({@link #dense}), whose weights AFTER_TRAINING methods start from. */
    public Outcome run(PruneSetup setup, long seed, DenseModels.Dense dense) {
        long t0 = System.nanoTime();
        MethodKind kind = setup.kind();
        PruneData pruneData = new PruneData(training.trainSource(finetuneRecipe.batchSize(), seed ^ 0x9E3779B9L), finetuneRecipe.labelSmoothing());
        TrainingRecipe sparseRecipe = kind == MethodKind.AFTER_TRAINING ? finetuneRecipe
                : finetuneRecipe.withEpochs(denseRecipe.epochs() + finetuneRecipe.epochs()).withLr(denseRecipe.lr());
        long steps = (long) sparseRecipe.epochs() * training.trainSource(sparseRecipe.batchSize(), seed).batchesPerEpoch();
        PruningMethod method = setup.create(Math.max(1, steps));
        System.out.println("prune: " + setup.method() + " to " + pct(setup.options().sparsity()) + ": " + kind.plan(denseRecipe.epochs(), finetuneRecipe.epochs()));

        Module start = fresh(seed);
        if (kind == MethodKind.AFTER_TRAINING) start.loadStateDict(dense.model().stateDict());
        if (method instanceof ProgressiveSkeletonization ps) {
            TaskProgress p = TaskProgress.stderr("pruning steps", setup.options().steps());
            ps.observe((i, layers) -> p.step("step " + i));
        }
        Module pruned = method.prepare(start, pruneData);
        List<TrainerCallback> cbs = new ArrayList<>(tagged(kind == MethodKind.AFTER_TRAINING ? "finetune" : "sparse-train"));
        if (kind == MethodKind.GRADUAL) cbs.add(new PruneProgress(method.trainingCallback(pruned, steps)));
        if (kind == MethodKind.AFTER_TRAINING) {
            System.out.printf(Locale.ROOT, "prune: accuracy right after pruning %.2f%%%n", 100 * training.evaluate(pruned).accuracy());
        }
        List<EpochMetrics> h = training.fit(pruned, sparseRecipe, seed, cbs, null, null);
        EvalResult eval = h.isEmpty() ? training.evaluate(pruned) : h.getLast().eval();
        PruneReport report = PruneReport.of(pruned);
        return new Outcome(dense.model(), dense.testAccuracy(), pruned, eval, report, kind, (System.nanoTime() - t0) / 1e9);
    }

    public Training training() { return training; }

    private List<TrainerCallback> tagged(String phase) { return callbacksForPhase.apply(phase); }

    static String pct(double f) { return String.format(Locale.ROOT, "%.1f%%", 100 * f); }
}
