package org.prune4j.data;

import java.util.Arrays;

/**
 * Per-channel mean and standard deviation used to normalise inputs, x' = (x − mean) / std,
 * with the constants of the well-known data sets (computed on their training sets, pixels
 * scaled to [0, 1]). Accessors return copies so that nobody can change a shared constant.
 */
public record ChannelStats(float[] mean, float[] std) {
    /** MNIST: the usual (0.1307, 0.3081). */
    public static final ChannelStats MNIST = new ChannelStats(new float[] {0.1307f}, new float[] {0.3081f});
    /** Fashion-MNIST training set (checked against the real files by a test). */
    public static final ChannelStats FASHION_MNIST = new ChannelStats(new float[] {0.2860f}, new float[] {0.3530f});
    /** CIFAR-10 training set, true per-channel pixel standard deviation. */
    public static final ChannelStats CIFAR10 = new ChannelStats(
            new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2470f, 0.2435f, 0.2616f});
    /**
     * CIFAR-10 with the std (0.2023, 0.1994, 0.2010) that the popular pytorch-cifar recipes copy
     * (it is not the pixel std); use it only to reproduce a paper's code exactly.
     */
    public static final ChannelStats CIFAR10_LEGACY = new ChannelStats(
            new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2023f, 0.1994f, 0.2010f});
    /** ImageNet (RGB), as used by every torchvision pretrained model. */
    public static final ChannelStats IMAGENET = new ChannelStats(
            new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    public ChannelStats {
        if (mean == null || std == null) throw new IllegalArgumentException("mean and std must not be null");
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " channels and std " + std.length + "; need the same, at least 1");
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0f) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + ": mean " + mean[c] + ", std " + std[c] + "; need finite values and std > 0");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    public int channels() { return mean.length; }

    @Override public float[] mean() { return mean.clone(); }

    @Override public float[] std() { return std.clone(); }

    @Override public boolean equals(Object o) {
        return o instanceof ChannelStats s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std); }

    @Override public String toString() { return "ChannelStats[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]"; }
}
