package org.prune4j.bench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.model.InputLayout;
import org.prune4j.bench.cli.model.ModelCard;
import org.prune4j.bench.cli.model.ModelCatalog;
import org.prune4j.bench.cli.model.ModelCheckpoints;
import org.prune4j.bench.cli.run.CommandRun;
import org.prune4j.bench.cli.train.MetricsCallback;
import org.prune4j.bench.cli.train.Training;
import org.prune4j.bench.cli.train.TrainingRecipe;
import org.prune4j.nn.Module;
import org.prune4j.nn.train.EpochMetrics;
import org.prune4j.nn.train.EvalResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a model from scratch (densely) and saves it with its model card. */
@Command(name = "train", description = "Train a model from scratch and save it as <out>/model.safetensors.")
final class TrainCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Mixin TrainOptions train;
    @Spec CommandSpec spec;

    @Option(names = "--model", defaultValue = "resnet8", description = "Model name (default: ${DEFAULT-VALUE}); see `prune4j info`.")
    String model;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--resume", description = "Continue from a checkpoint of an interrupted train run (<out>/checkpoints/epoch-NNNN.safetensors).")
    Path resume;

    @Override public Integer call() {
        common.apply();
        String name = ModelCatalog.canonical(model);
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        TrainingRecipe recipe = train.recipe(epochs, data.batchSize());
        DataSplits splits = data.load(common.dataDir(), "fashion-mnist");
        InputLayout layout = InputLayout.of(name, splits.train().sampleShape());
        Module net = ModelCatalog.create(name, splits.train().sampleShape(), splits.numClasses(), common.seed());
        try (CommandRun run = CommandRun.start(spec, common.out())) {
            System.out.println(Prune4jCli.banner());
            System.out.println("data: " + splits.describe());
            System.out.printf("model: %s, %,d parameters%n", name, net.numParameters());
            System.out.println("recipe: " + recipe.describe());
            Training t = new Training(splits, layout);
            List<EpochMetrics> h = t.fit(net, recipe, common.seed(), List.of(new MetricsCallback(run.dir(), "train")),
                    run.dir().checkpoints(), resume);
            EvalResult r = h.isEmpty() ? t.evaluate(net) : h.getLast().eval();
            Path saved = run.dir().root().resolve("model.safetensors");
            ModelCheckpoints.save(saved, net, new ModelCard(name, splits.name().cliName(), splits.train().sampleShape(),
                    splits.numClasses(), common.seed()), null);
            System.out.printf("result: test accuracy %.2f%%, loss %.4f (%d samples)%n", 100 * r.accuracy(), r.loss(), r.samples());
            System.out.println("saved: " + saved);
        }
        return 0;
    }
}
