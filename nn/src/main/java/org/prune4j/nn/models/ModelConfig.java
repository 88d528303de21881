package org.prune4j.nn.models;

/**
 * What {@link ModelZoo#create} needs besides the architecture's name: input channels
 * (features per time step for FastGRNN), classes, the MobileNet width multiplier, the
 * FastGRNN hidden size and low ranks (0 = full rank), the WRN dropout rate and the seed
 * of the initialisation.
 */
public record ModelConfig(int inChannels, int numClasses, float widthMultiplier, int hiddenSize, int wRank, int uRank,
                          float dropRate, long seed) {
    public ModelConfig {
        if (inChannels <= 0) throw new IllegalArgumentException("ModelConfig: in_channels must be positive, got " + inChannels);
        if (numClasses <= 0) throw new IllegalArgumentException("ModelConfig: num_classes must be positive, got " + numClasses);
        if (!(widthMultiplier > 0f) || Float.isInfinite(widthMultiplier)) {
            throw new IllegalArgumentException("ModelConfig: width multiplier must be positive, got " + widthMultiplier);
        }
        if (hiddenSize <= 0) throw new IllegalArgumentException("ModelConfig: hidden size must be positive, got " + hiddenSize);
        if (wRank < 0 || uRank < 0) throw new IllegalArgumentException("ModelConfig: ranks must be >= 0 (0 = full rank), got " + wRank + ", " + uRank);
        if (!(dropRate >= 0f && dropRate < 1f)) throw new IllegalArgumentException("ModelConfig: dropout rate must be in [0, 1), got " + dropRate);
    }

    /** 3 channels, 10 classes, width 1, hidden 80, full rank, no dropout, seed 0. */
    public static ModelConfig defaults() { return new ModelConfig(3, 10, 1f, 80, 0, 0, 0f, 0L); }

    public static ModelConfig of(int inChannels, int numClasses) { return defaults().withInChannels(inChannels).withNumClasses(numClasses); }

    public ModelConfig withInChannels(int v) { return new ModelConfig(v, numClasses, widthMultiplier, hiddenSize, wRank, uRank, dropRate, seed); }

    public ModelConfig withNumClasses(int v) { return new ModelConfig(inChannels, v, widthMultiplier, hiddenSize, wRank, uRank, dropRate, seed); }

    public ModelConfig withWidthMultiplier(float v) { return new ModelConfig(inChannels, numClasses, v, hiddenSize, wRank, uRank, dropRate, seed); }

    public ModelConfig withHiddenSize(int v) { return new ModelConfig(inChannels, numClasses, widthMultiplier, v, wRank, uRank, dropRate, seed); }

    public ModelConfig withRanks(int w, int u) { return new ModelConfig(inChannels, numClasses, widthMultiplier, hiddenSize, w, u, dropRate, seed); }

    public ModelConfig withDropRate(float v) { return new ModelConfig(inChannels, numClasses, widthMultiplier, hiddenSize, wRank, uRank, v, seed); }

    public ModelConfig withSeed(long v) { return new ModelConfig(inChannels, numClasses, widthMultiplier, hiddenSize, wRank, uRank, dropRate, v); }
}
