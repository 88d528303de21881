package org.prune4j.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.sparse.CsrSpmm;
import org.prune4j.simd.sparse.SparseConv2d;

/**
 * Sparse kernels against Prune4J's own dense SIMD kernels on the shapes the pruning
 * papers report: ResNet-32 CIFAR convolutions as GEMMs (batch 128), MobileNet-V1 224
 * pointwise layers (batch 1 as GEMMs, batch 64 as per-image SpMM against the dense 1x1
 * convolution), a 1024x1024 Linear over 4096 rows, and direct 3x3 convolutions of
 * ResNet-32 (stride 1 and the stride-2 downsampling layers) and VGG-19 CIFAR layers
 * (forward, and a full training step).
 *
 * <p>The dense side runs through {@code Backends.select("simd")}, so it measures the
 * kernels users actually get. Dense benchmarks do not depend on sparsity and live in
 * their own states, so they run once per shape. Effective GFLOP/s of a sparse run is
 * 2·nnz·n / time (printed with the nonzero count at setup); speedup is dense time over
 * sparse time at the same shape.
 *
 * <p>Example: {@code java -cp ... org.openjdk.jmh.Main 'SparseBench.(spmm|denseGemm)' -p gemm=linear:1024x1024x4096 -p sparsity=0.9};
 * the Linear layer in its own [batch, features] layout (no transposes left out):
 * {@code 'SparseBench.(denseLinear|sparseLinear)' -p linear=1024x1024x128}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsPrepend = {"-XX:Tier3DelayOn=100000", "-Xmx8g", "-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=100"},
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SparseBench {

    // ------------------------------------------------------------------ GEMM-shaped: spmm vs dense gemm

    // GEMM shapes are "name:MxKxN" (x, not commas: JMH splits -p values on commas) of C[m×n] = W[m×k]·B[k×n].

    /** Dense operands of one GEMM shape (shared by the dense and sparse states). */
    static final class GemmData {
        final int m, k, n;
        final float[] w, b, c;

        GemmData(String shape) {
            String[] dims = shape.substring(shape.indexOf(':') + 1).split("x");
            m = Integer.parseInt(dims[0]);
            k = Integer.parseInt(dims[1]);
            n = Integer.parseInt(dims[2]);
            SplittableRandom rnd = new SplittableRandom(1);
            w = uniform(rnd, m * k);
            b = uniform(rnd, k * n);
            c = new float[m * n];
        }
    }

    @State(Scope.Benchmark)
    public static class DenseGemm {
        @Param({"resnet32-s3-conv:64x576x8192", "resnet32-s2-conv:32x288x32768", "resnet32-s1-conv:16x144x131072",
                "mbv1-pw112:64x32x12544", "mbv1-pw56:128x64x3136", "mbv1-pw28:256x128x784",
                "mbv1-pw14:512x512x196", "mbv1-pw7:1024x1024x49", "linear:1024x1024x4096"})
        public String gemm;
        GemmData d;
        Kernels dense;

        @Setup(Level.Trial)
        public void setUp() {
            dense = denseBackend();
            d = new GemmData(gemm);
        }
    }

    @State(Scope.Benchmark)
    public static class SparseGemm {
        @Param({"resnet32-s3-conv:64x576x8192", "resnet32-s2-conv:32x288x32768", "resnet32-s1-conv:16x144x131072",
                "mbv1-pw112:64x32x12544", "mbv1-pw56:128x64x3136", "mbv1-pw28:256x128x784",
                "mbv1-pw14:512x512x196", "mbv1-pw7:1024x1024x49", "linear:1024x1024x4096"})
        public String gemm;
        @Param({"0.5", "0.7", "0.8", "0.9", "0.95", "0.98", "0.99"})
        public double sparsity;
        GemmData d;
        CsrMatrix a;

        @Setup(Level.Trial)
        public void setUp() {
            d = new GemmData(gemm);
            a = prune(d.w, d.m, d.k, sparsity, 2);
            System.out.printf("%n[sparse gemm] %s sparsity %.2f: nnz=%d, effective flop per call=%d%n",
                    gemm, sparsity, a.nnz(), 2L * a.nnz() * d.n);
        }
    }

    @Benchmark
    public float[] denseGemm(DenseGemm s) {
        GemmData d = s.d;
        s.dense.gemm(false, false, d.m, d.n, d.k, 1f, d.w, 0, d.k, d.b, 0, d.n, 0f, d.c, 0, d.n);
        return d.c;
    }

    @Benchmark
    public float[] spmm(SparseGemm s) {
        GemmData d = s.d;
        CsrSpmm.spmm(s.a, d.n, d.b, 0, d.c, 0, null, false, false);
        return d.c;
    }

    // ------------------------------------------------------------------ Linear layer on [batch, features] activations

    /** Linear "OUTxINxBATCH": y[batch, out] = x[batch, in]·Wᵀ in the layer's own layout (what SparseOps.linear and LinearOp run). */
    static final class LinearData {
        final int out, in, batch;
        final float[] w, x, y, dy, dx, dw, gt, xt;

        LinearData(String shape) {
            String[] dims = shape.split("x");
            out = Integer.parseInt(dims[0]);
            in = Integer.parseInt(dims[1]);
            batch = Integer.parseInt(dims[2]);
            SplittableRandom rnd = new SplittableRandom(6);
            w = uniform(rnd, out * in);
            x = uniform(rnd, batch * in);
            y = new float[batch * out];
            dy = uniform(rnd, batch * out);
            dx = new float[batch * in];
            dw = new float[out * in];
            gt = new float[out * batch];
            xt = new float[in * batch];
        }
    }

    @State(Scope.Benchmark)
    public static class DenseLinear {
        @Param({"1024x1024x128", "1024x1024x1", "512x512x128", "512x512x1", "1024x1024x4096"})
        public String linear;
        LinearData d;
        Kernels dense;

        @Setup(Level.Trial)
        public void setUp() {
            dense = denseBackend();
            d = new LinearData(linear);
        }
    }

    @State(Scope.Benchmark)
    public static class SparseLinearState {
        @Param({"1024x1024x128", "1024x1024x1", "512x512x128", "512x512x1", "1024x1024x4096"})
        public String linear;
        @Param({"0.5", "0.7", "0.8", "0.9", "0.95", "0.98", "0.99"})
        public double sparsity;
        LinearData d;
        CsrMatrix w, wt;
        float[] dwValues;
        Kernels kernels;

        @Setup(Level.Trial)
        public void setUp() {
            kernels = denseBackend();
            d = new LinearData(linear);
            w = prune(d.w, d.out, d.in, sparsity, 7);
            wt = w.transpose();
            dwValues = new float[w.nnz()];
        }
    }

    @Benchmark
    public float[] denseLinear(DenseLinear s) {
        LinearData d = s.d;
        s.dense.gemm(false, true, d.batch, d.out, d.in, 1f, d.x, 0, d.in, d.w, 0, d.in, 0f, d.y, 0, d.out);
        return d.y;
    }

    @Benchmark
    public float[] sparseLinear(SparseLinearState s) {
        LinearData d = s.d;
        s.kernels.sparseLinear(s.w, d.batch, d.x, 0, d.y, 0, null, false, false);
        return d.y;
    }

    /** The dense Linear layer's step as LinearOp runs it: Y = X·Wᵀ, dX = dY·W, dW = dYᵀ·X. */
    @Benchmark
    public void denseLinearTrainStep(DenseLinear s, Blackhole bh) {
        LinearData d = s.d;
        s.dense.gemm(false, true, d.batch, d.out, d.in, 1f, d.x, 0, d.in, d.w, 0, d.in, 0f, d.y, 0, d.out);
        s.dense.gemm(false, false, d.batch, d.in, d.out, 1f, d.dy, 0, d.out, d.w, 0, d.in, 0f, d.dx, 0, d.in);
        s.dense.gemm(true, false, d.out, d.in, d.batch, 1f, d.dy, 0, d.out, d.x, 0, d.in, 0f, d.dw, 0, d.in);
        bh.consume(d.y);
        bh.consume(d.dx);
        bh.consume(d.dw);
    }

    /**
     * The sparse Linear layer's step as SparseOps.linear runs it: the forward, dX = dY·W by the same kernel on the
     * transposed CSR, and the weight gradient at the mask's entries (SDDMM along the batch, after the two transposes
     * that put dY and X features-major). The scatter of those values into the dense gradient is left out, as in
     * sparseConvTrainStep.
     */
    @Benchmark
    public void sparseLinearTrainStep(SparseLinearState s, Blackhole bh) {
        LinearData d = s.d;
        Kernels k = s.kernels;
        k.sparseLinear(s.w, d.batch, d.x, 0, d.y, 0, null, false, false);
        k.sparseLinear(s.wt, d.batch, d.dy, 0, d.dx, 0, null, false, false);
        k.permute(new int[] {d.batch, d.out}, new int[] {1, 0}, d.dy, d.gt);
        k.permute(new int[] {d.batch, d.in}, new int[] {1, 0}, d.x, d.xt);
        k.sddmm(s.w, d.batch, d.gt, 0, d.xt, 0, s.dwValues, false);
        bh.consume(d.y);
        bh.consume(d.dx);
        bh.consume(s.dwValues);
    }

    // ------------------------------------------------------------------ 1x1 convolution at batch 64: per-image SpMM vs dense conv

    /** Pointwise layer "name:CINxCOUTxHW" (MobileNet-V1 224), run as the nn layer runs it: Kernels.spmmImages. */
    static final class PointwiseData {
        final ConvGeometry g;
        final float[] x, w, y, dy, dx, dw;

        PointwiseData(String layer, int batch) {
            String[] dims = layer.substring(layer.indexOf(':') + 1).split("x");
            int cin = Integer.parseInt(dims[0]), cout = Integer.parseInt(dims[1]), hw = Integer.parseInt(dims[2]);
            g = ConvGeometry.of(batch, cin, hw, hw, cout, 1, 1, 0, 1);
            SplittableRandom rnd = new SplittableRandom(4);
            x = uniform(rnd, g.inputSize());
            w = uniform(rnd, g.weightSize());
            y = new float[g.outputSize()];
            dy = uniform(rnd, g.outputSize());
            dx = new float[g.inputSize()];
            dw = new float[g.weightSize()];
        }
    }

    @State(Scope.Benchmark)
    public static class DensePointwise {
        @Param({"mbv1-pw112:32x64x112", "mbv1-pw56:64x128x56", "mbv1-pw28:128x256x28", "mbv1-pw14:512x512x14", "mbv1-pw7:1024x1024x7"})
        public String layer;
        @Param({"64"})
        public int batch;
        PointwiseData d;
        Kernels dense;

        @Setup(Level.Trial)
        public void setUp() {
            dense = denseBackend();
            d = new PointwiseData(layer, batch);
        }
    }

    @State(Scope.Benchmark)
    public static class SparsePointwise {
        @Param({"mbv1-pw112:32x64x112", "mbv1-pw56:64x128x56", "mbv1-pw28:128x256x28", "mbv1-pw14:512x512x14", "mbv1-pw7:1024x1024x7"})
        public String layer;
        @Param({"64"})
        public int batch;
        @Param({"0.5", "0.7", "0.8", "0.9", "0.95", "0.98", "0.99"})
        public double sparsity;
        PointwiseData d;
        CsrMatrix w, wt;
        float[] dwValues;
        Kernels kernels;

        @Setup(Level.Trial)
        public void setUp() {
            d = new PointwiseData(layer, batch);
            w = prune(d.w, d.g.outChannels(), d.g.inChannels(), sparsity, 5);
            wt = w.transpose();
            dwValues = new float[w.nnz()];
            kernels = denseBackend();
            long pixels = (long) batch * d.g.outH() * d.g.outW();
            System.out.printf("%n[sparse pointwise] %s batch %d sparsity %.2f: nnz=%d, effective flop=%d%n",
                    layer, batch, sparsity, w.nnz(), 2L * w.nnz() * pixels);
        }
    }

    @Benchmark
    public float[] densePointwise(DensePointwise s) {
        s.dense.conv2dForward(s.d.g, s.d.x, s.d.w, null, s.d.y);
        return s.d.y;
    }

    /** Forward, input gradient and weight gradient of the dense 1×1 layer. */
    @Benchmark
    public void densePointwiseTrainStep(DensePointwise s, Blackhole bh) {
        PointwiseData d = s.d;
        denseStep(s.dense, d.g, d.x, d.w, d.y, d.dy, d.dx, d.dw, bh);
    }

    /**
     * The sparse 1×1 layer's step as SparseOps.conv2d runs it: the forward and the input gradient (through the
     * transposed CSR) by spmmImages, the weight gradient at the mask's entries by sddmmImages.
     */
    @Benchmark
    public void sparsePointwiseTrainStep(SparsePointwise s, Blackhole bh) {
        PointwiseData d = s.d;
        ConvGeometry g = d.g;
        int hw = g.inH() * g.inW();
        s.kernels.spmmImages(s.w, hw, g.batch(), d.x, 0, d.y, 0, null, false);
        s.kernels.spmmImages(s.wt, hw, g.batch(), d.dy, 0, d.dx, 0, null, false);
        s.kernels.sddmmImages(s.w, hw, g.batch(), d.dy, 0, d.x, 0, s.dwValues);
        bh.consume(d.y);
        bh.consume(d.dx);
        bh.consume(s.dwValues);
    }

    @Benchmark
    public float[] sparsePointwise(SparsePointwise s) {
        ConvGeometry g = s.d.g;
        CsrSpmm.spmmImages(s.w, g.inH() * g.inW(), g.batch(), s.d.x, 0, s.d.y, 0, null, false);
        return s.d.y;
    }

    // ------------------------------------------------------------------ 3x3 convolution: direct sparse vs dense

    /** Conv layer "name:CINxCOUTxHW[xSTRIDE]" (3x3, padding 1, stride 1 unless given). */
    static final class ConvData {
        final ConvGeometry g;
        final float[] x, w, dy, y, dx, dw;

        ConvData(String layer, int batch) {
            String[] dims = layer.substring(layer.indexOf(':') + 1).split("x");
            int cin = Integer.parseInt(dims[0]), cout = Integer.parseInt(dims[1]), hw = Integer.parseInt(dims[2]);
            int stride = dims.length > 3 ? Integer.parseInt(dims[3]) : 1;
            g = ConvGeometry.of(batch, cin, hw, hw, cout, 3, stride, 1, 1);
            SplittableRandom rnd = new SplittableRandom(2);
            x = uniform(rnd, g.inputSize());
            w = uniform(rnd, g.weightSize());
            dy = uniform(rnd, g.outputSize());
            y = new float[g.outputSize()];
            dx = new float[g.inputSize()];
            dw = new float[g.weightSize()];
        }
    }

    @State(Scope.Benchmark)
    public static class DenseConv {
        @Param({"resnet32-s1:16x16x32", "resnet32-s2:32x32x16", "resnet32-s3:64x64x8",
                "resnet32-s2-down:16x32x32x2", "resnet32-s3-down:32x64x16x2",
                "vgg19-c2:64x64x32", "vgg19-c3:128x128x16", "vgg19-c4:256x256x8", "vgg19-c5:512x512x4", "vgg19-c6:512x512x2"})
        public String layer;
        @Param({"128", "1"})
        public int batch;
        ConvData d;
        Kernels dense;

        @Setup(Level.Trial)
        public void setUp() {
            dense = denseBackend();
            d = new ConvData(layer, batch);
        }
    }

    @State(Scope.Benchmark)
    public static class SparseConv {
        @Param({"resnet32-s1:16x16x32", "resnet32-s2:32x32x16", "resnet32-s3:64x64x8",
                "resnet32-s2-down:16x32x32x2", "resnet32-s3-down:32x64x16x2",
                "vgg19-c2:64x64x32", "vgg19-c3:128x128x16", "vgg19-c4:256x256x8", "vgg19-c5:512x512x4", "vgg19-c6:512x512x2"})
        public String layer;
        @Param({"128", "1"})
        public int batch;
        @Param({"0.5", "0.7", "0.8", "0.9", "0.95", "0.98", "0.99"})
        public double sparsity;
        ConvData d;
        CsrMatrix w;
        float[] dwValues;

        @Setup(Level.Trial)
        public void setUp() {
            d = new ConvData(layer, batch);
            w = prune(d.w, d.g.outChannels(), d.g.patchSize(), sparsity, 3);
            dwValues = new float[w.nnz()];
            long pixels = (long) batch * d.g.outH() * d.g.outW();
            System.out.printf("%n[sparse conv] %s batch %d sparsity %.2f: nnz=%d, effective forward flop=%d%n",
                    layer, batch, sparsity, w.nnz(), 2L * w.nnz() * pixels);
        }
    }

    /**
     * A sparse layer compiled for inference with BatchNorm folded in: bias, and ReLU fused unless a residual
     * add follows. A compiled ResNet runs both forms in one JVM; before the ReLU moved out of the register
     * tiles, the second form made C2 recompile the shared tile kernels 1.4-6x slower for both.
     */
    @State(Scope.Benchmark)
    public static class FusedConv {
        @Param({"resnet32-s1:16x16x32", "resnet32-s2:32x32x16", "resnet32-s3:64x64x8", "resnet32-s2-down:16x32x32x2",
                "fmnist-s1:16x16x28", "fmnist-s2:32x32x14", "fmnist-s3:64x64x7"})
        public String layer;
        @Param({"64"})
        public int batch;
        @Param({"0.7", "0.9"})
        public double sparsity;
        ConvData d;
        CsrMatrix w;
        float[] bias;

        @Setup(Level.Trial)
        public void setUp() {
            d = new ConvData(layer, batch);
            w = prune(d.w, d.g.outChannels(), d.g.patchSize(), sparsity, 3);
            bias = uniform(new SplittableRandom(4), d.g.outChannels());
        }
    }

    /** Both inference forms of a sparse layer, bias + ReLU and bias alone, one after the other. */
    @Benchmark
    public void sparseConvForwardBothForms(FusedConv s, Blackhole bh) {
        SparseConv2d.forward(s.d.g, s.w, s.d.x, s.bias, true, s.d.y);
        bh.consume(s.d.y);
        SparseConv2d.forward(s.d.g, s.w, s.d.x, s.bias, false, s.d.y);
        bh.consume(s.d.y);
    }

    @Benchmark
    public float[] denseConvForward(DenseConv s) {
        s.dense.conv2dForward(s.d.g, s.d.x, s.d.w, null, s.d.y);
        return s.d.y;
    }

    @Benchmark
    public float[] sparseConvForward(SparseConv s) {
        SparseConv2d.forward(s.d.g, s.w, s.d.x, null, false, s.d.y);
        return s.d.y;
    }

    /** Forward, input gradient and weight gradient: one training step of the layer. */
    @Benchmark
    public void denseConvTrainStep(DenseConv s, Blackhole bh) {
        ConvData d = s.d;
        denseStep(s.dense, d.g, d.x, d.w, d.y, d.dy, d.dx, d.dw, bh);
    }

    /** A dense layer's training step: forward, input gradient, weight gradient. */
    private static void denseStep(Kernels k, ConvGeometry g, float[] x, float[] w, float[] y, float[] dy, float[] dx, float[] dw,
                                  Blackhole bh) {
        k.conv2dForward(g, x, w, null, y);
        k.conv2dBackwardData(g, dy, w, dx);
        k.conv2dBackwardWeight(g, x, dy, dw);
        bh.consume(y);
        bh.consume(dx);
        bh.consume(dw);
    }

    /** The sparse layer's step: both gradients in one call, as the nn layer's backward makes it (SparseOps.conv2d). */
    @Benchmark
    public void sparseConvTrainStep(SparseConv s, Blackhole bh) {
        ConvData d = s.d;
        SparseConv2d.forward(d.g, s.w, d.x, null, false, d.y);
        SparseConv2d.backward(d.g, s.w, d.x, d.dy, d.dx, s.dwValues);
        bh.consume(d.y);
        bh.consume(d.dx);
        bh.consume(s.dwValues);
    }

    // ------------------------------------------------------------------ helpers

    static Kernels denseBackend() {
        try {
            return Backends.select("simd");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SparseBench compares against the dense SIMD backend, but Backends.select(\"simd\") failed: "
                    + e.getMessage() + ". Build with kernels-simd's SimdKernels registered (META-INF/services).", e);
        }
    }

    static float[] uniform(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
        return a;
    }

    /** Unstructured random pruning to the given sparsity: the pattern magnitude pruning leaves on random weights. */
    static CsrMatrix prune(float[] dense, int rows, int cols, double sparsity, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] mask = new float[rows * cols];
        for (int i = 0; i < mask.length; i++) mask[i] = rnd.nextDouble() >= sparsity ? 1f : 0f;
        return CsrMatrix.fromDenseMasked(dense, 0, mask, rows, cols);
    }
}
