package org.prune4j.nn.train;

/**
 * What one epoch produced. eval is null when the trainer has no evaluation source.
 * epoch is 0-based; globalStep counts iterations done so far in the whole run.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, EvalResult eval,
                           double samplesPerSecond, float lr, long globalStep) {
    @Override public String toString() {
        String s = String.format(java.util.Locale.ROOT, "epoch %d: train loss %.4f, accuracy %.2f%%, %.1f samples/s, lr %.5g",
                epoch + 1, trainLoss, 100 * trainAccuracy, samplesPerSecond, lr);
        return eval == null ? s : s + "; eval " + eval;
    }
}
