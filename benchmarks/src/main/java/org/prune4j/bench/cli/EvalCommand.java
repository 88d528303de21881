package org.prune4j.bench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.model.InputLayout;
import org.prune4j.bench.cli.model.ModelCheckpoints;
import org.prune4j.bench.cli.run.CommandRun;
import org.prune4j.bench.cli.train.Training;
import org.prune4j.nn.train.EvalResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Evaluates a saved model (dense or pruned) on the test split of its data set. */
@Command(name = "eval", description = "Evaluate a checkpoint on the test split (its own data set unless --dataset says otherwise).")
final class EvalCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin DataOptions data;
    @Spec CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A model.safetensors written by train, prune or finetune.")
    Path checkpoint;

    @Override public Integer call() {
        common.apply();
        ModelCheckpoints.Loaded loaded = ModelCheckpoints.load(checkpoint);
        DataSplits splits = data.load(common.dataDir(), loaded.card().dataset());
        InputLayout layout = InputLayout.of(loaded.card().model(), splits.test().sampleShape());
        try (CommandRun run = CommandRun.start(spec, common.out())) {
            System.out.println(Prune4jCli.banner());
            System.out.println("model: " + loaded.card().model() + " from " + checkpoint + ", " + SparsitySummary.of(loaded.model()));
            System.out.println("data: " + splits.describe());
            EvalResult r = new Training(splits, layout).evaluate(loaded.model());
            System.out.printf("result: test accuracy %.2f%%, loss %.4f (%d samples)%n", 100 * r.accuracy(), r.loss(), r.samples());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", "eval");
            m.put("checkpoint", checkpoint.toString());
            m.put("test_accuracy", r.accuracy());
            m.put("test_loss", r.loss());
            m.put("samples", r.samples());
            run.dir().appendMetrics(m);
        }
        return 0;
    }
}
