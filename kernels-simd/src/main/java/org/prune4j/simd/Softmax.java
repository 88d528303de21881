package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.prune4j.core.kernels.Parallel;

import static org.prune4j.simd.Elementwise.L;
import static org.prune4j.simd.Elementwise.S;

/**
 * Row-wise softmax, log-softmax, their backward passes and the fused cross-entropy,
 * rows in parallel. The row max is subtracted before exp (so large logits do not
 * overflow); exp is the Vector API's lanewise EXP.
 */
final class Softmax {
    private Softmax() {}

    private static int minRows(int cols) { return Math.max(1, 16384 / Math.max(1, cols)); }

    /** y[o:o+cols] = exp(x − max) and returns Σ (float lanes) of the row. */
    private static float expShifted(int cols, float[] x, int o, float max, float[] y) {
        int bound = S.loopBound(cols), j = 0;
        FloatVector acc = FloatVector.zero(S), m = FloatVector.broadcast(S, max);
        for (; j < bound; j += L) {
            FloatVector e = FloatVector.fromArray(S, x, o + j).sub(m).lanewise(VectorOperators.EXP);
            e.intoArray(y, o + j);
            acc = acc.add(e);
        }
        float z = org.prune4j.simd.sparse.LaneSum.sum(acc);
        for (; j < cols; j++) {
            float e = (float) Math.exp(x[o + j] - max);
            y[o + j] = e;
            z += e;
        }
        return z;
    }

    static void softmax(int rows, int cols, float[] x, float[] y) {
        Parallel.forRange(rows, minRows(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                float z = expShifted(cols, x, o, Elementwise.max(cols, x, o), y);
                Elementwise.affine(cols, y, o, 1f / z, 0f, y, o);
            }
        });
    }

    static void logSoftmax(int rows, int cols, float[] x, float[] y) {
        Parallel.forRange(rows, minRows(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                float max = Elementwise.max(cols, x, o);
                float z = expShifted(cols, x, o, max, y); // y is scratch here, overwritten below
                Elementwise.affine(cols, x, o, 1f, -(float) (max + Math.log(z)), y, o);
            }
        });
    }

    static void softmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
        Parallel.forRange(rows, minRows(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                float dot = Elementwise.dot(cols, dy, o, y, o);
                int bound = S.loopBound(cols), j = 0;
                FloatVector vd = FloatVector.broadcast(S, dot);
                for (; j < bound; j += L) {
                    FloatVector.fromArray(S, dy, o + j).sub(vd).mul(FloatVector.fromArray(S, y, o + j)).intoArray(dx, o + j);
                }
                for (; j < cols; j++) dx[o + j] = y[o + j] * (dy[o + j] - dot);
            }
        });
    }

    static void logSoftmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
        Parallel.forRange(rows, minRows(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                float s = Elementwise.sumFloat(cols, dy, o);
                int bound = S.loopBound(cols), j = 0;
                FloatVector vs = FloatVector.broadcast(S, s);
                for (; j < bound; j += L) {
                    FloatVector e = FloatVector.fromArray(S, y, o + j).lanewise(VectorOperators.EXP);
                    FloatVector.fromArray(S, dy, o + j).sub(e.mul(vs)).intoArray(dx, o + j);
                }
                for (; j < cols; j++) dx[o + j] = (float) (dy[o + j] - Math.exp(y[o + j]) * s);
            }
        });
    }

    /** Loss = mean over rows of −Σ target·log p; writes prob. Per-row losses are summed in row order. */
    static float crossEntropyForward(int rows, int cols, float[] logits, int[] labels, float smoothing, float[] prob) {
        double[] rowLoss = new double[rows];
        Parallel.forRange(rows, minRows(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                float max = Elementwise.max(cols, logits, o);
                float z = expShifted(cols, logits, o, max, prob);
                Elementwise.affine(cols, prob, o, 1f / z, 0f, prob, o);
                double lse = max + Math.log(z);
                // −Σ target·(x − lse) with target = (1−ε)·onehot + ε/cols.
                double sumX = Elementwise.sum(cols, logits, o);
                double smooth = smoothing / (double) cols;
                rowLoss[r] = -((1.0 - smoothing) * (logits[o + labels[r]] - lse) + smooth * (sumX - cols * lse));
            }
        });
        double total = 0;
        for (double v : rowLoss) total += v;
        return (float) (total / rows);
    }

    static void crossEntropyBackward(int rows, int cols, float[] prob, int[] labels, float smoothing, float scale, float[] dlogits) {
        float k = scale / rows, off = smoothing / cols;
        Parallel.forRange(rows, minRows(cols), (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * cols;
                Elementwise.affine(cols, prob, o, k, -k * off, dlogits, o);
                int l = o + labels[r];
                dlogits[l] = k * (prob[l] - ((1f - smoothing) + off));
            }
        });
    }
}
