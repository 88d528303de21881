package org.prune4j.opencl;

import org.prune4j.core.kernels.BackendInfo;
import java.util.function.Predicate;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.KernelArgs;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.PoolGeometry;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.HostAccess;

/**
 * The OpenCL backend of the {@link Kernels} SPI, running every primitive on one
 * OpenCL device. Priority is low ({@value #PRIORITY}): it is used only when asked for
 * ({@code -Dprune4j.backend=opencl}), never picked over a CPU backend by default.
 * The device is {@code opencl:N} with N from {@code -Dprune4j.opencl.device} /
 * {@code PRUNE4J_OPENCL_DEVICE} (default 0). Calls are serialised per device.
 *
 * <p>By default each call copies its inputs to the device and its outputs back
 * ("eager"), which is correct whatever host code does with the arrays in between.
 * {@link #resident} gives a backend that keeps tensor storage on the device across
 * calls and copies it home only when host code asks through
 * {@link org.prune4j.core.tensor.HostAccess} ({@code Tensor.data()}).
 */
@BackendInfo(name = "opencl", priority = OpenClKernels.PRIORITY)
public final class OpenClKernels implements Kernels {
    public static final int PRIORITY = -10;

    private final OpenClContext ctx;
    private final ArrayMirrors mirrors;
    private final OpenClGemm gemm;
    private final OpenClConv conv;
    private final OpenClPooling pooling;
    private final OpenClBatchNorm batchNorm;
    private final OpenClElementwise elementwise;
    private final OpenClReductions reductions;
    private final OpenClSoftmax softmax;
    private final OpenClLayout layout;
    private final OpenClSparse sparse;
    private final OpenClOptimizers optimizers;

    /** The device named by prune4j.opencl.device (default opencl:0); fails with {@link OpenClUnavailableException} without OpenCL. */
    public OpenClKernels() { this(OpenClRuntime.context(configuredDeviceIndex()), null); }

    /** Device opencl:index. */
    public OpenClKernels(int index) { this(OpenClRuntime.context(index), null); }

    /** An OpenCL device, e.g. {@code Device.parse("opencl:1")}. */
    public OpenClKernels(Device device) { this(OpenClRuntime.context(requireOpenCl(device).index()), null); }

    /** The first device matching filter; what names the filter in the error when none matches. */
    public OpenClKernels(Predicate<OpenClDeviceInfo> filter, String what) { this(OpenClRuntime.context(filter, what), null); }

    OpenClKernels(OpenClContext ctx, ArrayMirrors mirrors) {
        this.ctx = ctx;
        this.mirrors = mirrors;
        this.gemm = new OpenClGemm(ctx, this);
        this.conv = new OpenClConv(ctx, this, gemm);
        this.pooling = new OpenClPooling(ctx, this);
        this.batchNorm = new OpenClBatchNorm(ctx, this);
        this.elementwise = new OpenClElementwise(ctx, this);
        this.reductions = new OpenClReductions(ctx, this);
        this.softmax = new OpenClSoftmax(ctx, this);
        this.layout = new OpenClLayout(ctx, this);
        this.sparse = new OpenClSparse(ctx, this);
        this.optimizers = new OpenClOptimizers(ctx, this);
    }

    /**
     * A backend on opencl:index that keeps tensors on the device between kernel calls.
     * It installs the {@link HostAccess} listener so {@code Tensor.data()} downloads
     * what the device changed. Use it with {@code Backends.use(OpenClKernels.resident(0))}
     * to run every CPU tensor's ops on the device, or put tensors on the device with
     * {@code Tensor.to(Device.opencl(0))} / {@code Module.to(...)}, which uses the same
     * kernels; call {@link #detach} to bring everything home and stop.
     */
    public static OpenClKernels resident(int index) {
        OpenClContext ctx = OpenClRuntime.context(index);
        OpenClResidency.attach(ctx.mirrors());
        return ctx.residentKernels();
    }

    /** Downloads every array the device holds newer and ends its residency (the listener goes when no device is resident). */
    public void detach() {
        if (mirrors == null) return;
        mirrors.syncAll();
        OpenClResidency.detach(mirrors);
    }

    /** Makes this device resident again if it was detached or the listener was removed (cheap when nothing changed). */
    void ensureAttached() { OpenClResidency.attach(mirrors); }

    /** Blocks until all work enqueued on the device has finished (resident calls return before that; benchmarks need it). */
    public void finish() {
        synchronized (ctx) { ctx.finish(); }
    }

    /** Whether this backend keeps tensor storage on the device between calls. */
    public boolean isResident() { return mirrors != null; }

    private static Device requireOpenCl(Device d) {
        if (d == null || d.kind() != Device.Kind.OPENCL) throw new IllegalArgumentException("OpenClKernels needs an OpenCL device, got " + d);
        return d;
    }

    static int configuredDeviceIndex() {
        String v = System.getProperty("prune4j.opencl.device");
        if (v == null || v.isBlank()) v = System.getenv("PRUNE4J_OPENCL_DEVICE");
        if (v == null || v.isBlank()) return 0;
        try {
            String t = v.trim();
            return t.startsWith("opencl") ? Device.parse(t).index() : Integer.parseInt(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prune4j.opencl.device / PRUNE4J_OPENCL_DEVICE must be a device index or opencl:N, got '" + v + "'");
        }
    }

    /** The device context this backend runs on. */
    public OpenClContext context() { return ctx; }

    ArrayMirrors mirrors() { return mirrors; }

    @Override public String name() { return "opencl"; }

    @Override public String describe() {
        OpenClDeviceInfo d = ctx.info();
        return "opencl (" + d.platformName() + " / " + d.deviceName() + ", " + d.type() + ", " + d.computeUnits() + " CUs, opencl:" + d.index()
                + (mirrors == null ? ", eager transfers" : ", device-resident") + ")";
    }

    @Override public int priority() { return PRIORITY; }

    // ------------------------------------------------------------------ GEMM

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        KernelArgs.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        synchronized (ctx) { gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc); }
    }

    // ------------------------------------------------------------------ convolution

    @Override public void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        KernelArgs.convForward(g, x, w, bias, y);
        synchronized (ctx) { conv.forward(g, x, w, bias, y); }
    }

    @Override public void conv2dBackwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        KernelArgs.convBackwardData(g, dy, w, dx);
        synchronized (ctx) { conv.backwardData(g, dy, w, dx); }
    }

    @Override public void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        KernelArgs.convBackwardWeight(g, x, dy, dw);
        synchronized (ctx) { conv.backwardWeight(g, x, dy, dw); }
    }

    // ------------------------------------------------------------------ pooling

    @Override public void maxPool2dForward(PoolGeometry p, float[] x, float[] y, int[] argmax) {
        synchronized (ctx) { pooling.maxForward(p, x, y, argmax); }
    }

    @Override public void maxPool2dBackward(PoolGeometry p, float[] dy, int[] argmax, float[] dx) {
        synchronized (ctx) { pooling.maxBackward(p, dy, argmax, dx); }
    }

    @Override public void avgPool2dForward(PoolGeometry p, float[] x, float[] y) {
        synchronized (ctx) { pooling.avgForward(p, x, y); }
    }

    @Override public void avgPool2dBackward(PoolGeometry p, float[] dy, float[] dx) {
        synchronized (ctx) { pooling.avgBackward(p, dy, dx); }
    }

    // ------------------------------------------------------------------ batch norm

    @Override
    public void batchNormTrainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                                      float[] y, float[] mean, float[] invStd) {
        synchronized (ctx) { batchNorm.trainForward(n, c, s, x, gamma, beta, eps, y, mean, invStd); }
    }

    @Override
    public void batchNormUpdateRunning(int c, float[] mean, float[] invStd, float eps, long count, float momentum,
                                       float[] runMean, float[] runVar) {
        synchronized (ctx) { batchNorm.updateRunning(c, mean, invStd, eps, count, momentum, runMean, runVar); }
    }

    @Override
    public void batchNormEvalForward(int n, int c, int s, float[] x, float[] gamma, float[] beta,
                                     float[] runMean, float[] runVar, float eps, float[] y) {
        synchronized (ctx) { batchNorm.evalForward(n, c, s, x, gamma, beta, runMean, runVar, eps, y); }
    }

    @Override
    public void batchNormBackward(int n, int c, int s, float[] x, float[] dy, float[] gamma,
                                  float[] mean, float[] invStd, float[] dx, float[] dgamma, float[] dbeta) {
        synchronized (ctx) { batchNorm.backward(n, c, s, x, dy, gamma, mean, invStd, dx, dgamma, dbeta); }
    }

    // ------------------------------------------------------------------ elementwise

    @Override public void unary(Unary op, int n, float[] x, int xOff, float[] y, int yOff) {
        synchronized (ctx) { elementwise.unary(op, n, x, xOff, y, yOff); }
    }

    @Override public void unaryBackward(Unary op, int n, float[] x, float[] y, float[] dy, float[] dx) {
        synchronized (ctx) { elementwise.unaryBackward(op, n, x, y, dy, dx); }
    }

    @Override public void binary(Binary op, int n, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff) {
        synchronized (ctx) { elementwise.binary(op, n, a, aOff, b, bOff, y, yOff); }
    }

    @Override public void binaryBroadcast(Binary op, int[] shape, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] y) {
        synchronized (ctx) { elementwise.binaryBroadcast(op, shape, a, aStrides, b, bStrides, y); }
    }

    @Override public void affine(int n, float[] x, int xOff, float alpha, float beta, float[] y, int yOff) {
        synchronized (ctx) { elementwise.affine(n, x, xOff, alpha, beta, y, yOff); }
    }

    @Override public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        synchronized (ctx) { elementwise.axpy(n, alpha, x, xOff, y, yOff); }
    }

    @Override public void copy(int n, float[] x, int xOff, float[] y, int yOff) {
        synchronized (ctx) { elementwise.copy(n, x, xOff, y, yOff); }
    }

    @Override public void biasActivation(int n, int c, int s, float[] y, float[] bias, boolean relu) {
        synchronized (ctx) { elementwise.biasActivation(n, c, s, y, bias, relu); }
    }

    // ------------------------------------------------------------------ reductions

    @Override public void sumAxis(int outer, int len, int inner, float[] x, float[] y) {
        synchronized (ctx) { reductions.sumAxis(outer, len, inner, x, y); }
    }

    @Override public double sum(int n, float[] x, int xOff) {
        synchronized (ctx) { return reductions.sum(n, x, xOff); }
    }

    // ------------------------------------------------------------------ softmax family

    @Override public void softmax(int rows, int cols, float[] x, float[] y) {
        synchronized (ctx) { softmax.rowwise("softmax", rows, cols, x, y); }
    }

    @Override public void logSoftmax(int rows, int cols, float[] x, float[] y) {
        synchronized (ctx) { softmax.rowwise("log_softmax", rows, cols, x, y); }
    }

    @Override public void softmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
        synchronized (ctx) { softmax.rowwiseBackward("softmax_backward", rows, cols, y, dy, dx); }
    }

    @Override public void logSoftmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
        synchronized (ctx) { softmax.rowwiseBackward("log_softmax_backward", rows, cols, y, dy, dx); }
    }

    @Override public float crossEntropyForward(int rows, int cols, float[] logits, int[] labels, float smoothing, float[] prob) {
        synchronized (ctx) { return softmax.crossEntropyForward(rows, cols, logits, labels, smoothing, prob); }
    }

    @Override public void crossEntropyBackward(int rows, int cols, float[] prob, int[] labels, float smoothing, float scale, float[] dlogits) {
        synchronized (ctx) { softmax.crossEntropyBackward(rows, cols, prob, labels, smoothing, scale, dlogits); }
    }

    // ------------------------------------------------------------------ optimizer updates

    @Override
    public void sgdUpdate(int n, float[] w, float[] g, float[] buf, boolean firstStep, float lr, float momentum, float dampening,
                          float weightDecay, boolean nesterov, float[] mask) {
        synchronized (ctx) { optimizers.sgd(n, w, g, buf, firstStep, lr, momentum, dampening, weightDecay, nesterov, mask); }
    }

    @Override
    public void adamUpdate(int n, float[] w, float[] g, float[] m, float[] v, float lr, float stepSize, float beta1, float beta2,
                           float eps, float weightDecay, boolean decoupled, float sqrtBiasCorrection2, float[] mask) {
        synchronized (ctx) { optimizers.adam(n, w, g, m, v, lr, stepSize, beta1, beta2, eps, weightDecay, decoupled, sqrtBiasCorrection2, mask); }
    }

    // ------------------------------------------------------------------ layout

    @Override public void permute(int[] shape, int[] perm, float[] x, float[] y) {
        synchronized (ctx) { layout.permute(shape, perm, x, y); }
    }

    @Override public void gather(int n, float[] src, int srcOff, int[] index, float[] dst) {
        synchronized (ctx) { layout.gather(n, src, srcOff, index, dst); }
    }

    @Override public void scatter(int n, float[] src, int[] index, int len, float[] dst) {
        synchronized (ctx) { layout.scatter(n, src, index, len, dst); }
    }

    // ------------------------------------------------------------------ sparse

    @Override
    public void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff, float[] bias, boolean relu, boolean accumulate) {
        KernelArgs.spmm(a, n, b, bOff, c, cOff, bias);
        synchronized (ctx) { sparse.spmm(a, n, b, bOff, c, cOff, bias, relu, accumulate); }
    }

    @Override
    public void sddmm(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff, float[] out, boolean accumulate) {
        KernelArgs.sddmm(pattern, n, a, aOff, b, bOff, out);
        synchronized (ctx) { sparse.sddmm(pattern, n, a, aOff, b, bOff, out, accumulate); }
    }

    @Override
    public void sparseConv2dForward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        KernelArgs.sparseConvForward(g, w, x, bias, y);
        synchronized (ctx) { sparse.convForward(g, w, x, bias, relu, y); }
    }

    @Override public void sparseConv2dBackwardData(ConvGeometry g, CsrMatrix w, float[] dy, float[] dx) {
        KernelArgs.sparseConvBackwardData(g, w, dy, dx);
        synchronized (ctx) { sparse.convBackwardData(g, w, dy, dx); }
    }

    @Override
    public void sparseConv2dBackwardWeight(ConvGeometry g, CsrMatrix pattern, float[] x, float[] dy, float[] dwValues) {
        KernelArgs.sparseConvBackwardWeight(g, pattern, x, dy, dwValues);
        synchronized (ctx) { sparse.convBackwardWeight(g, pattern, x, dy, dwValues); }
    }
}
