package org.prune4j.bench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.model.InputLayout;
import org.prune4j.bench.cli.model.ModelCheckpoints;
import org.prune4j.bench.cli.run.CommandRun;
import org.prune4j.bench.cli.train.MetricsCallback;
import org.prune4j.bench.cli.train.Training;
import org.prune4j.bench.cli.train.TrainingRecipe;
import org.prune4j.nn.train.EpochMetrics;
import org.prune4j.nn.train.EvalResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Fine-tunes a (pruned) checkpoint with its masks fixed: the optimizer keeps pruned
 * weights at exactly zero, so the sparsity the pruner reached is what gets saved.
 */
@Command(name = "finetune", description = "Fine-tune a pruned checkpoint with its masks fixed and save <out>/model.safetensors.")
final class FinetuneCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;
    @Spec CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A model.safetensors written by prune (or train).")
    Path checkpoint;

    @Option(names = "--epochs", defaultValue = "2", description = "Fine-tuning epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override public Integer call() {
        common.apply();
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        TrainingRecipe recipe = train.recipe(epochs, data.batchSize());
        ModelCheckpoints.Loaded loaded = ModelCheckpoints.load(checkpoint);
        DataSplits splits = data.load(common.dataDir(), loaded.card().dataset());
        InputLayout layout = InputLayout.of(loaded.card().model(), splits.train().sampleShape());
        try (CommandRun run = CommandRun.start(spec, common.out())) {
            System.out.println(Prune4jCli.banner());
            System.out.println("model: " + loaded.card().model() + " from " + checkpoint + ", " + SparsitySummary.of(loaded.model()));
            System.out.println("data: " + splits.describe());
            System.out.println("recipe: " + recipe.describe());
            Training t = new Training(splits, layout);
            EvalResult before = t.evaluate(loaded.model());
            System.out.printf("before: test accuracy %.2f%%%n", 100 * before.accuracy());
            List<EpochMetrics> h = t.fit(loaded.model(), recipe, common.seed(), List.of(new MetricsCallback(run.dir(), "finetune")),
                    run.dir().checkpoints(), null);
            Path saved = run.dir().root().resolve("model.safetensors");
            ModelCheckpoints.save(saved, loaded.model(), loaded.card(), null);
            System.out.printf("result: test accuracy %.2f%% after %d epochs, %s%n", 100 * h.getLast().eval().accuracy(), epochs,
                    SparsitySummary.of(loaded.model()));
            System.out.println("saved: " + saved);
        }
        return 0;
    }
}
