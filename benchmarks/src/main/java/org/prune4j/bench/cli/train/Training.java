package org.prune4j.bench.cli.train;

import java.nio.file.Path;
import java.util.List;
import org.prune4j.bench.cli.LoaderBatchSource;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.model.InputLayout;
import org.prune4j.data.DataLoader;
import org.prune4j.nn.Module;
import org.prune4j.nn.optim.Optimizer;
import org.prune4j.nn.train.BatchSource;
import org.prune4j.nn.train.EpochMetrics;
import org.prune4j.nn.train.EvalResult;
import org.prune4j.nn.train.ProgressBar;
import org.prune4j.nn.train.Trainer;
import org.prune4j.nn.train.TrainerCallback;

/**
 * Trains and evaluates a model on a {@link DataSplits} with a {@link TrainingRecipe}: the
 * glue between the data loaders and the nn Trainer that every command shares. Masks on
 * the model's parameters stay fixed (the optimizer keeps pruned weights at zero), so the
 * same call is dense training and sparse fine-tuning.
 */
public final class Training {
    static final int EVAL_BATCH = 256;
    private final DataSplits data;
    private final InputLayout layout;

    public Training(DataSplits data, InputLayout layout) {
        this.data = data;
        this.layout = layout;
    }

    public BatchSource trainSource(int batchSize, long seed) {
        DataLoader l = DataLoader.builder(data.train()).batchSize(batchSize).shuffle(true).seed(seed)
                .transform(data.trainTransform()).build();
        return new LoaderBatchSource(l, layout);
    }

    public BatchSource testSource() {
        DataLoader l = DataLoader.builder(data.test()).batchSize(EVAL_BATCH).shuffle(false).transform(data.evalTransform()).build();
        return new LoaderBatchSource(l, layout);
    }

    /**
     * Runs recipe.epochs() epochs (none when 0), evaluating on the test split after each.
     * checkpointDir (nullable) receives a resumable checkpoint per epoch; resumeFrom
     * (nullable) continues such a run.
     */
    public List<EpochMetrics> fit(Module model, TrainingRecipe recipe, long seed, List<TrainerCallback> callbacks,
                                  Path checkpointDir, Path resumeFrom) {
        if (recipe.epochs() == 0) return List.of();
        BatchSource train = trainSource(recipe.batchSize(), seed);
        Optimizer opt = recipe.newOptimizer(model.parameters());
        Trainer.Builder b = Trainer.builder(model, opt)
                .epochs(recipe.epochs())
                .labelSmoothing(recipe.labelSmoothing())
                .scheduler(recipe.newScheduler(train.batchesPerEpoch()))
                .evalSource(testSource())
                .seed(seed)
                .progress(ProgressBar.stderr())
                .checkpointDir(checkpointDir);
        for (TrainerCallback c : callbacks) b.callback(c);
        Trainer trainer = b.build();
        if (resumeFrom != null) trainer.resume(resumeFrom);
        return trainer.fit(train);
    }

    public EvalResult evaluate(Module model) { return Trainer.evaluate(model, testSource()); }
}
