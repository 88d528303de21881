package org.prune4j.simd;

import org.prune4j.core.kernels.BackendInfo;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.KernelArgs;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.kernels.PoolGeometry;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.sparse.CsrSpmm;
import org.prune4j.simd.sparse.Sddmm;
import org.prune4j.simd.sparse.SparseConv2d;
import org.prune4j.simd.sparse.SparseLinear;

/**
 * The dense CPU backend on the Vector API. Each family of kernels lives in its own
 * class ({@link Sgemm}, {@link ConvKernels}, {@link DepthwiseConv}, {@link Pooling},
 * {@link BatchNormKernels}, {@link Elementwise}, {@link Softmax}, {@link Transpose}, and the
 * sparse kernels in {@code org.prune4j.simd.sparse}); this class only dispatches. Methods
 * not overridden (odd broadcast and permutation patterns) fall back to the scalar oracle
 * it extends.
 */
@BackendInfo(name = "simd", priority = SimdKernels.PRIORITY)
public class SimdKernels extends ReferenceKernels {
    /** Above the reference backend: the default on every CPU. */
    public static final int PRIORITY = 100;

    static {
        JitSettings.check();
    }

    @Override public String name() { return "simd"; }

    @Override public int priority() { return PRIORITY; }

    @Override public String describe() {
        return "simd (Vector API " + Sgemm.S.vectorBitSize() + "-bit, " + Sgemm.L + " floats/vector, "
                + Parallel.threads() + " threads)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        KernelArgs.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        Sgemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override public void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        KernelArgs.convForward(g, x, w, bias, y);
        ConvKernels.forward(g, x, w, bias, y);
    }

    @Override public void conv2dBackwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        KernelArgs.convBackwardData(g, dy, w, dx);
        ConvKernels.backwardData(g, dy, w, dx);
    }

    @Override public void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        KernelArgs.convBackwardWeight(g, x, dy, dw);
        ConvKernels.backwardWeight(g, x, dy, dw);
    }

    @Override public void maxPool2dForward(PoolGeometry p, float[] x, float[] y, int[] argmax) { Pooling.maxForward(p, x, y, argmax); }

    @Override public void maxPool2dBackward(PoolGeometry p, float[] dy, int[] argmax, float[] dx) { Pooling.maxBackward(p, dy, argmax, dx); }

    @Override public void avgPool2dForward(PoolGeometry p, float[] x, float[] y) { Pooling.avgForward(p, x, y); }

    @Override public void avgPool2dBackward(PoolGeometry p, float[] dy, float[] dx) { Pooling.avgBackward(p, dy, dx); }

    @Override
    public void batchNormTrainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                                      float[] y, float[] mean, float[] invStd) {
        BatchNormKernels.trainForward(n, c, s, x, gamma, beta, eps, y, mean, invStd);
    }

    @Override
    public void batchNormEvalForward(int n, int c, int s, float[] x, float[] gamma, float[] beta,
                                     float[] runMean, float[] runVar, float eps, float[] y) {
        BatchNormKernels.evalForward(n, c, s, x, gamma, beta, runMean, runVar, eps, y);
    }

    @Override
    public void batchNormBackward(int n, int c, int s, float[] x, float[] dy, float[] gamma,
                                  float[] mean, float[] invStd, float[] dx, float[] dgamma, float[] dbeta) {
        BatchNormKernels.backward(n, c, s, x, dy, gamma, mean, invStd, dx, dgamma, dbeta);
    }

    @Override
    public void batchNormReluTrainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                                          float[] y, float[] mean, float[] invStd) {
        BatchNormKernels.trainForward(n, c, s, x, gamma, beta, eps, y, mean, invStd, true);
    }

    @Override
    public void batchNormReluBackward(int n, int c, int s, float[] x, float[] y, float[] dy, float[] gamma,
                                      float[] mean, float[] invStd, float[] dx, float[] dgamma, float[] dbeta) {
        BatchNormKernels.backward(n, c, s, x, y, dy, gamma, mean, invStd, dx, dgamma, dbeta);
    }

    /**
     * Pointwise kernels on at least this many floats share the work out between the threads; below it one thread
     * runs them. The JFR profile of a 90%-sparse ResNet-32 training step found the ReLUs, residual adds and gradient
     * sums (16% of its samples) on the calling thread alone while the other worker waited.
     */
    static final int PARALLEL_MIN = 1 << 15;

    /**
     * Whether a pointwise op over n floats is shared out: long enough, more than one thread, and not serial (an output
     * that overlaps an input at another offset of the same array, where one range could read what another already
     * wrote; the same offset, an in-place op, is safe in parallel). Checked before any range lambda is made, so the
     * short ops of small models (recurrent cells call them by the thousand) allocate nothing.
     */
    private static boolean shared(int n, boolean serial) {
        return !serial && n >= 2 * PARALLEL_MIN && Parallel.threads() > 1;
    }

    /**
     * Runs body over [0, n) in at most threads() contiguous ranges that start on whole vectors, so each element takes
     * the same vector or scalar path whatever the thread count (the scalar tail stays the last n mod L elements).
     */
    static void pointwise(int n, Parallel.RangeBody body) {
        int l = Elementwise.L;
        Parallel.forRange((n + l - 1) / l, PARALLEL_MIN / l, (v0, v1) -> body.run(v0 * l, Math.min(n, v1 * l)));
    }

    private static boolean shifted(float[] in, int inOff, float[] out, int outOff) {
        return in == out && inOff != outOff;
    }

    @Override public void unary(Unary op, int n, float[] x, int xOff, float[] y, int yOff) {
        if (shared(n, shifted(x, xOff, y, yOff))) pointwise(n, (a, b) -> Elementwise.unary(op, b - a, x, xOff + a, y, yOff + a));
        else Elementwise.unary(op, n, x, xOff, y, yOff);
    }

    @Override public void unaryBackward(Unary op, int n, float[] x, float[] y, float[] dy, float[] dx) {
        boolean needsX = op == Unary.RELU || op == Unary.SQUARE;
        if (!Elementwise.vectorBackward(op) || (needsX ? x == null : y == null)) super.unaryBackward(op, n, x, y, dy, dx);
        else if (shared(n, false)) pointwise(n, (a, b) -> Elementwise.unaryBackward(op, a, b, x, y, dy, dx));
        else Elementwise.unaryBackward(op, 0, n, x, y, dy, dx);
    }

    @Override public void binary(Binary op, int n, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff) {
        if (shared(n, shifted(a, aOff, y, yOff) || shifted(b, bOff, y, yOff))) {
            pointwise(n, (i, j) -> Elementwise.binary(op, j - i, a, aOff + i, b, bOff + i, y, yOff + i));
        } else {
            Elementwise.binary(op, n, a, aOff, b, bOff, y, yOff);
        }
    }

    @Override
    public void binaryBroadcast(Binary op, int[] shape, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] y) {
        if (!Broadcast.tryInnerContiguous(op, shape, a, aStrides, b, bStrides, y)) super.binaryBroadcast(op, shape, a, aStrides, b, bStrides, y);
    }

    @Override public void affine(int n, float[] x, int xOff, float alpha, float beta, float[] y, int yOff) {
        if (shared(n, shifted(x, xOff, y, yOff))) pointwise(n, (a, b) -> Elementwise.affine(b - a, x, xOff + a, alpha, beta, y, yOff + a));
        else Elementwise.affine(n, x, xOff, alpha, beta, y, yOff);
    }

    @Override public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        if (shared(n, shifted(x, xOff, y, yOff))) pointwise(n, (a, b) -> Elementwise.axpy(b - a, alpha, x, xOff + a, y, yOff + a));
        else Elementwise.axpy(n, alpha, x, xOff, y, yOff);
    }

    @Override public void copy(int n, float[] x, int xOff, float[] y, int yOff) {
        // Within one array the ranges could overlap, which only one arraycopy handles.
        if (shared(n, x == y)) pointwise(n, (a, b) -> System.arraycopy(x, xOff + a, y, yOff + a, b - a));
        else System.arraycopy(x, xOff, y, yOff, n);
    }

    @Override public void biasActivation(int n, int c, int s, float[] y, float[] bias, boolean relu) {
        Parallel.forRange(n * c, Math.max(1, 16384 / Math.max(1, s)), (from, to) -> {
            for (int nc = from; nc < to; nc++) Elementwise.biasRow(s, y, nc * s, bias == null ? 0f : bias[nc % c], relu);
        });
    }

    @Override public void sumAxis(int outer, int len, int inner, float[] x, float[] y) {
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                y[o] = (float) Elementwise.sum(len, x, o * len);
                continue;
            }
            System.arraycopy(x, o * len * inner, y, o * inner, inner);
            for (int j = 1; j < len; j++) Elementwise.addInto(inner, x, (o * len + j) * inner, y, o * inner);
        }
    }

    @Override public double sum(int n, float[] x, int xOff) { return Elementwise.sum(n, x, xOff); }

    @Override public void softmax(int rows, int cols, float[] x, float[] y) { Softmax.softmax(rows, cols, x, y); }

    @Override public void logSoftmax(int rows, int cols, float[] x, float[] y) { Softmax.logSoftmax(rows, cols, x, y); }

    @Override public void softmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) { Softmax.softmaxBackward(rows, cols, y, dy, dx); }

    @Override public void logSoftmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) { Softmax.logSoftmaxBackward(rows, cols, y, dy, dx); }

    @Override
    public float crossEntropyForward(int rows, int cols, float[] logits, int[] labels, float smoothing, float[] prob) {
        return Softmax.crossEntropyForward(rows, cols, logits, labels, smoothing, prob);
    }

    @Override
    public void crossEntropyBackward(int rows, int cols, float[] prob, int[] labels, float smoothing, float scale, float[] dlogits) {
        Softmax.crossEntropyBackward(rows, cols, prob, labels, smoothing, scale, dlogits);
    }

    @Override public void permute(int[] shape, int[] perm, float[] x, float[] y) {
        if (!Transpose.tryPermute(shape, perm, x, y)) super.permute(shape, perm, x, y);
    }

    // ------------------------------------------------------------------ sparse

    @Override
    public void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff, float[] bias, boolean relu, boolean accumulate) {
        KernelArgs.spmm(a, n, b, bOff, c, cOff, bias);
        CsrSpmm.spmm(a, n, b, bOff, c, cOff, bias, relu, accumulate);
    }

    @Override
    public void spmmImages(CsrMatrix a, int hw, int images, float[] b, int bOff, float[] c, int cOff, float[] bias, boolean relu) {
        KernelArgs.spmmImages(a, hw, images, b, bOff, c, cOff, bias);
        CsrSpmm.spmmImages(a, hw, images, b, bOff, c, cOff, bias, relu);
    }

    @Override
    public void sparseLinear(CsrMatrix a, int batch, float[] x, int xOff, float[] y, int yOff, float[] bias, boolean relu, boolean accumulate) {
        KernelArgs.sparseLinear(a, batch, x, xOff, y, yOff, bias);
        SparseLinear.forward(a, batch, x, xOff, y, yOff, bias, relu, accumulate);
    }

    @Override
    public void sddmm(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff, float[] out, boolean accumulate) {
        KernelArgs.sddmm(pattern, n, a, aOff, b, bOff, out);
        Sddmm.sddmm(pattern, n, a, aOff, b, bOff, out, accumulate);
    }

    @Override
    public void sddmmImages(CsrMatrix pattern, int hw, int images, float[] a, int aOff, float[] b, int bOff, float[] out) {
        KernelArgs.sddmmImages(pattern, hw, images, a, aOff, b, bOff, out);
        Sddmm.sddmmImages(pattern, hw, images, a, aOff, b, bOff, out);
    }

    @Override
    public void sparseConv2dForward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        KernelArgs.sparseConvForward(g, w, x, bias, y);
        SparseConv2d.forward(g, w, x, bias, relu, y);
    }

    @Override
    public void sparseConv2dBackwardData(ConvGeometry g, CsrMatrix w, float[] dy, float[] dx) {
        KernelArgs.sparseConvBackwardData(g, w, dy, dx);
        SparseConv2d.backwardData(g, w, dy, dx);
    }

    @Override
    public void sparseConv2dBackwardWeight(ConvGeometry g, CsrMatrix pattern, float[] x, float[] dy, float[] dwValues) {
        KernelArgs.sparseConvBackwardWeight(g, pattern, x, dy, dwValues);
        SparseConv2d.backwardWeight(g, pattern, x, dy, dwValues);
    }

    @Override
    public void sparseConv2dBackward(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dx, float[] dwValues) {
        KernelArgs.sparseConvBackward(g, w, x, dy, dx, dwValues);
        SparseConv2d.backward(g, w, x, dy, dx, dwValues);
    }
}
