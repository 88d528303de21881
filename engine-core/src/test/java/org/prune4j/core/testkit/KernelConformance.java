package org.prune4j.core.testkit;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.PoolGeometry;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.tensor.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prune4j.core.testkit.Approx.assertClose;
import static org.prune4j.core.testkit.TestData.filled;
import static org.prune4j.core.testkit.TestData.uniform;

/**
 * The suite every {@link Kernels} backend must pass: each SPI method is compared with
 * {@link ReferenceKernels} on seeded random inputs over shapes chosen to break fast
 * kernels (odd sizes and vector tails, 1-sized dims, leading dimensions and offsets,
 * strides, padding, dilation, groups, densities 0..100% with empty rows and columns).
 * Outputs are pre-filled with NaN so a kernel that reads what it should overwrite, or
 * leaves an element unwritten, fails. A backend test extends this class and implements
 * {@link #kernels()}. Tolerances are explained in {@link Approx}.
 */
public abstract class KernelConformance {

    protected abstract Kernels kernels();

    protected final Kernels ref = new ReferenceKernels();

    private static final long SEED = 0x5EED_2024L;

    // ================================================================== GEMM

    /** One gemm problem: sizes, transposes, scalars and storage padding. */
    public record GemmCase(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta, int pad, int off) {
        @Override public String toString() {
            return "gemm " + (ta ? "T" : "N") + (tb ? "T" : "N") + " m=" + m + " n=" + n + " k=" + k
                    + " alpha=" + alpha + " beta=" + beta + " pad=" + pad + " off=" + off;
        }
    }

    private static final int[][] GEMM_SHAPES = {
            {1, 1, 1}, {1, 17, 3}, {7, 1, 5}, {5, 9, 1}, {2, 33, 64}, {13, 31, 17}, {8, 32, 16}, {33, 65, 47},
            {64, 64, 64}, {70, 130, 97}, {129, 67, 200}, {97, 300, 33}, {250, 40, 600}, {300, 1100, 70},
            {100, 70, 2100}, // three k slices of 700, A blocks of 64 rows
            // short A, long k: the shape of a conv weight gradient (dot-product paths)
            {13, 45, 300}, {64, 9, 1031}, {4, 4, 128}, {9, 2101, 300},
            // one row of A (vector-matrix products: a Linear layer's input gradient at batch 1): column blocks, a
            // tail of whole vectors and single columns; the second is large enough to split between threads
            {1, 300, 70}, {1, 2100, 1031},
    };
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {0.5f, 0f}, {1f, 1f}, {-1.5f, 0.25f}, {0f, 2f}};

    public static List<GemmCase> gemmCases() {
        List<GemmCase> cases = new ArrayList<>();
        int i = 0;
        for (int[] s : GEMM_SHAPES) {
            for (int t = 0; t < 4; t++, i++) {
                float[] ab = ALPHA_BETA[i % ALPHA_BETA.length];
                int pad = (i % 3 == 1) ? 3 : 0, off = (i % 4 == 2) ? 5 : 0;
                cases.add(new GemmCase(s[0], s[1], s[2], (t & 2) != 0, (t & 1) != 0, ab[0], ab[1], pad, off));
            }
        }
        return cases;
    }

    public void checkGemm(GemmCase g) {
        Rng rng = new Rng(SEED + g.hashCode());
        int lda = (g.ta ? g.m : g.k) + g.pad, ldb = (g.tb ? g.k : g.n) + g.pad, ldc = g.n + g.pad;
        int aRows = g.ta ? g.k : g.m, bRows = g.tb ? g.n : g.k;
        float[] a = uniform(rng, g.off + aRows * lda);
        float[] b = uniform(rng, g.off + bRows * ldb);
        // beta == 0 must not read C: fill with NaN so any read shows.
        float[] c0 = g.beta == 0f ? filled(g.off + g.m * ldc, Float.NaN) : uniform(rng, g.off + g.m * ldc);
        float[] want = c0.clone(), got = c0.clone();
        ref.gemm(g.ta, g.tb, g.m, g.n, g.k, g.alpha, a, g.off, lda, b, g.off, ldb, g.beta, want, g.off, ldc);
        kernels().gemm(g.ta, g.tb, g.m, g.n, g.k, g.alpha, a, g.off, lda, b, g.off, ldb, g.beta, got, g.off, ldc);
        // Padding columns and the offset prefix are compared too: they must be untouched.
        assertClose(g.toString(), want, got, g.k + 1);
        float[] again = c0.clone();
        kernels().gemm(g.ta, g.tb, g.m, g.n, g.k, g.alpha, a, g.off, lda, b, g.off, ldb, g.beta, again, g.off, ldc);
        Approx.assertBitsEqual(g + " (repeat must be deterministic)", got, again);
    }

    @TestFactory
    Stream<DynamicTest> gemm() {
        return gemmCases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> checkGemm(c)));
    }

    /** A leading dimension shorter than its rows made them overlap: a wrong product, no error. Now rejected, as BLAS does. */
    @Test
    void gemmRejectsOperandsThatDoNotFit() {
        Kernels k = kernels();
        float[] c = filled(6, 7f);
        rejects("lda = 2 is shorter than A's rows of 3", () -> k.gemm(false, false, 2, 3, 3, 1f, new float[9], 0, 2, new float[9], 0, 3, 0f, c, 0, 3));
        assertArrayEquals(filled(6, 7f), c, "gemm wrote C before rejecting lda");
        rejects("ldb = 2 is shorter than B's rows of 3", () -> k.gemm(false, false, 2, 3, 3, 1f, new float[6], 0, 3, new float[9], 0, 2, 0f, c, 0, 3));
        rejects("lda = 1 is shorter than A's rows of 2", () -> k.gemm(true, false, 2, 3, 3, 1f, new float[6], 0, 1, new float[9], 0, 3, 0f, c, 0, 3));
        rejects("ldc = 2", () -> k.gemm(false, false, 2, 3, 3, 1f, new float[6], 0, 3, new float[9], 0, 3, 0f, c, 0, 2));
        rejects("A needs", () -> k.gemm(false, false, 2, 3, 3, 1f, new float[5], 0, 3, new float[9], 0, 3, 0f, c, 0, 3));
        rejects("B needs", () -> k.gemm(false, false, 2, 3, 3, 1f, new float[6], 0, 3, new float[9], 1, 3, 0f, c, 0, 3));
        rejects("C needs", () -> k.gemm(false, false, 2, 3, 3, 1f, new float[6], 0, 3, new float[9], 0, 3, 0f, new float[5], 0, 3));
        rejects("k must not be negative", () -> k.gemm(false, false, 2, 3, -1, 1f, new float[6], 0, 3, new float[9], 0, 3, 0f, c, 0, 3));
        rejects("A is required", () -> k.gemm(false, false, 2, 3, 3, 1f, null, 0, 3, new float[9], 0, 3, 0f, c, 0, 3));
    }

    @Test
    void gemmBetaZeroIgnoresNaNInAllTransposes() {
        for (int t = 0; t < 4; t++) checkGemm(new GemmCase(37, 53, 29, (t & 2) != 0, (t & 1) != 0, 1f, 0f, 0, 0));
    }

    // ================================================================== convolution

    private static ConvGeometry conv(int n, int cin, int h, int w, int cout, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int groups) {
        return new ConvGeometry(n, cin, h, w, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups);
    }

    public static List<ConvGeometry> convCases() {
        return List.of(
                conv(2, 5, 7, 9, 6, 1, 1, 1, 1, 0, 0, 1, 1, 1),      // pointwise
                conv(2, 33, 17, 19, 20, 1, 1, 1, 1, 0, 0, 1, 1, 1),  // pointwise, odd channels and spatial
                conv(5, 12, 3, 5, 7, 1, 1, 1, 1, 0, 0, 1, 1, 1),     // pointwise, small planes: images side by side
                conv(70, 3, 7, 9, 4, 1, 1, 1, 1, 0, 0, 1, 1, 1),     // pointwise, 33 images a chunk: two chunks per thread
                conv(2, 4, 9, 8, 3, 1, 1, 2, 2, 0, 0, 1, 1, 1),      // 1x1 stride 2 (shortcut)
                conv(2, 3, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1),
                conv(3, 5, 11, 9, 7, 3, 3, 2, 2, 1, 1, 1, 1, 1),     // stride 2, odd sizes
                conv(1, 3, 6, 7, 2, 3, 3, 1, 1, 0, 0, 1, 1, 1),      // no padding
                conv(2, 8, 20, 37, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1),   // rows longer than a vector
                conv(1, 3, 10, 12, 5, 5, 5, 1, 1, 2, 2, 1, 1, 1),
                conv(2, 3, 15, 13, 4, 7, 7, 2, 2, 2, 2, 1, 1, 1),
                conv(1, 4, 12, 10, 3, 3, 3, 1, 1, 2, 2, 2, 2, 1),    // dilation 2
                conv(2, 3, 9, 11, 5, 1, 3, 1, 2, 0, 1, 1, 1, 1),     // non-square kernel and stride
                conv(2, 3, 9, 11, 5, 3, 1, 2, 1, 1, 0, 1, 1, 1),
                conv(1, 2, 5, 5, 3, 5, 5, 1, 1, 0, 0, 1, 1, 1),      // 1x1 output
                conv(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1),      // everything 1
                conv(1, 1, 5, 1, 2, 3, 1, 1, 1, 1, 0, 1, 1, 1),      // width 1
                conv(2, 6, 8, 8, 9, 3, 3, 1, 1, 1, 1, 1, 1, 3),      // grouped
                conv(2, 8, 9, 9, 8, 3, 3, 1, 1, 1, 1, 1, 1, 8),      // depthwise
                conv(2, 16, 10, 12, 16, 3, 3, 2, 2, 1, 1, 1, 1, 16), // depthwise stride 2
                conv(1, 19, 21, 35, 19, 3, 3, 1, 1, 1, 1, 1, 1, 19), // depthwise, wide rows with tails
                conv(1, 5, 7, 26, 5, 3, 3, 1, 1, 1, 1, 1, 1, 5),     // depthwise, a full and a half vector of interior columns
                conv(2, 3, 6, 70, 3, 5, 3, 1, 1, 2, 1, 1, 1, 3),     // depthwise 5x3, several vectors per row
                conv(1, 3, 11, 11, 3, 5, 5, 1, 1, 2, 2, 1, 1, 3),    // depthwise 5x5
                conv(1, 4, 9, 9, 4, 3, 3, 1, 1, 2, 2, 2, 2, 4),      // depthwise dilated
                conv(1, 4, 7, 7, 8, 3, 3, 1, 1, 1, 1, 1, 1, 4),      // channel multiplier 2
                // depthwise over flat phase planes: strides 2 and 3, odd and wide rows, several vector blocks
                conv(1, 3, 15, 41, 3, 3, 3, 2, 2, 1, 1, 1, 1, 3),    // stride 2, odd sizes, a tail vector
                conv(2, 4, 13, 9, 4, 5, 5, 2, 2, 2, 2, 2, 2, 4),     // stride 2, dilation 2, 5x5
                conv(1, 3, 8, 10, 3, 3, 3, 1, 2, 0, 1, 1, 1, 3),     // stride 1x2, no vertical padding
                conv(2, 3, 11, 11, 3, 3, 3, 3, 3, 1, 1, 1, 1, 3),    // stride 3
                conv(1, 2, 5, 5, 2, 3, 3, 1, 1, 3, 3, 1, 1, 2),      // padding wider than the kernel
                conv(1, 2, 30, 40, 2, 3, 3, 1, 1, 1, 1, 1, 1, 2),    // 8-vector blocks
                conv(1, 2, 33, 47, 2, 3, 3, 2, 2, 1, 1, 1, 1, 2),    // 8-vector blocks at stride 2
                conv(3, 5, 7, 7, 5, 3, 3, 1, 1, 1, 1, 1, 1, 5),      // 7x7 planes (MobileNet's last stage)
                conv(5, 3, 20, 20, 3, 3, 3, 1, 1, 1, 1, 1, 1, 3),    // depthwise, batch 5 of 20x20 planes
                // stride 2 with output rows of whole or half vectors (the vector strided im2col rows), 4+ channels
                conv(2, 4, 10, 32, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1),    // 16-wide output rows
                conv(1, 5, 6, 63, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1),     // 32-wide output rows
                conv(3, 4, 9, 16, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1),     // 8-wide rows in pairs, an odd row left over
                conv(2, 4, 7, 15, 6, 3, 3, 2, 2, 1, 1, 1, 1, 1),     // 8-wide rows from 15-wide input rows
                conv(2, 4, 6, 16, 4, 3, 3, 1, 2, 1, 1, 1, 1, 1),     // stride 1x2, 8-wide rows in pairs
                conv(1, 4, 12, 32, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1),    // stride 2, dilation 2, 16-wide rows
                conv(2, 6, 8, 32, 4, 3, 3, 2, 2, 1, 1, 1, 1, 2),     // grouped, stride 2, 16-wide rows
                conv(2, 4, 6, 8, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1),      // 4-wide rows: in pairs with 8 lanes, scalar with 16
                conv(0, 3, 5, 5, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1),      // empty batch
                // "same" padding, stride 1 (implicit-GEMM paths): odd sizes, 1-wide/1-high, odd channels
                conv(5, 3, 7, 10, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1),     // H != W, batch 5, Cout 3
                conv(1, 1, 1, 9, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1),      // H = 1, Cin 1
                conv(2, 5, 9, 1, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1),      // W = 1
                conv(1, 17, 6, 5, 19, 3, 3, 1, 1, 1, 1, 1, 1, 1),    // channels not multiples of 8 or 16
                conv(3, 20, 14, 14, 33, 3, 3, 1, 1, 1, 1, 1, 1, 1),  // several column panels, Cout > 32
                conv(5, 3, 11, 7, 9, 5, 5, 1, 1, 2, 2, 1, 1, 1),     // 5x5
                conv(2, 1, 13, 6, 24, 5, 5, 1, 1, 2, 2, 1, 1, 1),    // 5x5, Cin 1
                conv(1, 2, 3, 1, 3, 5, 5, 1, 1, 2, 2, 1, 1, 1),      // 5x5 wider and taller than the image
                conv(2, 3, 6, 8, 4, 3, 5, 1, 1, 1, 2, 1, 1, 1));     // 3x5
    }

    private static String name(ConvGeometry g) {
        return "conv n=" + g.batch() + " cin=" + g.inChannels() + " " + g.inH() + "x" + g.inW() + " cout=" + g.outChannels()
                + " k=" + g.kernelH() + "x" + g.kernelW() + " s=" + g.strideH() + "x" + g.strideW() + " p=" + g.padH() + "x" + g.padW()
                + " d=" + g.dilationH() + "x" + g.dilationW() + " g=" + g.groups();
    }

    /** Every pass of a convolution: forward without and with bias, input gradient, weight gradient. */
    public void checkConvPasses(ConvGeometry g) {
        checkConvForward(g, false);
        checkConvForward(g, true);
        checkConvBackwardData(g);
        checkConvBackwardWeight(g);
    }

    public void checkConvForward(ConvGeometry g, boolean withBias) {
        Rng rng = new Rng(SEED + g.hashCode());
        float[] x = uniform(rng, g.inputSize()), w = uniform(rng, g.weightSize());
        float[] bias = withBias ? uniform(rng, g.outChannels()) : null;
        float[] want = filled(g.outputSize(), Float.NaN), got = filled(g.outputSize(), Float.NaN);
        ref.conv2dForward(g, x, w, bias, want);
        kernels().conv2dForward(g, x, w, bias, got);
        assertClose(name(g) + " forward bias=" + withBias, want, got, g.patchSize() + 1);
        float[] again = filled(g.outputSize(), Float.NaN);
        kernels().conv2dForward(g, x, w, bias, again);
        Approx.assertBitsEqual(name(g) + " forward repeat", got, again);
    }

    public void checkConvBackwardData(ConvGeometry g) {
        Rng rng = new Rng(SEED + 1 + g.hashCode());
        float[] dy = uniform(rng, g.outputSize()), w = uniform(rng, g.weightSize());
        float[] want = filled(g.inputSize(), Float.NaN), got = filled(g.inputSize(), Float.NaN);
        ref.conv2dBackwardData(g, dy, w, want);
        kernels().conv2dBackwardData(g, dy, w, got);
        assertClose(name(g) + " backward-data", want, got, (long) g.outChannelsPerGroup() * g.kernelH() * g.kernelW());
    }

    public void checkConvBackwardWeight(ConvGeometry g) {
        Rng rng = new Rng(SEED + 2 + g.hashCode());
        float[] x = uniform(rng, g.inputSize()), dy = uniform(rng, g.outputSize());
        float[] want = filled(g.weightSize(), Float.NaN), got = filled(g.weightSize(), Float.NaN);
        ref.conv2dBackwardWeight(g, x, dy, want);
        kernels().conv2dBackwardWeight(g, x, dy, got);
        assertClose(name(g) + " backward-weight", want, got, (long) g.batch() * g.outH() * g.outW());
    }

    @TestFactory
    Stream<DynamicTest> conv2d() {
        return convCases().stream().flatMap(g -> Stream.of(
                DynamicTest.dynamicTest(name(g) + " forward", () -> checkConvForward(g, false)),
                DynamicTest.dynamicTest(name(g) + " forward+bias", () -> checkConvForward(g, true)),
                DynamicTest.dynamicTest(name(g) + " backward-data", () -> checkConvBackwardData(g)),
                DynamicTest.dynamicTest(name(g) + " backward-weight", () -> checkConvBackwardWeight(g))));
    }

    // ================================================================== pooling

    public static List<PoolGeometry> poolCases() {
        return List.of(
                PoolGeometry.of(2, 3, 8, 8, 2, 2, 0),
                PoolGeometry.of(1, 2, 7, 9, 3, 2, 1),
                PoolGeometry.of(2, 3, 5, 5, 3, 1, 1),
                PoolGeometry.of(1, 1, 1, 1, 1, 1, 0),
                PoolGeometry.of(2, 4, 33, 35, 2, 2, 0),
                new PoolGeometry(1, 2, 9, 7, 3, 2, 2, 1, 1, 1));
    }

    public void checkPool(PoolGeometry p, boolean ties) {
        Rng rng = new Rng(SEED + p.hashCode() + (ties ? 7 : 0));
        float[] x = uniform(rng, p.inputSize());
        // Few distinct values make ties common: the first maximum must win.
        if (ties) for (int i = 0; i < x.length; i++) x[i] = Math.round(x[i] * 2f) / 2f;
        String name = "pool " + p + (ties ? " ties" : "");
        float[] want = filled(p.outputSize(), Float.NaN), got = filled(p.outputSize(), Float.NaN);
        int[] wantIdx = new int[p.outputSize()], gotIdx = new int[p.outputSize()];
        ref.maxPool2dForward(p, x, want, wantIdx);
        kernels().maxPool2dForward(p, x, got, gotIdx);
        Approx.assertBitsEqual(name + " max forward", want, got);
        Approx.assertSameInts(name + " max argmax", wantIdx, gotIdx);
        float[] dy = uniform(rng, p.outputSize());
        float[] wantDx = filled(p.inputSize(), Float.NaN), gotDx = filled(p.inputSize(), Float.NaN);
        ref.maxPool2dBackward(p, dy, wantIdx, wantDx);
        kernels().maxPool2dBackward(p, dy, wantIdx, gotDx);
        assertClose(name + " max backward", wantDx, gotDx, (long) p.kernelH() * p.kernelW());
        want = filled(p.outputSize(), Float.NaN);
        got = filled(p.outputSize(), Float.NaN);
        ref.avgPool2dForward(p, x, want);
        kernels().avgPool2dForward(p, x, got);
        assertClose(name + " avg forward", want, got, (long) p.kernelH() * p.kernelW());
        wantDx = filled(p.inputSize(), Float.NaN);
        gotDx = filled(p.inputSize(), Float.NaN);
        ref.avgPool2dBackward(p, dy, wantDx);
        kernels().avgPool2dBackward(p, dy, gotDx);
        assertClose(name + " avg backward", wantDx, gotDx, (long) p.kernelH() * p.kernelW());
    }

    @TestFactory
    Stream<DynamicTest> pooling() {
        return poolCases().stream().flatMap(p -> Stream.of(
                DynamicTest.dynamicTest("pool " + p, () -> checkPool(p, false)),
                DynamicTest.dynamicTest("pool " + p + " ties", () -> checkPool(p, true))));
    }

    @Test
    void maxPoolPropagatesNaN() {
        PoolGeometry p = PoolGeometry.of(1, 2, 6, 6, 2, 2, 0);
        float[] x = uniform(new Rng(SEED), p.inputSize());
        x[7] = Float.NaN;
        x[40] = Float.NaN;
        float[] want = new float[p.outputSize()], got = new float[p.outputSize()];
        int[] wi = new int[p.outputSize()], gi = new int[p.outputSize()];
        ref.maxPool2dForward(p, x, want, wi);
        kernels().maxPool2dForward(p, x, got, gi);
        Approx.assertBitsEqual("max pool with NaN", want, got);
        Approx.assertSameInts("max pool argmax with NaN", wi, gi);
    }

    // ================================================================== batch norm

    private static final int[][] BN_SHAPES = {{2, 3, 5}, {4, 16, 49}, {1, 1, 1}, {3, 5, 17}, {8, 7, 64}, {1, 4, 1}, {16, 2, 3}};

    public void checkBatchNorm(int n, int c, int s) {
        Rng rng = new Rng(SEED + n * 1000L + c * 10L + s);
        String name = "batchnorm n=" + n + " c=" + c + " s=" + s;
        int size = n * c * s;
        float[] x = uniform(rng, size, -2f, 3f), gamma = uniform(rng, c), beta = uniform(rng, c);
        float eps = 1e-5f;
        float[] wantY = filled(size, Float.NaN), gotY = filled(size, Float.NaN);
        float[] wantMean = filled(c, Float.NaN), gotMean = filled(c, Float.NaN), wantIs = filled(c, Float.NaN), gotIs = filled(c, Float.NaN);
        ref.batchNormTrainForward(n, c, s, x, gamma, beta, eps, wantY, wantMean, wantIs);
        kernels().batchNormTrainForward(n, c, s, x, gamma, beta, eps, gotY, gotMean, gotIs);
        long len = (long) n * s;
        assertClose(name + " train mean", wantMean, gotMean, len);
        // invStd is 1/sqrt(var+eps): tiny variances amplify error, so compare relative to its own magnitude.
        assertClose(name + " train invStd", wantIs, gotIs, len);
        assertClose(name + " train y", wantY, gotY, len);

        float[] runMean = uniform(rng, c), runVar = uniform(rng, c, 0.1f, 2f);
        if (len >= 2) { // the op refuses training statistics over a single value
            float[] wantRm = runMean.clone(), wantRv = runVar.clone(), gotRm = runMean.clone(), gotRv = runVar.clone();
            ref.batchNormUpdateRunning(c, wantMean, wantIs, eps, len, 0.1f, wantRm, wantRv);
            kernels().batchNormUpdateRunning(c, wantMean, wantIs, eps, len, 0.1f, gotRm, gotRv);
            assertClose(name + " running mean", wantRm, gotRm, 1);
            assertClose(name + " running var", wantRv, gotRv, 1);
        }
        wantY = filled(size, Float.NaN);
        gotY = filled(size, Float.NaN);
        ref.batchNormEvalForward(n, c, s, x, gamma, beta, runMean, runVar, eps, wantY);
        kernels().batchNormEvalForward(n, c, s, x, gamma, beta, runMean, runVar, eps, gotY);
        assertClose(name + " eval y", wantY, gotY, 1);

        float[] dy = uniform(rng, size);
        float[] wantDx = filled(size, Float.NaN), gotDx = filled(size, Float.NaN);
        float[] wantDg = filled(c, Float.NaN), gotDg = filled(c, Float.NaN), wantDb = filled(c, Float.NaN), gotDb = filled(c, Float.NaN);
        ref.batchNormBackward(n, c, s, x, dy, gamma, wantMean, wantIs, wantDx, wantDg, wantDb);
        kernels().batchNormBackward(n, c, s, x, dy, gamma, wantMean, wantIs, gotDx, gotDg, gotDb);
        assertClose(name + " backward dgamma", wantDg, gotDg, len);
        assertClose(name + " backward dbeta", wantDb, gotDb, len);
        assertClose(name + " backward dx", wantDx, gotDx, len);

        // ReLU(batch norm) as one kernel pair against the reference's two kernels (its defaults): x and beta put
        // about a third of the outputs below zero, so the mask matters in every channel.
        float[] wantR = filled(size, Float.NaN), gotR = filled(size, Float.NaN);
        wantMean = filled(c, Float.NaN);
        gotMean = filled(c, Float.NaN);
        wantIs = filled(c, Float.NaN);
        gotIs = filled(c, Float.NaN);
        ref.batchNormReluTrainForward(n, c, s, x, gamma, beta, eps, wantR, wantMean, wantIs);
        kernels().batchNormReluTrainForward(n, c, s, x, gamma, beta, eps, gotR, gotMean, gotIs);
        assertClose(name + " relu train mean", wantMean, gotMean, len);
        assertClose(name + " relu train invStd", wantIs, gotIs, len);
        assertClose(name + " relu train y", wantR, gotR, len);
        for (float v : gotR) assertTrue(v >= 0f, name + " relu train y has a negative value " + v);
        wantDx = filled(size, Float.NaN);
        gotDx = filled(size, Float.NaN);
        wantDg = filled(c, Float.NaN);
        gotDg = filled(c, Float.NaN);
        wantDb = filled(c, Float.NaN);
        gotDb = filled(c, Float.NaN);
        ref.batchNormReluBackward(n, c, s, x, wantR, dy, gamma, wantMean, wantIs, wantDx, wantDg, wantDb);
        kernels().batchNormReluBackward(n, c, s, x, wantR, dy, gamma, wantMean, wantIs, gotDx, gotDg, gotDb);
        assertClose(name + " relu backward dgamma", wantDg, gotDg, len);
        assertClose(name + " relu backward dbeta", wantDb, gotDb, len);
        assertClose(name + " relu backward dx", wantDx, gotDx, len);
    }

    @TestFactory
    Stream<DynamicTest> batchNorm() {
        return Arrays.stream(BN_SHAPES).map(s -> DynamicTest.dynamicTest("batchnorm " + Arrays.toString(s), () -> checkBatchNorm(s[0], s[1], s[2])));
    }

    // ================================================================== elementwise

    /** 70001: long enough for a backend to share the work out between threads (SimdKernels from 65536), with a tail. */
    private static final int[] LENGTHS = {0, 1, 7, 16, 17, 33, 64, 100, 1027, 70001};

    private static float[] inputFor(Unary op, Rng rng, int n) {
        return switch (op) {
            case LOG, SQRT -> uniform(rng, n, 0.01f, 5f);
            case EXP -> uniform(rng, n, -20f, 20f);
            case SIGMOID, TANH -> uniform(rng, n, -12f, 12f);
            default -> uniform(rng, n, -8f, 8f);
        };
    }

    public void checkUnary(Unary op, int n) {
        Rng rng = new Rng(SEED + op.ordinal() * 100L + n);
        int off = n % 3;
        float[] x = inputFor(op, rng, n + off);
        if (op != Unary.LOG && op != Unary.SQRT && n > 3) {
            x[off] = 0f;     // exact kinks
            x[off + 1] = -0f;
            if (op == Unary.RELU6) x[off + 2] = 6f;
        }
        // ReLU must pass NaN through (as PyTorch does) so a diverging run stays visible.
        if ((op == Unary.RELU || op == Unary.RELU6) && n > 4) x[off + 3] = Float.NaN;
        String name = "unary " + op + " n=" + n;
        float[] want = filled(n + 2, Float.NaN), got = filled(n + 2, Float.NaN);
        ref.unary(op, n, x, off, want, 1);
        kernels().unary(op, n, x, off, got, 1);
        assertClose(name, want, got, 1);
        float[] inPlace = x.clone();
        kernels().unary(op, n, inPlace, off, inPlace, off);
        float[] wantInPlace = x.clone();
        ref.unary(op, n, wantInPlace, off, wantInPlace, off);
        assertClose(name + " in place", wantInPlace, inPlace, 1);

        float[] xs = Arrays.copyOfRange(x, off, off + n), ys = new float[n];
        ref.unary(op, n, xs, 0, ys, 0);
        float[] dy = uniform(rng, n);
        float[] wantDx = filled(n, Float.NaN), gotDx = filled(n, Float.NaN);
        ref.unaryBackward(op, n, xs, ys, dy, wantDx);
        kernels().unaryBackward(op, n, xs, ys, dy, gotDx);
        assertClose(name + " backward", wantDx, gotDx, 1);
    }

    @TestFactory
    Stream<DynamicTest> unary() {
        return Arrays.stream(Unary.values()).flatMap(op -> Arrays.stream(LENGTHS)
                .mapToObj(n -> DynamicTest.dynamicTest("unary " + op + " n=" + n, () -> checkUnary(op, n))));
    }

    public void checkBinary(Binary op, int n) {
        Rng rng = new Rng(SEED + op.ordinal() * 1000L + n);
        float[] a = uniform(rng, n + 3, -4f, 4f), b = uniform(rng, n + 5, -4f, 4f);
        if (op == Binary.DIV) for (int i = 0; i < b.length; i++) b[i] = b[i] >= 0 ? b[i] + 0.5f : b[i] - 0.5f;
        String name = "binary " + op + " n=" + n;
        float[] want = filled(n + 1, Float.NaN), got = filled(n + 1, Float.NaN);
        ref.binary(op, n, a, 3, b, 5, want, 1);
        kernels().binary(op, n, a, 3, b, 5, got, 1);
        assertClose(name, want, got, 1);
        float[] inPlace = a.clone(), wantInPlace = a.clone();
        ref.binary(op, n, wantInPlace, 3, b, 5, wantInPlace, 3);
        kernels().binary(op, n, inPlace, 3, b, 5, inPlace, 3);
        assertClose(name + " in place", wantInPlace, inPlace, 1);
    }

    @TestFactory
    Stream<DynamicTest> binary() {
        return Arrays.stream(Binary.values()).flatMap(op -> Arrays.stream(LENGTHS)
                .mapToObj(n -> DynamicTest.dynamicTest("binary " + op + " n=" + n, () -> checkBinary(op, n))));
    }

    /** Broadcast pattern: output shape, strides of a and b (0 on broadcast axes). */
    public record Broadcast(String label, int[] shape, int[] aStrides, int[] bStrides) {
        @Override public String toString() { return "broadcast " + label + " " + Arrays.toString(shape); }
    }

    public static List<Broadcast> broadcastCases() {
        return List.of(
                new Broadcast("row vector (trailing)", new int[]{5, 37}, new int[]{37, 1}, new int[]{0, 1}),
                new Broadcast("column vector", new int[]{6, 19}, new int[]{19, 1}, new int[]{1, 0}),
                new Broadcast("channel bias NCHW", new int[]{2, 3, 4, 5}, new int[]{60, 20, 5, 1}, new int[]{0, 1, 0, 0}),
                new Broadcast("scalar b", new int[]{3, 17}, new int[]{17, 1}, new int[]{0, 0}),
                new Broadcast("scalar a", new int[]{33}, new int[]{0}, new int[]{1}),
                new Broadcast("leading broadcast a", new int[]{4, 21}, new int[]{0, 1}, new int[]{21, 1}),
                new Broadcast("outer product", new int[]{7, 18}, new int[]{1, 0}, new int[]{0, 1}),
                new Broadcast("transposed a", new int[]{5, 4}, new int[]{1, 5}, new int[]{4, 1}),
                new Broadcast("per-sample scale", new int[]{3, 2, 17}, new int[]{34, 17, 1}, new int[]{1, 0, 0}),
                new Broadcast("rank 0", new int[]{}, new int[]{}, new int[]{}),
                new Broadcast("size-1 axis", new int[]{1, 9, 1}, new int[]{9, 1, 1}, new int[]{0, 1, 0}));
    }

    private static int span(int[] shape, int[] strides) {
        int last = 0;
        for (int d = 0; d < shape.length; d++) last += (shape[d] - 1) * strides[d];
        return last + 1;
    }

    public void checkBroadcast(Binary op, Broadcast c) {
        Rng rng = new Rng(SEED + op.ordinal() + c.label.hashCode());
        float[] a = uniform(rng, span(c.shape, c.aStrides), -3f, 3f), b = uniform(rng, span(c.shape, c.bStrides), 0.5f, 3f);
        int total = 1;
        for (int d : c.shape) total *= d;
        float[] want = filled(total, Float.NaN), got = filled(total, Float.NaN);
        ref.binaryBroadcast(op, c.shape, a, c.aStrides, b, c.bStrides, want);
        kernels().binaryBroadcast(op, c.shape, a, c.aStrides, b, c.bStrides, got);
        assertClose(c + " " + op, want, got, 1);
    }

    @TestFactory
    Stream<DynamicTest> binaryBroadcast() {
        return Arrays.stream(Binary.values()).flatMap(op -> broadcastCases().stream()
                .map(c -> DynamicTest.dynamicTest(c + " " + op, () -> checkBroadcast(op, c))));
    }

    public void checkAffineAxpyBias(int n) {
        Rng rng = new Rng(SEED + 31L * n);
        float[] x = uniform(rng, n + 2);
        float[] want = filled(n + 4, Float.NaN), got = filled(n + 4, Float.NaN);
        ref.affine(n, x, 2, -1.75f, 0.3f, want, 4);
        kernels().affine(n, x, 2, -1.75f, 0.3f, got, 4);
        assertClose("affine n=" + n, want, got, 1);
        float[] y = uniform(rng, n + 1);
        float[] wantY = y.clone(), gotY = y.clone();
        ref.axpy(n, 0.7f, x, 2, wantY, 1);
        kernels().axpy(n, 0.7f, x, 2, gotY, 1);
        assertClose("axpy n=" + n, wantY, gotY, 1);
    }

    @TestFactory
    Stream<DynamicTest> affineAndAxpy() {
        return Arrays.stream(LENGTHS).mapToObj(n -> DynamicTest.dynamicTest("affine/axpy n=" + n, () -> checkAffineAxpyBias(n)));
    }

    public void checkCopy(int n) {
        Rng rng = new Rng(SEED + 37L * n);
        float[] x = uniform(rng, n + 3);
        if (n > 2) {
            x[3] = -0f;
            x[4] = Float.intBitsToFloat(0x7fc01234); // a NaN with a payload
        }
        float[] want = filled(n + 6, 42f), got = filled(n + 6, 42f);
        ref.copy(n, x, 3, want, 5);
        kernels().copy(n, x, 3, got, 5);
        Approx.assertBitsEqual("copy n=" + n + " (outside [5, 5+n) must stay untouched)", want, got);
        float[] whole = filled(n, Float.NaN);
        kernels().copy(n, x, 0, whole, 0);
        Approx.assertBitsEqual("copy of a whole array n=" + n, Arrays.copyOf(x, n), whole);
    }

    @TestFactory
    Stream<DynamicTest> copy() {
        return Arrays.stream(LENGTHS).mapToObj(n -> DynamicTest.dynamicTest("copy n=" + n, () -> checkCopy(n)));
    }

    /** Masks about a third of the elements (null when masked is false). */
    private static float[] optimizerMask(Rng rng, int n, boolean masked) {
        if (!masked) return null;
        float[] m = new float[n];
        for (int i = 0; i < n; i++) m[i] = rng.uniform() < 0.33f ? 0f : 1f;
        return m;
    }

    private static void assertZeroWhereMasked(String what, float[] mask, float[] a) {
        if (mask == null || a == null) return;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0f && Float.floatToRawIntBits(a[i]) != 0) throw new AssertionError(what + ": element " + i + " is masked but holds " + a[i]);
        }
    }

    public void checkSgd(int n, float momentum, float dampening, float weightDecay, boolean nesterov, boolean masked) {
        Rng rng = new Rng(SEED + 41L * n + (long) (momentum * 100) + (nesterov ? 7 : 0) + (masked ? 13 : 0));
        float[] w = uniform(rng, n), g = uniform(rng, n), mask = optimizerMask(rng, n, masked);
        float[] wantW = w.clone(), gotW = w.clone();
        float[] wantB = momentum == 0f ? null : new float[n], gotB = momentum == 0f ? null : new float[n];
        String what = "sgd n=" + n + " momentum=" + momentum + " dampening=" + dampening + " wd=" + weightDecay
                + " nesterov=" + nesterov + " masked=" + masked;
        for (int step = 0; step < 3; step++) { // the first step initialises the buffer, later ones blend into it
            float[] gs = g.clone();
            for (int i = 0; i < n; i++) gs[i] += 0.1f * step;
            ref.sgdUpdate(n, wantW, gs, wantB, step == 0, 0.05f, momentum, dampening, weightDecay, nesterov, mask);
            kernels().sgdUpdate(n, gotW, gs, gotB, step == 0, 0.05f, momentum, dampening, weightDecay, nesterov, mask);
            assertClose(what + " step " + step + " weights", wantW, gotW, 1);
            if (wantB != null) assertClose(what + " step " + step + " momentum buffer", wantB, gotB, 1);
            assertZeroWhereMasked(what + " weights", mask, gotW);
            assertZeroWhereMasked(what + " momentum buffer", mask, gotB);
        }
    }

    @TestFactory
    Stream<DynamicTest> sgdUpdate() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : new int[] {0, 1, 17, 1027}) {
            tests.add(DynamicTest.dynamicTest("sgd plain n=" + n, () -> checkSgd(n, 0f, 0f, 0f, false, false)));
            tests.add(DynamicTest.dynamicTest("sgd momentum+wd masked n=" + n, () -> checkSgd(n, 0.9f, 0f, 5e-4f, false, true)));
            tests.add(DynamicTest.dynamicTest("sgd nesterov n=" + n, () -> checkSgd(n, 0.9f, 0f, 1e-3f, true, false)));
            tests.add(DynamicTest.dynamicTest("sgd dampening masked n=" + n, () -> checkSgd(n, 0.5f, 0.3f, 0f, false, true)));
        }
        return tests.stream();
    }

    public void checkAdam(int n, float weightDecay, boolean decoupled, boolean masked) {
        Rng rng = new Rng(SEED + 43L * n + (decoupled ? 5 : 0) + (masked ? 11 : 0));
        float[] w = uniform(rng, n), g = uniform(rng, n), mask = optimizerMask(rng, n, masked);
        float[] wantW = w.clone(), gotW = w.clone();
        float[] wantM = new float[n], gotM = new float[n], wantV = new float[n], gotV = new float[n];
        String what = "adam n=" + n + " wd=" + weightDecay + " decoupled=" + decoupled + " masked=" + masked;
        float lr = 1e-2f, b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
        for (int t = 1; t <= 3; t++) {
            float[] gs = g.clone();
            for (int i = 0; i < n; i++) gs[i] *= t;
            float stepSize = lr / (float) (1.0 - Math.pow(b1, t));
            float sqrtBc2 = (float) Math.sqrt(1.0 - Math.pow(b2, t));
            ref.adamUpdate(n, wantW, gs, wantM, wantV, lr, stepSize, b1, b2, eps, weightDecay, decoupled, sqrtBc2, mask);
            kernels().adamUpdate(n, gotW, gs, gotM, gotV, lr, stepSize, b1, b2, eps, weightDecay, decoupled, sqrtBc2, mask);
            assertClose(what + " step " + t + " weights", wantW, gotW, 1);
            assertClose(what + " step " + t + " first moment", wantM, gotM, 1);
            assertClose(what + " step " + t + " second moment", wantV, gotV, 1);
            assertZeroWhereMasked(what + " weights", mask, gotW);
            assertZeroWhereMasked(what + " first moment", mask, gotM);
            assertZeroWhereMasked(what + " second moment", mask, gotV);
        }
    }

    @TestFactory
    Stream<DynamicTest> adamUpdate() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : new int[] {0, 1, 17, 1027}) {
            tests.add(DynamicTest.dynamicTest("adam n=" + n, () -> checkAdam(n, 0f, false, false)));
            tests.add(DynamicTest.dynamicTest("adam coupled wd masked n=" + n, () -> checkAdam(n, 1e-2f, false, true)));
            tests.add(DynamicTest.dynamicTest("adamw masked n=" + n, () -> checkAdam(n, 1e-1f, true, true)));
        }
        return tests.stream();
    }

    private static final int[][] NCS_SHAPES = {{1, 1, 1}, {2, 3, 5}, {2, 16, 49}, {3, 5, 17}, {1, 7, 64}, {4, 2, 100}};

    public void checkBiasActivation(int n, int c, int s, boolean withBias, boolean relu) {
        Rng rng = new Rng(SEED + n * 7L + c * 11L + s);
        float[] y = uniform(rng, n * c * s), bias = withBias ? uniform(rng, c) : null;
        if (y.length > 2) y[y.length / 2] = Float.NaN; // fused ReLU passes NaN through
        float[] want = y.clone(), got = y.clone();
        ref.biasActivation(n, c, s, want, bias, relu);
        kernels().biasActivation(n, c, s, got, bias, relu);
        assertClose("biasActivation " + n + "x" + c + "x" + s + " bias=" + withBias + " relu=" + relu, want, got, 1);
    }

    @TestFactory
    Stream<DynamicTest> biasActivation() {
        return Arrays.stream(NCS_SHAPES).flatMap(s -> Stream.of(
                DynamicTest.dynamicTest("bias+relu " + Arrays.toString(s), () -> checkBiasActivation(s[0], s[1], s[2], true, true)),
                DynamicTest.dynamicTest("bias " + Arrays.toString(s), () -> checkBiasActivation(s[0], s[1], s[2], true, false)),
                DynamicTest.dynamicTest("relu only " + Arrays.toString(s), () -> checkBiasActivation(s[0], s[1], s[2], false, true))));
    }

    // ================================================================== reductions

    private static final int[][] AXIS_SHAPES = {{1, 1, 1}, {3, 7, 1}, {1, 100, 17}, {4, 5, 33}, {2, 300, 3}, {5, 1, 9}, {2, 64, 64}};

    public void checkSumAxis(int outer, int len, int inner) {
        Rng rng = new Rng(SEED + outer * 100L + len * 10L + inner);
        float[] x = uniform(rng, outer * len * inner);
        float[] want = filled(outer * inner, Float.NaN), got = filled(outer * inner, Float.NaN);
        ref.sumAxis(outer, len, inner, x, want);
        kernels().sumAxis(outer, len, inner, x, got);
        assertClose("sumAxis " + outer + "x" + len + "x" + inner, want, got, Approx.atol(len, 1.0));
    }

    @TestFactory
    Stream<DynamicTest> sumAxis() {
        return Arrays.stream(AXIS_SHAPES).map(s -> DynamicTest.dynamicTest("sumAxis " + Arrays.toString(s), () -> checkSumAxis(s[0], s[1], s[2])));
    }

    @TestFactory
    Stream<DynamicTest> sum() {
        return Arrays.stream(new int[]{0, 1, 15, 16, 17, 1000, 100_003}).mapToObj(n -> DynamicTest.dynamicTest("sum n=" + n, () -> {
            float[] x = uniform(new Rng(SEED + n), n + 3);
            double want = ref.sum(n, x, 3), got = kernels().sum(n, x, 3);
            // The SPI promises double accumulation; allow only ~1e-6 of Σ|x| for a blocked float inner step.
            double abs = 0;
            for (int i = 3; i < n + 3; i++) abs += Math.abs(x[i]);
            Approx.assertScalarClose("sum n=" + n, want, got, 1e-6 * abs + 1e-9);
        }));
    }

    // ================================================================== softmax family

    private static final int[][] SOFTMAX_SHAPES = {{1, 1}, {3, 10}, {5, 17}, {2, 100}, {4, 1001}, {16, 16}};

    public void checkSoftmax(int rows, int cols) {
        Rng rng = new Rng(SEED + rows * 10_000L + cols);
        float[] x = uniform(rng, rows * cols, -10f, 10f);
        for (int j = 0; j < cols; j++) x[j] += 1000f; // the max must be subtracted before exp
        String name = "softmax " + rows + "x" + cols;
        float[] want = filled(rows * cols, Float.NaN), got = filled(rows * cols, Float.NaN);
        ref.softmax(rows, cols, x, want);
        kernels().softmax(rows, cols, x, got);
        assertClose(name, want, got, Approx.atol(cols, 1.0));
        float[] wantLog = filled(rows * cols, Float.NaN), gotLog = filled(rows * cols, Float.NaN);
        ref.logSoftmax(rows, cols, x, wantLog);
        kernels().logSoftmax(rows, cols, x, gotLog);
        // Log-probabilities carry the absolute error of log Σ exp, which is relative to the row's magnitude (~1000).
        assertClose("log" + name, wantLog, gotLog, Approx.atol(cols, 1000.0));

        float[] dy = uniform(rng, rows * cols);
        float[] wantDx = filled(rows * cols, Float.NaN), gotDx = filled(rows * cols, Float.NaN);
        ref.softmaxBackward(rows, cols, want, dy, wantDx);
        kernels().softmaxBackward(rows, cols, want, dy, gotDx);
        assertClose(name + " backward", wantDx, gotDx, Approx.atol(cols, 1.0));
        wantDx = filled(rows * cols, Float.NaN);
        gotDx = filled(rows * cols, Float.NaN);
        ref.logSoftmaxBackward(rows, cols, wantLog, dy, wantDx);
        kernels().logSoftmaxBackward(rows, cols, wantLog, dy, gotDx);
        assertClose("log" + name + " backward", wantDx, gotDx, Approx.atol(cols, Math.max(1.0, Approx.maxAbs(wantDx))));
    }

    @TestFactory
    Stream<DynamicTest> softmax() {
        return Arrays.stream(SOFTMAX_SHAPES).map(s -> DynamicTest.dynamicTest("softmax " + Arrays.toString(s), () -> checkSoftmax(s[0], s[1])));
    }

    public void checkCrossEntropy(int rows, int cols, float smoothing) {
        Rng rng = new Rng(SEED + rows * 1000L + cols + (long) (smoothing * 100));
        float[] logits = uniform(rng, rows * cols, -6f, 6f);
        int[] labels = TestData.labels(rng, rows, cols);
        String name = "crossEntropy " + rows + "x" + cols + " smoothing=" + smoothing;
        float[] wantP = filled(rows * cols, Float.NaN), gotP = filled(rows * cols, Float.NaN);
        float wantLoss = ref.crossEntropyForward(rows, cols, logits, labels, smoothing, wantP);
        float gotLoss = kernels().crossEntropyForward(rows, cols, logits, labels, smoothing, gotP);
        Approx.assertScalarClose(name + " loss", wantLoss, gotLoss, Approx.atol((long) rows * cols, 10.0));
        assertClose(name + " prob", wantP, gotP, Approx.atol(cols, 1.0));
        for (float scale : new float[]{1f, 0.5f}) {
            float[] want = filled(rows * cols, Float.NaN), got = filled(rows * cols, Float.NaN);
            ref.crossEntropyBackward(rows, cols, wantP, labels, smoothing, scale, want);
            kernels().crossEntropyBackward(rows, cols, wantP, labels, smoothing, scale, got);
            assertClose(name + " backward scale=" + scale, want, got, 1);
        }
    }

    @TestFactory
    Stream<DynamicTest> crossEntropy() {
        return Arrays.stream(SOFTMAX_SHAPES).flatMap(s -> Stream.of(0f, 0.1f).map(eps ->
                DynamicTest.dynamicTest("crossEntropy " + Arrays.toString(s) + " eps=" + eps, () -> checkCrossEntropy(s[0], s[1], eps))));
    }

    // ================================================================== permute

    public static List<int[][]> permuteCases() {
        List<int[][]> cases = new ArrayList<>();
        cases.add(new int[][]{{3, 5}, {1, 0}});
        cases.add(new int[][]{{17, 33}, {1, 0}});
        cases.add(new int[][]{{64, 48}, {1, 0}});
        cases.add(new int[][]{{1, 7}, {1, 0}});
        cases.add(new int[][]{{2, 3, 4, 5}, {0, 2, 3, 1}});
        cases.add(new int[][]{{2, 3, 4, 5}, {0, 3, 1, 2}});
        cases.add(new int[][]{{1, 7, 1}, {2, 0, 1}});
        cases.add(new int[][]{{4, 6}, {0, 1}});
        for (int[] p : new int[][]{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}) cases.add(new int[][]{{2, 3, 19}, p});
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> permute() {
        return permuteCases().stream().map(c -> DynamicTest.dynamicTest("permute " + Arrays.toString(c[0]) + " by " + Arrays.toString(c[1]), () -> {
            int total = 1;
            for (int d : c[0]) total *= d;
            float[] x = uniform(new Rng(SEED + total), total);
            float[] want = filled(total, Float.NaN), got = filled(total, Float.NaN);
            ref.permute(c[0], c[1], x, want);
            kernels().permute(c[0], c[1], x, got);
            Approx.assertBitsEqual("permute " + Arrays.toString(c[0]) + " by " + Arrays.toString(c[1]), want, got);
        }));
    }

    // ================================================================== gather / scatter

    @TestFactory
    Stream<DynamicTest> gatherScatter() {
        return IntStream.of(0, 1, 7, 33, 1027).mapToObj(n -> DynamicTest.dynamicTest("gather/scatter n=" + n, () -> {
            Rng rng = new Rng(SEED + 13L * n);
            int len = 2 * n + 5;
            // n distinct positions in [0, len), in shuffled order.
            int[] all = new int[len];
            for (int i = 0; i < len; i++) all[i] = i;
            for (int i = len - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            int[] index = Arrays.copyOf(all, n);
            float[] src = uniform(rng, 3 + len);
            float[] want = filled(n + 1, Float.NaN), got = filled(n + 1, Float.NaN);
            ref.gather(n, src, 3, index, want);
            kernels().gather(n, src, 3, index, got);
            Approx.assertBitsEqual("gather n=" + n, want, got);
            float[] vals = uniform(rng, n);
            float[] wantD = filled(len + 2, Float.NaN), gotD = filled(len + 2, Float.NaN);
            ref.scatter(n, vals, index, len, wantD);
            kernels().scatter(n, vals, index, len, gotD);
            Approx.assertBitsEqual("scatter n=" + n, wantD, gotD);
        }));
    }

    @Test
    void gatherScatterRejectIndicesOutOfRange() {
        int[] index = {0, 5};
        assertThrows(IllegalArgumentException.class, () -> kernels().gather(2, new float[5], 0, index, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> kernels().gather(2, new float[6], 2, index, new float[2]));
        assertThrows(IllegalArgumentException.class, () -> kernels().scatter(2, new float[2], index, 5, new float[6]));
        assertThrows(IllegalArgumentException.class, () -> kernels().scatter(2, new float[2], new int[] {0, 1}, 4, new float[3]));
    }

    // ================================================================== sparse

    /**
     * Operands that do not fit fail before any work, with a message naming the operand (KernelArgs): including a B
     * one float short whose last column the mask never reads, and negative sizes, which returned without writing.
     */
    @Test
    void sparseAndConvKernelsRejectOperandsThatDoNotFit() {
        float[] dense = new float[8 * 6];
        for (int i = 0; i < dense.length; i += 3) dense[i] = 1f;  // columns 0 and 3 only: B's last row is never read
        CsrMatrix a = CsrMatrix.fromDense(dense, 0, 8, 6);
        Kernels k = kernels();
        float[] c = filled(8 * 4, 7f);
        rejects("B needs", () -> k.spmm(a, 4, new float[6 * 4 - 1], 0, c, 0, null, false, false));
        assertArrayEquals(filled(8 * 4, 7f), c, "spmm wrote its result before rejecting B");
        rejects("C needs", () -> k.spmm(a, 4, new float[24], 0, new float[31], 0, null, false, false));
        rejects("n must not be negative", () -> k.spmm(a, -1, new float[24], 0, new float[32], 0, null, false, false));
        rejects("B offset must not be negative", () -> k.spmm(a, 4, new float[24], -1, new float[32], 0, null, false, false));
        rejects("bias has 7 values", () -> k.spmm(a, 4, new float[24], 0, new float[32], 0, new float[7], false, false));
        rejects("B is required", () -> k.spmm(a, 4, null, 0, new float[32], 0, null, false, false));
        rejects("sparse matrix A is required", () -> k.spmm(null, 4, new float[24], 0, new float[32], 0, null, false, false));
        rejects("X needs", () -> k.sparseLinear(a, 3, new float[6 * 3 - 1], 0, new float[8 * 3], 0, null, false, false));
        rejects("Y needs", () -> k.sparseLinear(a, 3, new float[19], 1, new float[24], 1, null, false, false));
        rejects("batch must not be negative", () -> k.sparseLinear(a, -2, new float[18], 0, new float[24], 0, null, false, false));
        rejects("out needs", () -> k.sddmm(a, 4, new float[32], 0, new float[24], 0, new float[a.nnz() - 1], false));
        rejects("A needs", () -> k.sddmm(a, 4, new float[31], 0, new float[24], 0, new float[a.nnz()], false));
        rejects("n must not be negative", () -> k.sddmm(a, -4, new float[32], 0, new float[24], 0, new float[a.nnz()], false));
        rejects("B needs", () -> k.spmmImages(a, 4, 2, new float[6 * 4 * 2 - 1], 0, new float[8 * 4 * 2], 0, null, false));
        rejects("images must not be negative", () -> k.spmmImages(a, 4, -1, new float[48], 0, new float[64], 0, null, false));
        rejects("B needs", () -> k.sddmmImages(a, 4, 2, new float[8 * 4 * 2], 0, new float[6 * 4 * 2 - 1], 0, new float[a.nnz()]));
        ConvGeometry g = ConvGeometry.of(2, 3, 5, 5, 4, 3, 1, 1, 1);
        float[] wd = new float[g.weightSize()];
        for (int i = 0; i < wd.length; i += 4) wd[i] = 1f;
        CsrMatrix w = CsrMatrix.fromDense(wd, 0, 4, g.patchSize()), narrow = CsrMatrix.fromDense(wd, 0, 4, g.patchSize() - 1);
        float[] x = new float[g.inputSize()], y = new float[g.outputSize()];
        rejects("x needs", () -> k.sparseConv2dForward(g, w, new float[g.inputSize() - 1], null, false, y));
        rejects("y needs", () -> k.sparseConv2dForward(g, w, x, null, false, new float[g.outputSize() - 1]));
        rejects("weight is 4x26", () -> k.sparseConv2dForward(g, narrow, x, null, false, y));
        rejects("bias has 3 values", () -> k.sparseConv2dForward(g, w, x, new float[3], false, y));
        rejects("dx needs", () -> k.sparseConv2dBackwardData(g, w, y, new float[g.inputSize() - 1]));
        rejects("dwValues needs", () -> k.sparseConv2dBackwardWeight(g, w, x, y, new float[w.nnz() - 1]));
        rejects("dy needs", () -> k.sparseConv2dBackward(g, w, x, new float[g.outputSize() - 1], new float[g.inputSize()], new float[w.nnz()]));
        rejects("dx needs", () -> k.sparseConv2dBackward(g, w, x, y, new float[g.inputSize() - 1], new float[w.nnz()]));
        // The dense convolutions take the same checks.
        float[] wDense = new float[g.weightSize()];
        rejects("x needs", () -> k.conv2dForward(g, new float[g.inputSize() - 1], wDense, null, y));
        rejects("w needs", () -> k.conv2dForward(g, x, new float[g.weightSize() - 1], null, y));
        rejects("y needs", () -> k.conv2dForward(g, x, wDense, null, new float[g.outputSize() - 1]));
        rejects("bias has 3 values", () -> k.conv2dForward(g, x, wDense, new float[3], y));
        rejects("x is required", () -> k.conv2dForward(g, null, wDense, null, y));
        rejects("geometry is required", () -> k.conv2dForward(null, x, wDense, null, y));
        rejects("dx needs", () -> k.conv2dBackwardData(g, y, wDense, new float[g.inputSize() - 1]));
        rejects("dy needs", () -> k.conv2dBackwardData(g, new float[g.outputSize() - 1], wDense, x));
        rejects("dw needs", () -> k.conv2dBackwardWeight(g, x, y, new float[g.weightSize() - 1]));
    }

    private static void rejects(String named, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(named), () -> "message should name " + named + ": " + e.getMessage());
    }

    public static final double[] DENSITIES = {0.0, 0.01, 0.1, 0.5, 0.9, 0.99, 1.0};

    public void checkSpmm(int m, int k, int n, double density, boolean emptyLines) {
        Rng rng = new Rng(SEED + m * 31L + k * 7L + n + (long) (density * 1000) + (emptyLines ? 1 : 0));
        CsrMatrix a = TestData.csr(rng, m, k, density, emptyLines);
        String name = "spmm " + m + "x" + k + "x" + n + " density=" + density + " empty=" + emptyLines;
        float[] b = uniform(rng, 2 + k * n), bias = uniform(rng, m);
        for (int variant = 0; variant < 4; variant++) {
            boolean useBias = variant == 1 || variant == 2, relu = variant == 2, acc = variant == 3;
            float[] c0 = acc ? uniform(rng, 1 + m * n) : filled(1 + m * n, Float.NaN);
            float[] want = c0.clone(), got = c0.clone();
            ref.spmm(a, n, b, 2, want, 1, useBias ? bias : null, relu, acc);
            kernels().spmm(a, n, b, 2, got, 1, useBias ? bias : null, relu, acc);
            assertClose(name + " bias=" + useBias + " relu=" + relu + " accumulate=" + acc, want, got, k + 1);
        }
    }

    /**
     * A pruned 1×1 convolution over a batch (spmmImages): every image's product against the reference's spmm, at
     * offsets, with bias and ReLU; one image (fewer than the threads) and several.
     */
    public void checkSpmmImages(int m, int k, int hw, int images, double density, boolean emptyLines) {
        Rng rng = new Rng(SEED + m * 37L + k * 11L + hw * 3L + images + (long) (density * 1000) + (emptyLines ? 1 : 0));
        CsrMatrix a = TestData.csr(rng, m, k, density, emptyLines);
        String name = "spmmImages " + m + "x" + k + " hw=" + hw + " images=" + images + " density=" + density + " empty=" + emptyLines;
        float[] b = uniform(rng, 2 + images * k * hw), bias = uniform(rng, m);
        for (int variant = 0; variant < 3; variant++) {
            boolean useBias = variant >= 1, relu = variant == 2;
            float[] want = filled(1 + images * m * hw, Float.NaN), got = want.clone();
            for (int i = 0; i < images; i++) ref.spmm(a, hw, b, 2 + i * k * hw, want, 1 + i * m * hw, useBias ? bias : null, relu, false);
            kernels().spmmImages(a, hw, images, b, 2, got, 1, useBias ? bias : null, relu);
            assertClose(name + " bias=" + useBias + " relu=" + relu, want, got, k + 1);
        }
    }

    /** A pruned 1×1 layer's weight gradient over a batch (sddmmImages) against the reference's sddmm summed per image. */
    public void checkSddmmImages(int m, int k, int hw, int images, double density, boolean emptyLines) {
        Rng rng = new Rng(SEED + m * 41L + k * 13L + hw * 5L + images + (long) (density * 1000) + (emptyLines ? 1 : 0));
        CsrMatrix pattern = TestData.csr(rng, m, k, density, emptyLines);
        String name = "sddmmImages " + m + "x" + k + " hw=" + hw + " images=" + images + " density=" + density + " empty=" + emptyLines;
        float[] a = uniform(rng, 3 + images * m * hw), b = uniform(rng, 1 + images * k * hw);
        float[] want = filled(pattern.nnz(), Float.NaN), got = want.clone();
        for (int i = 0; i < images; i++) ref.sddmm(pattern, hw, a, 3 + i * m * hw, b, 1 + i * k * hw, want, i > 0);
        if (images == 0) Arrays.fill(want, 0f);
        kernels().sddmmImages(pattern, hw, images, a, 3, b, 1, got);
        assertClose(name, want, got, (long) Math.max(1, images) * hw + 1);
    }

    public void checkSddmm(int m, int k, int n, double density, boolean emptyLines) {
        Rng rng = new Rng(SEED + m * 17L + k * 5L + n + (long) (density * 1000) + (emptyLines ? 1 : 0));
        CsrMatrix pattern = TestData.csr(rng, m, k, density, emptyLines);
        float[] a = uniform(rng, 3 + m * n), b = uniform(rng, 1 + k * n);
        String name = "sddmm " + m + "x" + k + " n=" + n + " density=" + density + " empty=" + emptyLines;
        for (boolean acc : new boolean[]{false, true}) {
            float[] o0 = acc ? uniform(rng, pattern.nnz()) : filled(pattern.nnz(), Float.NaN);
            float[] want = o0.clone(), got = o0.clone();
            ref.sddmm(pattern, n, a, 3, b, 1, want, acc);
            kernels().sddmm(pattern, n, a, 3, b, 1, got, acc);
            assertClose(name + " accumulate=" + acc, want, got, n + 1);
        }
    }

    /**
     * A pruned Linear layer on row-major activations (Y = X·Aᵀ): batches below, at and
     * above one vector and one 64-row panel, ragged last panels, several k blocks and more
     * than 128 output rows (the staged paths of vector backends), at offsets.
     */
    public void checkSparseLinear(int m, int k, int batch, double density, boolean emptyLines) {
        Rng rng = new Rng(SEED + m * 13L + k * 3L + batch * 101L + (long) (density * 1000) + (emptyLines ? 1 : 0));
        CsrMatrix a = TestData.csr(rng, m, k, density, emptyLines);
        String name = "sparseLinear " + m + "x" + k + " batch=" + batch + " density=" + density + " empty=" + emptyLines;
        float[] x = uniform(rng, 3 + batch * k), bias = uniform(rng, m);
        for (int variant = 0; variant < 4; variant++) {
            boolean useBias = variant == 1 || variant == 2, relu = variant == 2, acc = variant == 3;
            float[] y0 = acc ? uniform(rng, 2 + batch * m) : filled(2 + batch * m, Float.NaN);
            float[] want = y0.clone(), got = y0.clone();
            ref.sparseLinear(a, batch, x, 3, want, 2, useBias ? bias : null, relu, acc);
            kernels().sparseLinear(a, batch, x, 3, got, 2, useBias ? bias : null, relu, acc);
            assertClose(name + " bias=" + useBias + " relu=" + relu + " accumulate=" + acc, want, got, k + 1);
        }
    }

    // {20, 50, 128}: SDDMM rows of eight vectors at 16 lanes ({32, 72, 64} at 8). {70, 90, 1}: SDDMM dots of length one
    // (the outer product's entries). The last two shapes exceed 128 rows and 160 columns: staged tiles, k blocks,
    // column tails.
    private static final int[][] SPARSE_SHAPES = {{1, 1, 1}, {70, 90, 1}, {8, 16, 17}, {13, 40, 33}, {32, 72, 64}, {20, 50, 128}, {150, 300, 70},
            {131, 170, 150}};
    // {m, k, batch}: batch 128 and 256 fill whole panels of 8 vectors (one panel split by rows, two split by panels),
    // 200 and 300 end in a partial one; 300 on two threads splits 3 panels by rows at vector multiples.
    // k = 150, 200 at densities >= 25% sum whole panels in 64-column k blocks per group of rows.
    private static final int[][] LINEAR_SHAPES = {{1, 1, 1}, {7, 9, 5}, {33, 40, 16}, {24, 19, 17}, {40, 300, 64}, {150, 170, 100},
            {131, 33, 200}, {37, 50, 128}, {70, 45, 300}, {19, 21, 256}, {40, 150, 128}, {33, 200, 260}};

    @TestFactory
    Stream<DynamicTest> spmmAndSddmm() {
        return Arrays.stream(SPARSE_SHAPES).flatMap(s -> Arrays.stream(DENSITIES).boxed().flatMap(d -> Stream.of(false, true).flatMap(e -> Stream.of(
                DynamicTest.dynamicTest("spmm " + Arrays.toString(s) + " d=" + d + " empty=" + e, () -> checkSpmm(s[0], s[1], s[2], d, e)),
                DynamicTest.dynamicTest("sddmm " + Arrays.toString(s) + " d=" + d + " empty=" + e, () -> checkSddmm(s[0], s[1], s[2], d, e))))));
    }

    // {m, k, hw, images}: hw below one vector (gathered), k up to 160 (read in place), one 128-column panel and a
    // tail (MobileNet's 14×14 planes), several panels, rows of three to four vectors (7×7 planes at 16 lanes, 29
    // columns at 8); one image and more images than threads. Planes of up to 64 pixels over several images run as one
    // product across the batch: panels that span images, a last partial panel, and (40, 90, 49, 9) panels split
    // between threads.
    private static final int[][] IMAGE_SHAPES = {{7, 9, 5, 3}, {13, 40, 33, 1}, {32, 72, 64, 5}, {20, 170, 196, 4}, {16, 200, 300, 2},
            {150, 300, 70, 3}, {24, 200, 49, 3}, {11, 170, 29, 2}, {40, 90, 49, 9}};

    @TestFactory
    Stream<DynamicTest> spmmImages() {
        return Arrays.stream(IMAGE_SHAPES).flatMap(s -> Stream.of(0.0, 0.1, 0.9, 1.0).flatMap(d -> Stream.of(false, true).flatMap(e -> Stream.of(
                DynamicTest.dynamicTest("spmmImages " + Arrays.toString(s) + " d=" + d + " empty=" + e, () -> checkSpmmImages(s[0], s[1], s[2], s[3], d, e)),
                DynamicTest.dynamicTest("sddmmImages " + Arrays.toString(s) + " d=" + d + " empty=" + e, () -> checkSddmmImages(s[0], s[1], s[2], s[3], d, e))))));
    }

    /** B past the L2 budget (the per-image tiled path) and an empty batch. */
    @Test
    void sddmmImagesOfLargePlanesAndNoImages() {
        checkSddmmImages(6, 40, 4000, 3, 0.3, false);
        checkSddmmImages(5, 7, 9, 0, 0.5, false);
    }

    @TestFactory
    Stream<DynamicTest> sparseLinear() {
        return Arrays.stream(LINEAR_SHAPES).flatMap(s -> Arrays.stream(DENSITIES).boxed().flatMap(d -> Stream.of(false, true).map(e ->
                DynamicTest.dynamicTest("sparseLinear " + Arrays.toString(s) + " d=" + d + " empty=" + e, () -> checkSparseLinear(s[0], s[1], s[2], d, e)))));
    }

    public static List<ConvGeometry> sparseConvCases() {
        return List.of(
                conv(2, 6, 8, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1),
                conv(2, 5, 9, 7, 6, 1, 1, 1, 1, 0, 0, 1, 1, 1),
                conv(1, 4, 11, 9, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1),
                conv(1, 6, 7, 7, 6, 3, 3, 1, 1, 1, 1, 1, 1, 3),
                conv(1, 3, 10, 10, 4, 5, 5, 1, 1, 2, 2, 1, 1, 1),
                // 32 and 16 wide outputs: whole output rows per vector tile (direct writes on 16-float vectors)
                conv(1, 3, 32, 32, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1),
                conv(2, 4, 32, 32, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1),
                // 48 channels of 16-wide planes: 16-vector tiles whose sources outgrow one block (three of 16 channels)
                conv(2, 48, 16, 16, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1),
                // planes of up to 4 output pixels from a vector of images: one SpMM per pixel (2x2 "same", 4x4 at
                // stride 2, a 1x1 plane under a 3x3 kernel)
                conv(17, 5, 2, 2, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1),
                conv(16, 3, 4, 4, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1),
                conv(16, 4, 1, 1, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1));
    }

    public void checkSparseConv(ConvGeometry g, double density, boolean emptyLines) {
        Rng rng = new Rng(SEED + g.hashCode() + (long) (density * 1000) + (emptyLines ? 1 : 0));
        CsrMatrix w = TestData.csr(rng, g.outChannels(), g.patchSize(), density, emptyLines);
        String name = "sparse " + name(g) + " density=" + density + " empty=" + emptyLines;
        float[] x = uniform(rng, g.inputSize()), bias = uniform(rng, g.outChannels());
        for (boolean relu : new boolean[]{false, true}) {
            float[] want = filled(g.outputSize(), Float.NaN), got = filled(g.outputSize(), Float.NaN);
            ref.sparseConv2dForward(g, w, x, relu ? bias : null, relu, want);
            kernels().sparseConv2dForward(g, w, x, relu ? bias : null, relu, got);
            assertClose(name + " forward relu=" + relu, want, got, g.patchSize() + 1);
        }
        float[] dy = uniform(rng, g.outputSize());
        float[] want = filled(g.inputSize(), Float.NaN), got = filled(g.inputSize(), Float.NaN);
        ref.sparseConv2dBackwardData(g, w, dy, want);
        kernels().sparseConv2dBackwardData(g, w, dy, got);
        assertClose(name + " backward-data", want, got, (long) g.outChannelsPerGroup() * g.kernelH() * g.kernelW());
        want = filled(w.nnz(), Float.NaN);
        got = filled(w.nnz(), Float.NaN);
        ref.sparseConv2dBackwardWeight(g, w, x, dy, want);
        kernels().sparseConv2dBackwardWeight(g, w, x, dy, got);
        assertClose(name + " backward-weight", want, got, (long) g.batch() * g.outH() * g.outW());
        // Both gradients in one call: the same results as the two kernels.
        float[] wantDx = filled(g.inputSize(), Float.NaN), gotDx = filled(g.inputSize(), Float.NaN);
        ref.sparseConv2dBackwardData(g, w, dy, wantDx);
        float[] gotDw = filled(w.nnz(), Float.NaN);
        kernels().sparseConv2dBackward(g, w, x, dy, gotDx, gotDw);
        assertClose(name + " backward (both) data", wantDx, gotDx, (long) g.outChannelsPerGroup() * g.kernelH() * g.kernelW());
        assertClose(name + " backward (both) weight", want, gotDw, (long) g.batch() * g.outH() * g.outW());
    }

    @TestFactory
    Stream<DynamicTest> sparseConv() {
        return sparseConvCases().stream().flatMap(g -> Arrays.stream(DENSITIES).boxed().flatMap(d -> Stream.of(false, true).map(e ->
                DynamicTest.dynamicTest("sparse " + name(g) + " d=" + d + " empty=" + e, () -> checkSparseConv(g, d, e)))));
    }
}
