package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;

/**
 * Implicit-GEMM convolution for one group and a kernel larger than 1x1, with no im2col
 * matrix and no col2im. A chunk of images is packed once into zero-padded planes
 * ({@link SamePadLayout} for stride-1 "same" padding p = (k − 1)/2, the 3x3 layers of
 * ResNet and VGG; {@link PhaseLayout}, split into stride phases, for any other stride
 * and padding) in which every tap is one constant shift, so the lowered matrix is a
 * list of row offsets into the planes and the GEMM reads it in place:
 * <ul>
 * <li>forward: Y = W[Cout × Cin·k·k] · B, B row (ci, ky, kx) = plane ci shifted by the
 *     tap ({@link RowOffsetGemm}), then the real columns are copied into y with bias;
 * <li>backward-data (stride-1 "same" layers only; others are lowered): the same forward
 *     conv of dY with the flipped, transposed weights Wf[ci][co][k−1−ky][k−1−kx] (a
 *     same-padded stride-1 conv is its own adjoint shape);
 * <li>backward-weight: dW[co][(ci, ky, kx)] = Σ_q dYp[co][q] · plane ci[q + tap], with dY
 *     laid out in the output columns and zero at the junk ones ({@link DotGemm#gemmRows}).
 * </ul>
 * Chunks run in parallel as in {@link ConvKernels}, from per-thread scratch. The one
 * GEMM over row offsets (K = Cin·k²) measured 1.01–1.54× faster in forward than k²
 * accumulated GEMMs of K = Cin with B read in place by {@link Sgemm}: those re-read and
 * re-write C per tap and run 16–64-deep k loops. {@link #wins} says where this path is
 * used by default; {@code -Dprune4j.conv.same=implicit|lowered} forces a path.
 */
final class ImplicitConv {
    private ImplicitConv() {}

    /**
     * Aim for at least this many GEMM columns per chunk (padded columns, junk included).
     * Not final only so tests can force one-image chunks; 1024, 2048, 4096 and 8192 (and KC
     * 256/512/1152) measured alike within noise on 14² to 16² layers, except 8192 slower on
     * the 128-channel one (its planes leave L2).
     */
    static int targetColumns = 2048;
    /** Cap on the padded planes of one chunk (floats), to bound scratch memory. */
    private static final int MAX_PLANES = 1 << 22;

    /**
     * Whether this path computes the geometry's forward and weight gradient: one group and a
     * kernel larger than 1x1, any stride, padding and dilation ({@link PhaseLayout}; stride-1
     * "same" layers use the tighter {@link SamePadLayout}).
     */
    static boolean suits(ConvGeometry g) {
        return g.groups() == 1 && g.kernelH() * g.kernelW() > 1;
    }

    /** Whether this path also computes the backward-data pass: stride 1, dilation 1, odd k, same padding. */
    static boolean suitsBackwardData(ConvGeometry g) {
        return suits(g) && samePadded(g);
    }

    private static boolean samePadded(ConvGeometry g) {
        return g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.kernelH() % 2 == 1 && g.kernelW() % 2 == 1
                && g.padH() == (g.kernelH() - 1) / 2 && g.padW() == (g.kernelW() - 1) / 2;
    }

    /** The plane layout of a chunk of nb images. */
    static PlaneLayout layout(ConvGeometry g, int nb) {
        return samePadded(g) ? SamePadLayout.of(g, nb) : PhaseLayout.of(g, nb);
    }

    /**
     * Where this path measured faster than the lowered one: 16 to 128 channels in and out,
     * whatever the image size. Ratios new/old of thread CPU time (same process,
     * interleaved, medians of 5-7 rounds, 1 thread, batch 128 unless noted, busy machine,
     * by a throwaway probe toggling ConvKernels.samePath; ConvBenchmark with
     * -Dprune4j.conv.same=implicit|lowered re-measures it per fork), sum of the 3 passes:
     * <ul>
     * <li>3x3, 16-64 channels, 32² down to 2²: 0.56-0.74 (per pass 0.33-0.87); 128
     *     channels, 16² to 2²: 0.76-0.86 (backward-data alone ties at 16², 0.92-1.02);
     *     5x5 (batch 64), 16-64 channels, 28² to 5²: 0.41-0.66. Junk columns do not decide
     *     it: 2² wastes 125% of the FMAs and still wins while the lowered path's copies
     *     dominate;
     * <li>3 input channels (the stem layers): 1.16-1.37 (a 27-deep GEMM is all overhead,
     *     backward-data has 3 output rows), hence at least 16;
     * <li>256 channels: a tie (1.01 at 16², 0.99 at 8²); 512 at 4² and 2²: 1.37-1.88,
     *     hence at most 128 (the lowered GEMMs are long-K and near peak there, while the
     *     implicit one re-reads wide planes).
     * </ul>
     * Between 3 and 16 channels nothing was measured, so 16 is the measured side.
     * Strided layers ({@link PhaseLayout}) with 16 or more channels stay lowered: on the ResNet
     * stride-2 layers 16→32 at 32² and 32→64 at 16² (batch 128, 2 threads) phase/lowered time
     * was forward 0.96 and 1.18, backward-weight 1.00 and 0.85 (JMH medians of 3 interleaved
     * runs; their junk columns cost 13% and 27%, as much as the lowered path's copies), and
     * since the lowered rows went a vector at a time ({@link StridedRows}) forward 1.31 and 1.59,
     * backward-weight 1.08 and 1.55 (2 runs, docs/sittings/2026-12-02-s9/ab-strided-implicit). The strided 3-channel stem (MobileNet's 224² stride-2
     * conv, 2 runs each) is faster on phase planes: forward 0.60 (batch 1) and 0.65 (batch
     * 64), backward-weight 0.61 and 0.80, so strided layers with at most 3 input channels
     * take this path; 4 to 15 were not measured and stay lowered.
     */
    static boolean wins(ConvGeometry g) {
        if (!samePadded(g)) return g.inChannels() <= 3;
        int cin = g.inChannels(), cout = g.outChannels();
        return Math.min(cin, cout) >= 16 && Math.max(cin, cout) <= 128;
    }

    /** Images per chunk: enough padded columns for a wide GEMM, within the scratch cap, leaving every part a chunk. */
    static int chunkImages(ConvGeometry g, int parts) {
        long perImage = samePadded(g) ? (long) (g.inH() + g.padH()) * (g.inW() + g.padW())
                : (long) PhaseLayout.rows(g) * PhaseLayout.width(g);
        long planePerImage = samePadded(g) ? perImage : perImage * g.strideH() * g.strideW();
        int wanted = (int) ((targetColumns + perImage - 1) / perImage);
        int cap = (int) Math.max(1, MAX_PLANES / (planePerImage * g.inChannels() + perImage * g.outChannels()));
        int perPart = (g.batch() + parts - 1) / parts;
        return Math.max(1, Math.min(Math.min(wanted, cap), perPart));
    }

    static void forwardChunk(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y, int n0, int n1) {
        PlaneLayout lay = layout(g, n1 - n0);
        int cin = g.inChannels(), cout = g.outChannels(), patch = g.patchSize();
        Scratch s = Scratch.get();
        float[] planes = s.floats(Scratch.COLUMNS, cin * lay.planeLen());
        float[] out = s.floats(Scratch.MISC, cout * lay.cols());
        int[] rows = s.ints(patch);
        lay.pack(x, cin, n0, planes);
        lay.tapRows(cin, g.kernelH(), g.kernelW(), rows);
        RowOffsetGemm.gemm(cout, lay.cols(), patch, w, 0, patch, planes, rows, out, lay.cols());
        lay.unpack(out, cout, n0, y, bias);
    }

    /** dx[n0, n1) = conv(dY, flipped Wᵀ), overwriting dx. */
    static void backwardDataChunk(ConvGeometry g, float[] dy, float[] w, float[] dx, int n0, int n1) {
        SamePadLayout lay = SamePadLayout.of(g, n1 - n0);
        int cin = g.inChannels(), cout = g.outChannels(), kk = g.kernelH() * g.kernelW(), k = cout * kk;
        Scratch s = Scratch.get();
        float[] flipped = flippedTranspose(w, cin, cout, kk, s.floats(Scratch.WEIGHTS, cin * k));
        float[] planes = s.floats(Scratch.COLUMNS, cout * lay.planeLen());
        float[] out = s.floats(Scratch.MISC, cin * lay.cols());
        int[] rows = s.ints(k);
        lay.pack(dy, cout, n0, planes);
        lay.tapRows(cout, g.kernelH(), g.kernelW(), rows);
        RowOffsetGemm.gemm(cin, lay.cols(), k, flipped, 0, k, planes, rows, out, lay.cols());
        lay.unpack(out, cin, n0, dx, null);
    }

    /** A forward kernel that can compute a stride-1 "same" layer's input gradient as the forward of its adjoint. */
    interface Forward { void run(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y); }

    /** dx of a stride-1 "same" layer = the forward of dY with the flipped, transposed weights, by the given kernel. */
    static void backwardDataAsForward(ConvGeometry g, float[] dy, float[] w, float[] dx, Forward forward) {
        int cin = g.inChannels(), cout = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), kk = kh * kw;
        ConvGeometry adjoint = g.adjoint();
        float[] flipped = flippedTranspose(w, cin, cout, kk, Scratch.get().floats(Scratch.WEIGHTS, cin * cout * kk));
        forward.run(adjoint, dy, flipped, null, dx);
    }

    /**
     * Wf[ci][co][k−1−ky][k−1−kx] = W[co][ci][ky][kx] into out (returned): the weights of the forward conv whose
     * result is a stride-1 "same" layer's input gradient. Rebuilt per call: Cin·Cout·k² copies against
     * Cin·Cout·k²·columns multiply-adds. Also used by {@link LaneConv#backwardData}.
     */
    static float[] flippedTranspose(float[] w, int cin, int cout, int kk, float[] out) {
        for (int co = 0; co < cout; co++)
            for (int ci = 0; ci < cin; ci++) {
                int src = (co * cin + ci) * kk, dst = (ci * cout + co) * kk + kk - 1;
                for (int t = 0; t < kk; t++) out[dst - t] = w[src + t];
            }
        return out;
    }

    /** dw (+)= Σ over images [n0, n1) of dY·(shifted planes)ᵀ; overwrites when first. */
    static void weightChunk(ConvGeometry g, float[] x, float[] dy, float[] dw, int n0, int n1, boolean first) {
        PlaneLayout lay = layout(g, n1 - n0);
        int cin = g.inChannels(), cout = g.outChannels(), patch = g.patchSize();
        Scratch s = Scratch.get();
        float[] planes = s.floats(Scratch.COLUMNS, cin * lay.planeLen());
        float[] grad = s.floats(Scratch.MISC, cout * lay.cols());
        int[] rows = s.ints(patch);
        lay.pack(x, cin, n0, planes);
        lay.packOutput(dy, cout, n0, grad);
        lay.tapRows(cin, g.kernelH(), g.kernelW(), rows);
        DotGemm.gemmRows(cout, patch, lay.cols(), 1f, grad, 0, lay.cols(), planes, rows, first ? 0f : 1f, dw, 0, patch);
    }
}
