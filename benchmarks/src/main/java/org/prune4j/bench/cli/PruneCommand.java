package org.prune4j.bench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prune4j.bench.cli.bench.LatencyMeter;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.model.ModelCheckpoints;
import org.prune4j.bench.cli.pipeline.DenseModels;
import org.prune4j.bench.cli.pipeline.MethodKind;
import org.prune4j.bench.cli.pipeline.ModelMeasurements;
import org.prune4j.bench.cli.pipeline.PrunePipeline;
import org.prune4j.bench.cli.pipeline.PruneSetup;
import org.prune4j.bench.cli.run.CommandRun;
import org.prune4j.bench.cli.train.MetricsCallback;
import org.prune4j.bench.cli.train.TrainingRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prunes a model with any method of the pruning library and fine-tunes it, then prints
 * the per-layer sparsities, FLOPs and parameters dense and effective, and the measured
 * latency beside the theoretical speedup. Starts from a trained checkpoint when given
 * one; otherwise trains the dense baseline first.
 */
@Command(name = "prune", description = "Prune a model (any method), fine-tune it, report sparsity, FLOPs and measured speed; saves <out>/model.safetensors.")
final class PruneCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;
    @Mixin PruneFlags prune;
    @Spec CommandSpec spec;

    @Option(names = "--checkpoint", description = "Trained dense model.safetensors to prune (default: train one first).")
    Path checkpoint;

    @Option(names = "--model", defaultValue = "resnet8", description = "Model to train when no --checkpoint is given (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--dense-epochs", defaultValue = "3", description = "Epochs of dense training when no --checkpoint is given (default: ${DEFAULT-VALUE}).")
    int denseEpochs;

    @Option(names = "--finetune-epochs", defaultValue = "1", description = "Fine-tuning epochs after pruning (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--finetune-lr", description = "Peak learning rate of fine-tuning (default: a fifth of --lr).")
    Float finetuneLr;

    @Override public Integer call() {
        common.apply();
        PruneSetup setup = prune.setup(common.seed());
        if (denseEpochs < 0) throw new IllegalArgumentException("--dense-epochs must be >= 0, got " + denseEpochs);
        if (finetuneEpochs < 0) throw new IllegalArgumentException("--finetune-epochs must be >= 0, got " + finetuneEpochs);
        ModelCheckpoints.Loaded loaded = checkpoint == null ? null : ModelCheckpoints.load(checkpoint);
        String name = loaded != null ? loaded.card().model() : model;
        DataSplits splits = data.load(common.dataDir(), loaded != null ? loaded.card().dataset() : "fashion-mnist");
        TrainingRecipe dense = train.recipe(denseEpochs, data.batchSize());
        TrainingRecipe fine = dense.withEpochs(finetuneEpochs).withLr(finetuneLr != null ? finetuneLr : dense.lr() / 5);
        try (CommandRun run = CommandRun.start(spec, common.out())) {
            System.out.println(Prune4jCli.banner());
            System.out.println("data: " + splits.describe());
            PrunePipeline pipeline = new PrunePipeline(name, splits, dense, fine, phase -> List.of(new MetricsCallback(run.dir(), phase)));
            DenseModels.Dense baseline;
            if (loaded != null) {
                if (setup.kind() != MethodKind.AFTER_TRAINING) {
                    System.out.println("note: " + setup.method() + " prunes " + (setup.kind() == MethodKind.AT_INIT ? "at initialisation" : "during training")
                            + "; the checkpoint serves as the dense baseline only");
                }
                baseline = new DenseModels.Dense(loaded.model(), pipeline.training().evaluate(loaded.model()).accuracy());
                System.out.printf(Locale.ROOT, "dense: %s from %s, test accuracy %.2f%%%n", name, checkpoint, 100 * baseline.testAccuracy());
            } else {
                baseline = pipeline.dense(common.seed(), null);
            }
            PrunePipeline.Outcome o = pipeline.run(setup, common.seed(), baseline);
            System.out.println("\nper-layer sparsity:");
            System.out.print(o.report().toTable());
            ModelMeasurements m = ModelMeasurements.of(o.dense(), o.pruned(), pipeline.layout().sampleDims(), LatencyMeter.quick());
            System.out.println();
            System.out.print(ResultTable.of(o, m).render());
            Path saved = run.dir().root().resolve("model.safetensors");
            ModelCheckpoints.save(saved, o.pruned(), pipeline.card(common.seed()),
                    Map.of("prune4j.method", setup.method(), "prune4j.sparsity", Double.toString(o.report().sparsity())));
            run.dir().appendMetrics(ResultTable.record(setup, common.seed(), o, m));
            System.out.println("saved: " + saved);
        }
        return 0;
    }
}
