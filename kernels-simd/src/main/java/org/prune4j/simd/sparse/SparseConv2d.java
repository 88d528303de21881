package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Direct sparse convolution with the weight [Cout × (Cin/groups)·kh·kw] in CSR, without
 * im2col: each nonzero (ci, ky, kx) of an output channel adds its weight times a shifted
 * input plane. Inputs are rearranged once per image into phase-padded planes
 * ({@link PhaseLayout}), after which every stride, padding, dilation and group setting
 * is the same branch-free vector loop ({@link ShiftedSum}) that multiplies only the
 * nonzeros, so the work is nnz·OH·OW instead of Cout·patch·OH·OW.
 *
 * <p>Forward and input gradient run over (image, channel block) work items; with at
 * least as many images as threads each thread takes whole images and builds their
 * buffers in its own scratch, otherwise the calling thread builds them once and the
 * threads share them. Every output element is one fixed-order sum, and the weight
 * gradient adds per-thread partials in a fixed order, so results depend on nothing but
 * the inputs and the thread count.
 */
public final class SparseConv2d {
    /** Output (or input-gradient) planes per work item: enough rows to share each src tile, few enough to stay in L1. */
    private static final int BLOCK = 16;

    private SparseConv2d() {}

    /** Kernels.sparseConv2dForward: y = conv(x, W) + bias, then ReLU when relu. */
    public static void forward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        checkWeight(g, w);
        if (g.batch() == 0) return;
        PhaseLayout l = new PhaseLayout(g);
        int[] delta = l.forwardDeltas(w);
        int[] ptr = w.rowPtr();
        float[] vals = w.values();
        int cout = g.outChannels(), blocks = (cout + BLOCK - 1) / BLOCK;
        int tileSize = BLOCK * l.qSpan;
        if (g.batch() >= Parallel.threads()) {
            Parallel.forRange(g.batch(), 1, (n0, n1) -> {
                float[] buf = Scratch.get(Scratch.IMAGE, l.imageSize);
                float[] tiles = Scratch.get(Scratch.TILES, tileSize);
                for (int n = n0; n < n1; n++) {
                    l.fillImage(x, n, buf, 0);
                    for (int blk = 0; blk < blocks; blk++) forwardBlock(l, vals, delta, ptr, buf, 0, n, blk, bias, relu, tiles, y);
                }
            });
        } else {
            float[] shared = Scratch.get(Scratch.SHARED, (long) g.batch() * l.imageSize);
            for (int n = 0; n < g.batch(); n++) l.fillImage(x, n, shared, n * l.imageSize);
            Parallel.forRange(g.batch() * blocks, 1, (i0, i1) -> {
                float[] tiles = Scratch.get(Scratch.TILES, tileSize);
                for (int i = i0; i < i1; i++) {
                    int n = i / blocks;
                    forwardBlock(l, vals, delta, ptr, shared, n * l.imageSize, n, i % blocks, bias, relu, tiles, y);
                }
            });
        }
    }

    private static void forwardBlock(PhaseLayout l, float[] vals, int[] delta, int[] ptr, float[] buf, int bufOff,
                                     int n, int blk, float[] bias, boolean relu, float[] tiles, float[] y) {
        int co0 = blk * BLOCK, co1 = Math.min(l.g.outChannels(), co0 + BLOCK);
        ShiftedSum.run(vals, delta, ptr, co0, co1, buf, bufOff, 0, l.qSpan, tiles, 0, l.qSpan, bias, relu, false);
        for (int co = co0; co < co1; co++) l.storeOutput(tiles, (co - co0) * l.qSpan, y, n, co);
    }

    /** Kernels.sparseConv2dBackwardData: dx = gradient of the convolution with respect to its input (overwritten). */
    public static void backwardData(ConvGeometry g, CsrMatrix w, float[] dy, float[] dx) {
        checkWeight(g, w);
        if (g.batch() == 0) return;
        PhaseLayout l = new PhaseLayout(g);
        TransposedTaps taps = new TransposedTaps(l, w);
        int targets = g.inChannels() * l.phases, blocks = (targets + BLOCK - 1) / BLOCK;
        int tileSize = BLOCK * l.planeSpan;
        int gradSize = g.outChannels() * l.gradStride;
        if (g.batch() >= Parallel.threads()) {
            Parallel.forRange(g.batch(), 1, (n0, n1) -> {
                float[] grad = Scratch.get(Scratch.GRAD, gradSize);
                float[] tiles = Scratch.get(Scratch.TILES, tileSize);
                for (int n = n0; n < n1; n++) {
                    l.fillGrad(dy, n, grad, 0);
                    for (int blk = 0; blk < blocks; blk++) backwardDataBlock(l, taps, grad, 0, n, blk, tiles, dx);
                }
            });
        } else {
            float[] shared = Scratch.get(Scratch.SHARED, (long) g.batch() * gradSize);
            for (int n = 0; n < g.batch(); n++) l.fillGrad(dy, n, shared, n * gradSize);
            Parallel.forRange(g.batch() * blocks, 1, (i0, i1) -> {
                float[] tiles = Scratch.get(Scratch.TILES, tileSize);
                for (int i = i0; i < i1; i++) {
                    int n = i / blocks;
                    backwardDataBlock(l, taps, shared, n * gradSize, n, i % blocks, tiles, dx);
                }
            });
        }
    }

    private static void backwardDataBlock(PhaseLayout l, TransposedTaps taps, float[] grad, int gradOff,
                                          int n, int blk, float[] tiles, float[] dx) {
        int targets = l.g.inChannels() * l.phases;
        int t0 = blk * BLOCK, t1 = Math.min(targets, t0 + BLOCK);
        ShiftedSum.run(taps.vals, taps.srcOff, taps.ptr, t0, t1, grad, gradOff, 0, l.planeSpan, tiles, 0, l.planeSpan, null, false, false);
        for (int t = t0; t < t1; t++) l.storeInputGrad(tiles, (t - t0) * l.planeSpan, dx, n, t / l.phases, t % l.phases);
    }

    /**
     * Kernels.sparseConv2dBackwardWeight: dwValues[p] = Σ_{n,oy,ox} x[n, ci, shifted]·dy[n, co, oy, ox]
     * at the stored entries of pattern only (overwritten).
     *
     * <p>Junk columns of the layout are multiplied by exact zeros of dy, which is harmless
     * unless x holds infinities or NaNs: then a non-finite value may also reach the
     * gradient of neighbouring taps (the step is lost either way).
     */
    public static void backwardWeight(ConvGeometry g, CsrMatrix pattern, float[] x, float[] dy, float[] dwValues) {
        checkWeight(g, pattern);
        int nnz = pattern.nnz();
        if (nnz == 0) return;
        if (g.batch() == 0) {
            java.util.Arrays.fill(dwValues, 0, nnz, 0f);
            return;
        }
        PhaseLayout l = new PhaseLayout(g);
        int[] delta = l.forwardDeltas(pattern);
        int[] rp = pattern.rowPtr();
        int cout = g.outChannels();
        int gradSize = cout * l.gradStride;
        int threads = Parallel.threads();
        if (g.batch() >= threads) {
            // Images split between threads; each thread sums its images into its own partial.
            int parts = Math.min(threads, g.batch());
            double[][] partial = new double[parts][nnz];
            Parallel.forEach(parts, part -> {
                float[] buf = Scratch.get(Scratch.IMAGE, l.imageSize);
                float[] grad = Scratch.get(Scratch.GRAD, gradSize);
                double[] acc = partial[part];
                int n0 = (int) ((long) g.batch() * part / parts), n1 = (int) ((long) g.batch() * (part + 1) / parts);
                for (int n = n0; n < n1; n++) {
                    l.fillImage(x, n, buf, 0);
                    l.fillGrad(dy, n, grad, 0);
                    for (int co = 0; co < cout; co++) {
                        ShiftedDot.dots(grad, co * l.gradStride + l.maxShift, buf, delta, 0, rp[co], rp[co + 1], l.qSpan, acc);
                    }
                }
            });
            for (int p = 0; p < nnz; p++) {
                double s = 0;
                for (int part = 0; part < parts; part++) s += partial[part][p];
                dwValues[p] = (float) s;
            }
        } else {
            // Fewer images than threads: output channels split between threads, one image at a time.
            double[] acc = new double[nnz];
            float[] buf = Scratch.get(Scratch.IMAGE, l.imageSize);
            float[] grad = Scratch.get(Scratch.GRAD, gradSize);
            int[] rows = RowSplit.byWork(rp, cout, Math.min(threads, cout), 1);
            for (int n = 0; n < g.batch(); n++) {
                l.fillImage(x, n, buf, 0);
                l.fillGrad(dy, n, grad, 0);
                Parallel.forEach(rows.length - 1, part -> {
                    for (int co = rows[part]; co < rows[part + 1]; co++) {
                        ShiftedDot.dots(grad, co * l.gradStride + l.maxShift, buf, delta, 0, rp[co], rp[co + 1], l.qSpan, acc);
                    }
                });
            }
            for (int p = 0; p < nnz; p++) dwValues[p] = (float) acc[p];
        }
    }

    private static void checkWeight(ConvGeometry g, CsrMatrix w) {
        if (w.rows() != g.outChannels() || w.cols() != g.patchSize()) {
            throw new IllegalArgumentException("sparse conv2d: weight is " + w.rows() + "x" + w.cols()
                    + ", expected " + g.outChannels() + "x" + g.patchSize() + " (Cout x Cin/groups*kh*kw)");
        }
    }
}
