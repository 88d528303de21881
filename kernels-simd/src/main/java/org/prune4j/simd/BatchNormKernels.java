package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.prune4j.core.kernels.Parallel;

import static org.prune4j.simd.Elementwise.L;
import static org.prune4j.simd.Elementwise.S;

/**
 * Batch normalisation over x[N, C, S], channels in parallel. Statistics are two-pass
 * (mean, then squared deviations) with float vector sums per row and double across
 * rows. The normalisation is y = (x − mean)·scale + beta: folding the mean into the
 * shift (x·scale + shift) would cancel catastrophically when invStd is large.
 */
final class BatchNormKernels {
    private BatchNormKernels() {}

    static void trainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                             float[] y, float[] mean, float[] invStd) {
        trainForward(n, c, s, x, gamma, beta, eps, y, mean, invStd, false);
    }

    /** trainForward, then ReLU on y in the same pass when relu (the Kernels.batchNormReluTrainForward pair). */
    static void trainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                             float[] y, float[] mean, float[] invStd, boolean relu) {
        Parallel.forRange(c, Math.max(1, 4096 / Math.max(1, n * s)), (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += Elementwise.sumFloat(s, x, (i * c + ch) * s);
                double mu = sum / ((double) n * s);
                double var = 0;
                for (int i = 0; i < n; i++) var += sqDev(s, x, (i * c + ch) * s, (float) mu);
                var /= (double) n * s;
                double is = 1.0 / Math.sqrt(var + eps);
                mean[ch] = (float) mu;
                invStd[ch] = (float) is;
                float scale = (float) (is * gamma[ch]);
                if (relu) {
                    for (int i = 0; i < n; i++) normalizeRelu(s, x, (i * c + ch) * s, (float) mu, scale, beta[ch], y);
                } else {
                    for (int i = 0; i < n; i++) normalize(s, x, (i * c + ch) * s, (float) mu, scale, beta[ch], y);
                }
            }
        });
    }

    /**
     * sums[0] += Σ g and sums[1] += Σ (x − mu)·g over [o, o + s) in one pass, g = dy, or dy where y &gt; 0 when y is
     * given, two vector sums each. Against a pass for each sum with one vector sum (probe alternating both in one
     * JVM, 2 threads, medians; docs/sittings/2026-12-05-s30/BnProbe.java): the backward of ResNet's 128×16×32×32
     * 0.75 → 0.66 ms, of MobileNet's 64×32×112×112 10.6 → 7.9 ms and 64×128×56×56 10.9 → 9.0 (each channel's rows
     * larger than L2 were read from memory twice); 1.04–1.05× on 16×16 and 8×8 planes.
     */
    private static void gradientSums(int s, float[] dy, float[] y, float[] x, int o, float mu, double[] sums) {
        int bound2 = s - s % (2 * L), bound = S.loopBound(s), j = 0;
        FloatVector s0 = FloatVector.zero(S), s1 = s0, d0 = s0, d1 = s0, m = FloatVector.broadcast(S, mu);
        for (; j < bound2; j += 2 * L) {
            FloatVector g0 = y == null ? FloatVector.fromArray(S, dy, o + j) : masked(dy, y, o + j);
            FloatVector g1 = y == null ? FloatVector.fromArray(S, dy, o + j + L) : masked(dy, y, o + j + L);
            s0 = s0.add(g0);
            s1 = s1.add(g1);
            d0 = FloatVector.fromArray(S, x, o + j).sub(m).fma(g0, d0);
            d1 = FloatVector.fromArray(S, x, o + j + L).sub(m).fma(g1, d1);
        }
        for (; j < bound; j += L) {
            FloatVector g = y == null ? FloatVector.fromArray(S, dy, o + j) : masked(dy, y, o + j);
            s0 = s0.add(g);
            d0 = FloatVector.fromArray(S, x, o + j).sub(m).fma(g, d0);
        }
        float sum = org.prune4j.simd.sparse.LaneSum.sum(s0.add(s1)), dot = org.prune4j.simd.sparse.LaneSum.sum(d0.add(d1));
        for (; j < s; j++) {
            float g = y == null || y[o + j] > 0f ? dy[o + j] : 0f;
            sum += g;
            dot += (x[o + j] - mu) * g;
        }
        sums[0] += sum;
        sums[1] += dot;
    }

    private static float sqDev(int s, float[] x, int o, float mu) {
        int bound = S.loopBound(s), j = 0;
        FloatVector acc = FloatVector.zero(S), m = FloatVector.broadcast(S, mu);
        for (; j < bound; j += L) {
            FloatVector d = FloatVector.fromArray(S, x, o + j).sub(m);
            acc = d.fma(d, acc);
        }
        float r = org.prune4j.simd.sparse.LaneSum.sum(acc);
        for (; j < s; j++) {
            float d = x[o + j] - mu;
            r += d * d;
        }
        return r;
    }

    private static void normalize(int s, float[] x, int o, float mu, float scale, float beta, float[] y) {
        int bound = S.loopBound(s), j = 0;
        FloatVector m = FloatVector.broadcast(S, mu), sc = FloatVector.broadcast(S, scale), b = FloatVector.broadcast(S, beta);
        for (; j < bound; j += L) FloatVector.fromArray(S, x, o + j).sub(m).fma(sc, b).intoArray(y, o + j);
        for (; j < s; j++) y[o + j] = (x[o + j] - mu) * scale + beta;
    }

    /** normalize, then max(·, 0) with NaN passing through (as Elementwise's ReLU). */
    private static void normalizeRelu(int s, float[] x, int o, float mu, float scale, float beta, float[] y) {
        int bound = S.loopBound(s), j = 0;
        FloatVector m = FloatVector.broadcast(S, mu), sc = FloatVector.broadcast(S, scale), b = FloatVector.broadcast(S, beta);
        for (; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(S, x, o + j).sub(m).fma(sc, b);
            v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(y, o + j);
        }
        for (; j < s; j++) {
            float v = (x[o + j] - mu) * scale + beta;
            y[o + j] = v < 0f ? 0f : v;
        }
    }

    static void evalForward(int n, int c, int s, float[] x, float[] gamma, float[] beta,
                            float[] runMean, float[] runVar, float eps, float[] y) {
        Parallel.forRange(c, Math.max(1, 4096 / Math.max(1, n * s)), (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double is = 1.0 / Math.sqrt(runVar[ch] + (double) eps);
                float scale = (float) (is * gamma[ch]);
                for (int i = 0; i < n; i++) normalize(s, x, (i * c + ch) * s, runMean[ch], scale, beta[ch], y);
            }
        });
    }

    static void backward(int n, int c, int s, float[] x, float[] dy, float[] gamma,
                         float[] mean, float[] invStd, float[] dx, float[] dgamma, float[] dbeta) {
        backward(n, c, s, x, null, dy, gamma, mean, invStd, dx, dgamma, dbeta);
    }

    /**
     * backward, with y: of ReLU(batch norm), whose gradient is dy where y (the ReLU's output) is positive and 0
     * elsewhere, read inside both passes instead of from a masked copy (the Kernels.batchNormReluBackward pair).
     * Whether to mask is decided per image row, outside the vector loops.
     */
    static void backward(int n, int c, int s, float[] x, float[] y, float[] dy, float[] gamma,
                         float[] mean, float[] invStd, float[] dx, float[] dgamma, float[] dbeta) {
        double m = (double) n * s;
        Parallel.forRange(c, Math.max(1, 4096 / Math.max(1, n * s)), (from, to) -> {
            double[] sums = new double[2];
            for (int ch = from; ch < to; ch++) {
                float mu = mean[ch];
                sums[0] = sums[1] = 0;
                for (int i = 0; i < n; i++) gradientSums(s, dy, y, x, (i * c + ch) * s, mu, sums);
                double sumDy = sums[0], sumDyXc = sums[1];
                double is = invStd[ch];
                // Σ dy·xhat taken over centred x: expanding (x − mean) would cancel when invStd is large.
                double sumDyXhat = is * sumDyXc;
                dgamma[ch] = (float) sumDyXhat;
                dbeta[ch] = (float) sumDy;
                // dx = k·(m·dy − Σdy − xhat·Σdy·xhat) with k = gamma·is/m, as a·dy + b·(x − mean) + d.
                double k = gamma[ch] * is / m;
                float a = (float) (k * m), b = (float) (-k * is * sumDyXhat), d = (float) (-k * sumDy);
                for (int i = 0; i < n; i++) {
                    if (y == null) combine(s, a, dy, b, x, mu, d, dx, (i * c + ch) * s);
                    else maskedCombine(s, a, dy, y, b, x, mu, d, dx, (i * c + ch) * s);
                }
            }
        });
    }

    private static FloatVector masked(float[] dy, float[] y, int i) {
        return FloatVector.zero(S).blend(FloatVector.fromArray(S, dy, i), FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f));
    }

    private static void maskedCombine(int s, float a, float[] dy, float[] y, float b, float[] x, float mu, float d, float[] dx, int o) {
        int bound = S.loopBound(s), j = 0;
        FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b), vd = FloatVector.broadcast(S, d);
        FloatVector m = FloatVector.broadcast(S, mu);
        for (; j < bound; j += L) {
            FloatVector r = FloatVector.fromArray(S, x, o + j).sub(m).fma(vb, vd);
            masked(dy, y, o + j).fma(va, r).intoArray(dx, o + j);
        }
        for (; j < s; j++) dx[o + j] = a * (y[o + j] > 0f ? dy[o + j] : 0f) + b * (x[o + j] - mu) + d;
    }

    private static void combine(int s, float a, float[] dy, float b, float[] x, float mu, float d, float[] dx, int o) {
        int bound = S.loopBound(s), j = 0;
        FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b), vd = FloatVector.broadcast(S, d);
        FloatVector m = FloatVector.broadcast(S, mu);
        for (; j < bound; j += L) {
            FloatVector r = FloatVector.fromArray(S, x, o + j).sub(m).fma(vb, vd);
            FloatVector.fromArray(S, dy, o + j).fma(va, r).intoArray(dx, o + j);
        }
        for (; j < s; j++) dx[o + j] = a * dy[o + j] + b * (x[o + j] - mu) + d;
    }
}
