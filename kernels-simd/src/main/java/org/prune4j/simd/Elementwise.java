package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.kernels.Unary;

/**
 * Pointwise kernels over flat arrays: one vector loop up to loopBound and the oracle's
 * scalar definition for the tail, so tails agree with the reference by construction.
 * Transcendentals use the Vector API's lanewise EXP/TANH/LOG (SVML on x86).
 */
final class Elementwise {
    private Elementwise() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    /**
     * y[i] = op(x[i]). One loop per operator, as in {@link #binary}: with the operator switched inside one shared
     * loop, a JVM that had run other operators (EXP, LOG, TANH: a softmax, a sigmoid, a recurrent cell) compiled
     * the loop so that ReLU ran 12-29x slower (ElemProbe, docs/sittings/2026-12-03-s14/pollution).
     */
    static void unary(Unary op, int n, float[] x, int xo, float[] y, int yo) {
        int bound = S.loopBound(n), i = 0;
        switch (op) {
            // Written as blends so NaN and -0 follow the oracle's "v > 0 ? v : 0" exactly; NaN passes through.
            case RELU -> { for (; i < bound; i += L) { FloatVector v = va(x, xo + i); v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(y, yo + i); } }
            case RELU6 -> { for (; i < bound; i += L) { FloatVector v = va(x, xo + i); v.min(6f).blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yo + i); } }
            case SIGMOID -> { for (; i < bound; i += L) FloatVector.broadcast(S, 1f).div(va(x, xo + i).neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(y, yo + i); }
            case TANH -> { for (; i < bound; i += L) va(x, xo + i).lanewise(VectorOperators.TANH).intoArray(y, yo + i); }
            case EXP -> { for (; i < bound; i += L) va(x, xo + i).lanewise(VectorOperators.EXP).intoArray(y, yo + i); }
            case LOG -> { for (; i < bound; i += L) va(x, xo + i).lanewise(VectorOperators.LOG).intoArray(y, yo + i); }
            case NEG -> { for (; i < bound; i += L) va(x, xo + i).neg().intoArray(y, yo + i); }
            case ABS -> { for (; i < bound; i += L) va(x, xo + i).abs().intoArray(y, yo + i); }
            case SQRT -> { for (; i < bound; i += L) va(x, xo + i).sqrt().intoArray(y, yo + i); }
            case SQUARE -> { for (; i < bound; i += L) { FloatVector v = va(x, xo + i); v.mul(v).intoArray(y, yo + i); } }
        }
        for (; i < n; i++) y[yo + i] = ReferenceKernels.apply(op, x[xo + i]);
    }

    static boolean vectorBackward(Unary op) {
        return op == Unary.RELU || op == Unary.SIGMOID || op == Unary.TANH || op == Unary.EXP || op == Unary.SQUARE;
    }

    /**
     * dx = dy·f'(x, y) over elements [from, to) for the ops of {@link #vectorBackward}; x or y must be present as the op
     * needs. One loop per operator.
     */
    static void unaryBackward(Unary op, int from, int to, float[] x, float[] y, float[] dy, float[] dx) {
        int bound = from + S.loopBound(to - from), i = from, n = to;
        switch (op) {
            case RELU -> { for (; i < bound; i += L) FloatVector.zero(S).blend(va(dy, i), va(x, i).compare(VectorOperators.GT, 0f)).intoArray(dx, i); }
            case SIGMOID -> { for (; i < bound; i += L) { FloatVector yv = va(y, i); va(dy, i).mul(yv.mul(yv.neg().add(1f))).intoArray(dx, i); } }
            case TANH -> { for (; i < bound; i += L) { FloatVector yv = va(y, i); va(dy, i).mul(yv.mul(yv).neg().add(1f)).intoArray(dx, i); } }
            case EXP -> { for (; i < bound; i += L) va(dy, i).mul(va(y, i)).intoArray(dx, i); }
            case SQUARE -> { for (; i < bound; i += L) va(dy, i).mul(va(x, i).mul(2f)).intoArray(dx, i); }
            default -> throw new IllegalArgumentException("unaryBackward: no vector form for " + op + " (see vectorBackward)");
        }
        for (; i < n; i++) dx[i] = dy[i] * ReferenceKernels.derivative(op, x == null ? 0f : x[i], y == null ? 0f : y[i]);
    }

    /**
     * y[i] = a[i] ∘ b[i]. One loop per operator, each with a constant operator: the Vector
     * API only compiles {@code lanewise(op, ...)} to vector instructions when {@code op} is a
     * compile-time constant, and with the operator chosen at run time the loop ran the
     * library's per-lane Java fallback (a JFR profile of ResNet-20 training put 5% of all
     * samples in it, under the residual adds).
     */
    static void binary(Binary op, int n, float[] a, int ao, float[] b, int bo, float[] y, int yo) {
        int bound = S.loopBound(n), i = 0;
        switch (op) {
            case ADD -> { for (; i < bound; i += L) va(a, ao + i).add(va(b, bo + i)).intoArray(y, yo + i); }
            case SUB -> { for (; i < bound; i += L) va(a, ao + i).sub(va(b, bo + i)).intoArray(y, yo + i); }
            case MUL -> { for (; i < bound; i += L) va(a, ao + i).mul(va(b, bo + i)).intoArray(y, yo + i); }
            case DIV -> { for (; i < bound; i += L) va(a, ao + i).div(va(b, bo + i)).intoArray(y, yo + i); }
            case MAX -> { for (; i < bound; i += L) va(a, ao + i).max(va(b, bo + i)).intoArray(y, yo + i); }
            case MIN -> { for (; i < bound; i += L) va(a, ao + i).min(va(b, bo + i)).intoArray(y, yo + i); }
        }
        for (; i < n; i++) y[yo + i] = ReferenceKernels.apply(op, a[ao + i], b[bo + i]);
    }

    private static FloatVector va(float[] a, int i) {
        return FloatVector.fromArray(S, a, i);
    }

    /** y[i] = a[i] ∘ s (scalarOnRight) or s ∘ b[i]; constant operators per loop as in {@link #binary}. */
    static void binaryScalar(Binary op, int n, float[] v, int vo, float s, boolean scalarOnRight, float[] y, int yo) {
        int bound = S.loopBound(n), i = 0;
        FloatVector sv = FloatVector.broadcast(S, s);
        switch (op) {
            // ADD, MUL, MAX and MIN commute (MAX/MIN return NaN when either side is NaN, like Math.max/min).
            case ADD -> { for (; i < bound; i += L) va(v, vo + i).add(sv).intoArray(y, yo + i); }
            case MUL -> { for (; i < bound; i += L) va(v, vo + i).mul(sv).intoArray(y, yo + i); }
            case MAX -> { for (; i < bound; i += L) va(v, vo + i).max(sv).intoArray(y, yo + i); }
            case MIN -> { for (; i < bound; i += L) va(v, vo + i).min(sv).intoArray(y, yo + i); }
            case SUB -> {
                if (scalarOnRight) for (; i < bound; i += L) va(v, vo + i).sub(sv).intoArray(y, yo + i);
                else for (; i < bound; i += L) sv.sub(va(v, vo + i)).intoArray(y, yo + i);
            }
            case DIV -> {
                if (scalarOnRight) for (; i < bound; i += L) va(v, vo + i).div(sv).intoArray(y, yo + i);
                else for (; i < bound; i += L) sv.div(va(v, vo + i)).intoArray(y, yo + i);
            }
        }
        for (; i < n; i++) y[yo + i] = scalarOnRight ? ReferenceKernels.apply(op, v[vo + i], s) : ReferenceKernels.apply(op, s, v[vo + i]);
    }

    static void affine(int n, float[] x, int xo, float alpha, float beta, float[] y, int yo) {
        int bound = S.loopBound(n), i = 0;
        FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
        for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).fma(va, vb).intoArray(y, yo + i);
        for (; i < n; i++) y[yo + i] = alpha * x[xo + i] + beta;
    }

    /** y += alpha·x. */
    static void axpy(int n, float alpha, float[] x, int xo, float[] y, int yo) {
        int bound = S.loopBound(n), i = 0;
        FloatVector va = FloatVector.broadcast(S, alpha);
        for (; i < bound; i += L) FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    /** dst += src. */
    static void addInto(int n, float[] src, int so, float[] dst, int d) {
        int bound = S.loopBound(n), i = 0;
        for (; i < bound; i += L) FloatVector.fromArray(S, dst, d + i).add(FloatVector.fromArray(S, src, so + i)).intoArray(dst, d + i);
        for (; i < n; i++) dst[d + i] += src[so + i];
    }

    /** y[c, s] (from off) += bias[c]. */
    static void addChannelBias(int c, int s, float[] y, int off, float[] bias) {
        for (int ch = 0; ch < c; ch++) biasRow(s, y, off + ch * s, bias[ch], false);
    }

    /** y[0:s] = y + b, then ReLU (NaN passes through, as in the oracle) when relu. */
    static void biasRow(int s, float[] y, int o, float b, boolean relu) {
        int bound = S.loopBound(s), j = 0;
        FloatVector vb = FloatVector.broadcast(S, b), zero = FloatVector.zero(S);
        for (; j < bound; j += L) {
            FloatVector v = FloatVector.fromArray(S, y, o + j).add(vb);
            if (relu) v = v.blend(zero, v.compare(VectorOperators.LT, 0f));
            v.intoArray(y, o + j);
        }
        for (; j < s; j++) {
            float v = y[o + j] + b;
            y[o + j] = relu && v < 0f ? 0f : v;
        }
    }

    /** Σ x[xo : xo+n] in float vector lanes (a short run, so the float error stays tiny). */
    static float sumFloat(int n, float[] x, int xo) {
        int bound = S.loopBound(n), i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (; i < bound; i += L) acc = acc.add(FloatVector.fromArray(S, x, xo + i));
        float s = org.prune4j.simd.sparse.LaneSum.sum(acc);
        for (; i < n; i++) s += x[xo + i];
        return s;
    }

    /** Σ in double across float blocks of 256: float only inside a block keeps the error near double's. */
    static double sum(int n, float[] x, int xo) {
        double s = 0;
        for (int i = 0; i < n; i += 256) s += sumFloat(Math.min(256, n - i), x, xo + i);
        return s;
    }

    static float dot(int n, float[] a, int ao, float[] b, int bo) {
        int bound = S.loopBound(n), i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (; i < bound; i += L) acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        float s = org.prune4j.simd.sparse.LaneSum.sum(acc);
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    static float max(int n, float[] x, int xo) {
        int bound = S.loopBound(n), i = 0;
        FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; i < bound; i += L) acc = acc.max(FloatVector.fromArray(S, x, xo + i));
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) m = Math.max(m, x[xo + i]);
        return m;
    }
}
