package org.prune4j.data;

/**
 * Z-scoring of sequence data laid out [N, T, F] along its last (feature) axis: statistics
 * are fitted on one array (the training set) and applied to any other, so that test data is
 * never used to choose its own normalisation.
 */
public final class FeatureStandardizer {
    private FeatureStandardizer() {}

    /**
     * Per-feature mean and population standard deviation over all samples and steps, in
     * double precision. A feature that is constant in the data gets std 1, so that applying
     * the statistics centres it instead of dividing by zero.
     */
    public static ChannelStats fit(float[] data, int features) {
        if (features < 1 || data.length % features != 0) {
            throw new IllegalArgumentException(data.length + " values cannot be split into rows of " + features + " features");
        }
        int rows = data.length / features;
        if (rows == 0) throw new IllegalArgumentException("cannot fit statistics on an empty data set");
        double[] sum = new double[features];
        for (int i = 0; i < data.length; i++) sum[i % features] += data[i];
        double[] mean = new double[features];
        for (int f = 0; f < features; f++) mean[f] = sum[f] / rows;
        // Two passes (mean first) avoid the cancellation of the sum-of-squares formula.
        double[] sq = new double[features];
        for (int i = 0; i < data.length; i++) {
            double d = data[i] - mean[i % features];
            sq[i % features] += d * d;
        }
        float[] m = new float[features];
        float[] s = new float[features];
        for (int f = 0; f < features; f++) {
            m[f] = (float) mean[f];
            float std = (float) Math.sqrt(sq[f] / rows);
            s[f] = std > 0f ? std : 1f;
        }
        return new ChannelStats(m, s);
    }

    /** In place: x = (x − mean[f]) / std[f] for the feature f of each value. */
    public static void apply(float[] data, ChannelStats stats) {
        int features = stats.channels();
        if (data.length % features != 0) {
            throw new IllegalArgumentException(data.length + " values cannot be split into rows of " + features + " features");
        }
        float[] mean = stats.mean();
        float[] std = stats.std();
        for (int i = 0; i < data.length; i++) {
            int f = i % features;
            data[i] = (data[i] - mean[f]) / std[f];
        }
    }
}
