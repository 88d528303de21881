package org.prune4j.data;

/**
 * Separable resampling weights with PIL's BILINEAR filter, which torchvision's Resize uses
 * on PIL images: a triangle filter whose support widens with the downscale factor, so that
 * shrinking averages over all covered pixels (antialiasing) instead of sampling two of them.
 * Matching it matters because pretrained ImageNet models are evaluated on exactly this
 * preprocessing.
 */
final class AntialiasedBilinear {
    /** For output index i: the first input index, and the normalised weights from there. */
    final int[] first;
    final float[][] weights;

    private AntialiasedBilinear(int[] first, float[][] weights) {
        this.first = first;
        this.weights = weights;
    }

    /** Weights mapping a line of inSize pixels to outSize pixels (PIL's precompute_coeffs). */
    static AntialiasedBilinear weights(int inSize, int outSize) {
        if (inSize < 1 || outSize < 1) throw new IllegalArgumentException("cannot resample " + inSize + " pixels to " + outSize);
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the bilinear filter has support 1 at scale 1
        int[] first = new int[outSize];
        float[][] weights = new float[outSize][];
        for (int i = 0; i < outSize; i++) {
            double center = (i + 0.5) * scale;
            int lo = Math.max((int) (center - support + 0.5), 0);
            int hi = Math.min((int) (center + support + 0.5), inSize);
            double[] w = new double[hi - lo];
            double total = 0;
            for (int x = lo; x < hi; x++) {
                double t = Math.abs((x - center + 0.5) / filterScale);
                w[x - lo] = t < 1.0 ? 1.0 - t : 0.0;
                total += w[x - lo];
            }
            float[] wf = new float[w.length];
            for (int k = 0; k < w.length; k++) wf[k] = (float) (total == 0 ? 0 : w[k] / total);
            first[i] = lo;
            weights[i] = wf;
        }
        return new AntialiasedBilinear(first, weights);
    }

    /** Resampled value of output index i from a line read with the given base and stride. */
    float apply(int i, float[] src, int base, int stride) {
        float[] w = weights[i];
        int at = base + first[i] * stride;
        float sum = 0f;
        for (int k = 0; k < w.length; k++, at += stride) sum += w[k] * src[at];
        return sum;
    }
}
