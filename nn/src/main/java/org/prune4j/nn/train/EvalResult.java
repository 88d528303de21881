package org.prune4j.nn.train;

/** Mean loss and top-1 accuracy (in [0, 1]) over a number of samples. */
public record EvalResult(double loss, double accuracy, long samples) {
    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "loss %.4f, accuracy %.2f%% (%d samples)", loss, 100 * accuracy, samples);
    }
}
