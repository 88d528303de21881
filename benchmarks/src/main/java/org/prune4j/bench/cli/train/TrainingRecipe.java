package org.prune4j.bench.cli.train;

import java.util.List;
import java.util.Locale;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.optim.Adam;
import org.prune4j.nn.optim.CosineWarmupLr;
import org.prune4j.nn.optim.LrScheduler;
import org.prune4j.nn.optim.Optimizer;
import org.prune4j.nn.optim.SGD;

/**
 * How a model is optimised: optimizer, peak learning rate, momentum, weight decay, label
 * smoothing, epochs and batch size. The schedule is cosine decay to zero after half an
 * epoch of linear warm-up, stepped per iteration, which behaves well at any epoch count
 * (short budgets included).
 */
public record TrainingRecipe(String optimizer, float lr, float momentum, float weightDecay, float labelSmoothing,
                             int epochs, int batchSize) {
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam");

    public TrainingRecipe {
        if (!OPTIMIZERS.contains(optimizer)) throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; valid names: " + String.join(", ", OPTIMIZERS));
        if (!(lr > 0) || Float.isInfinite(lr)) throw new IllegalArgumentException("--lr must be positive, got " + lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("--weight-decay must be >= 0, got " + weightDecay);
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new IllegalArgumentException("--label-smoothing must be in [0, 1), got " + labelSmoothing);
        if (epochs < 0) throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    }

    /** lr null picks the optimizer's usual peak rate. */
    public static TrainingRecipe of(String optimizer, Float lr, float momentum, float weightDecay, float labelSmoothing, int epochs, int batchSize) {
        String opt = optimizer == null ? "sgd" : optimizer.trim().toLowerCase(Locale.ROOT);
        float rate = lr != null ? lr : opt.equals("adam") ? 1e-3f : 0.05f;
        return new TrainingRecipe(opt, rate, momentum, weightDecay, labelSmoothing, epochs, batchSize);
    }

    public TrainingRecipe withEpochs(int e) { return new TrainingRecipe(optimizer, lr, momentum, weightDecay, labelSmoothing, e, batchSize); }

    public TrainingRecipe withLr(float r) { return new TrainingRecipe(optimizer, r, momentum, weightDecay, labelSmoothing, epochs, batchSize); }

    public Optimizer newOptimizer(List<Parameter> params) {
        return optimizer.equals("adam") ? new Adam(params, lr, 0.9f, 0.999f, 1e-8f, weightDecay, false)
                : new SGD(params, lr, momentum, weightDecay, momentum > 0);
    }

    public LrScheduler newScheduler(int batchesPerEpoch) {
        long total = Math.max(1L, (long) epochs * batchesPerEpoch);
        long warmup = Math.min(total / 2, batchesPerEpoch / 2);
        return new LrScheduler(new CosineWarmupLr(lr, 0f, warmup, total), LrScheduler.Pace.ITERATION);
    }

    public String describe() {
        return String.format(Locale.ROOT, "%s lr %.3g%s wd %.1e%s, %d epochs of batch %d, cosine schedule",
                optimizer, lr, optimizer.equals("sgd") ? " momentum " + momentum + (momentum > 0 ? " nesterov" : "") : "",
                weightDecay, labelSmoothing > 0 ? ", label smoothing " + labelSmoothing : "", epochs, batchSize);
    }
}
