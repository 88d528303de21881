package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.KernelArgs;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * Direct sparse convolution with the weight [Cout × (Cin/groups)·kh·kw] in CSR, without
 * im2col: each nonzero (ci, ky, kx) of an output channel adds its weight times a shifted
 * input plane. Inputs are rearranged once per image into phase-padded planes
 * ({@link PhaseLayout}), after which every stride, padding, dilation and group setting
 * is the same branch-free vector loop ({@link ShiftedSum}) that multiplies only the
 * nonzeros, so the work is nnz·OH·OW instead of Cout·patch·OH·OW. When whole output rows
 * fill a register tile (16-, 32- and 64-wide planes on 16-float vectors) the forward pass
 * stores its tiles straight into y; other widths go through a staging tile.
 *
 * <p>Forward and input gradient run over (image fold, channel block) work items; with
 * at least as many folds as threads each thread takes whole folds and builds their
 * buffers in its own scratch, otherwise the calling thread builds them once and the
 * threads share them. Every output element is one fixed-order sum, and the weight
 * gradient adds per-thread partials in a fixed order, so results depend on nothing but
 * the inputs and the thread count.
 *
 * <p>Three shapes take kernels of their own: small planes with a vector of images or more the batch-lane layout
 * ({@link BatchLaneConv}), forwards on planes of up to 4 pixels one SpMM per pixel ({@link PixelSparseConv}), and
 * stride-2 layers whose output rows are one vector or half of one the row-tap buffers ({@link RowTapConv}), which
 * build each group of rows' taps in cache instead of laying out the whole batch.
 */
public final class SparseConv2d {
    /** Output (or input-gradient) planes per work item: enough rows to share each src tile, few enough to stay in L1. */
    private static final int BLOCK = 16;
    /** Fewest input channels a thread lays out when the threads share one layout. */
    private static final int FILL_CHANNELS = 8;
    /** Floats of shared layout from which its threads fill it together (64 KB). */
    private static final long PARALLEL_FILL_MIN = 16 * 1024;

    private SparseConv2d() {}

    /** Kernels.sparseConv2dForward: y = conv(x, W) + bias, then ReLU when relu. */
    public static void forward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        checkWeight(g, w);
        if (g.batch() == 0) return;
        if (BatchLaneConv.suitsForward(g)) {
            BatchLaneConv.forward(g, w, x, bias, relu, y);
            return;
        }
        if (PixelSparseConv.suits(g)) {
            PixelSparseConv.forward(g, w, x, bias, relu, y);
            return;
        }
        if (RowTapConv.suits(g)) {
            RowTapConv.forward(g, w, x, bias, relu, y);
            return;
        }
        // Layers with 16-vector tiles get phase rows of the tiles' constant stride (ShiftedSum.ROWS_OF_V_STRIDE).
        ImageFolds folds = new ImageFolds(g, tile16RowStride(g));
        int[] deltaFull = deltas(folds.full, w);
        int[] deltaLast = folds.last == folds.full ? deltaFull : deltas(folds.last, w);
        int[] ptr = channelBlocks(folds.full, w);
        float[] vals = w.values();
        int blocks = (g.outChannels() + BLOCK - 1) / BLOCK;
        int tileSize = BLOCK * folds.full.qSpan;
        if (folds.count >= Parallel.threads()) {
            Parallel.forRange(folds.count, 1, (f0, f1) -> {
                float[] buf = Scratch.get(Scratch.IMAGE, folds.full.bufferSize + Aligned.SLACK);
                float[] tiles = Scratch.get(Scratch.TILES, tileSize);
                int bOff = lineOffset(buf, middleTap(g));
                for (int f = f0; f < f1; f++) {
                    PhaseLayout l = folds.layout(f);
                    int[] delta = l == folds.full ? deltaFull : deltaLast;
                    l.fillImages(x, folds.firstImage(f), buf, bOff, framed(folds, f, f0));
                    for (int blk = 0; blk < blocks; blk++) {
                        forwardBlock(l, vals, delta, ptr, buf, bOff, folds.firstImage(f), blk, bias, relu, tiles, y);
                    }
                }
            });
        } else {
            // Fewer folds than threads (a batch of one): the layouts are built once and shared. Each starts where its
            // middle tap's reads fall on 64-byte lines, as the threads' own buffers do above.
            int stride = -Math.floorDiv(-folds.full.bufferSize, Aligned.SLACK) * Aligned.SLACK;
            float[] shared = Scratch.get(Scratch.SHARED, (long) folds.count * stride + Aligned.SLACK);
            int s0 = lineOffset(shared, middleTap(g));
            // Large layouts are laid out by the threads, a share of the channels each: on the calling thread alone,
            // the layout of VGG's 64-channel 32x32 layer at batch 1 was 18% of its forward while the other thread
            // waited (perf). Layouts under 64 KB (a few microseconds of copying, as ResNet-32's 64-channel 8x8 layer at
            // batch 1) stay on the calling thread rather than start another parallel region.
            int channelMin = (long) folds.count * stride >= PARALLEL_FILL_MIN ? FILL_CHANNELS : g.inChannels();
            Parallel.forRange(g.inChannels(), channelMin, (c0, c1) -> {
                for (int f = 0; f < folds.count; f++) folds.layout(f).fillChannels(x, folds.firstImage(f), shared, s0 + f * stride, c0, c1);
            });
            Parallel.forRange(folds.count * blocks, 1, (i0, i1) -> {
                float[] tiles = Scratch.get(Scratch.TILES, tileSize);
                for (int i = i0; i < i1; i++) {
                    int f = i / blocks;
                    PhaseLayout l = folds.layout(f);
                    int[] delta = l == folds.full ? deltaFull : deltaLast;
                    forwardBlock(l, vals, delta, ptr, shared, s0 + f * stride, folds.firstImage(f), i % blocks, bias, relu, tiles, y);
                }
            });
        }
    }

    private static void forwardBlock(PhaseLayout l, float[] vals, int[] delta, int[] ptr, float[] buf, int bufOff,
                                     int n0, int blk, float[] bias, boolean relu, float[] tiles, float[] y) {
        int m = l.g.outChannels(), co0 = blk * BLOCK, co1 = Math.min(m, co0 + BLOCK);
        int nb = ColumnBlocks.count(ptr, m);
        int rows = rowsPerTile(l);
        if (rows > 0) {
            forwardBlockDirect(l, rows, vals, delta, ptr, nb, buf, bufOff, n0, co0, co1, bias, relu, y);
            return;
        }
        for (int kb = 0; kb < nb; kb++) {
            boolean first = kb == 0, last = kb == nb - 1;
            ShiftedSum.run(vals, delta, ptr, kb * m, ptr, (kb + 1) * m, co0, co1, buf, bufOff, 0, l.qSpan, tiles, 0, l.qSpan,
                    first ? bias : null, last && relu, !first);
        }
        for (int co = co0; co < co1; co++) l.storeOutput(tiles, (co - co0) * l.qSpan, y, n0, co);
    }

    /**
     * Output rows per register tile when a whole number of output rows fills one tile of 4
     * vectors (widths V, 2V or 4V: CIFAR's 16- and 32-wide planes at V = 16) and the plane
     * height divides into tiles; 0 otherwise. Such tiles are written straight into y.
     */
    static int rowsPerTile(PhaseLayout l) {
        int v = ShiftedSum.V, ow = l.ow;
        if (ow % v != 0 || ShiftedSum.TILE % ow != 0) return 0;
        int rows = ShiftedSum.TILE / ow;
        return l.oh % rows == 0 ? rows : 0;
    }

    /**
     * The phase row stride of the forward's 16-vector tiles for this geometry, or 0 when it has none:
     * AVX-512, stride 1, output rows of V or 2V pixels, a height that divides into 16 or 8 rows, and
     * padded rows no wider than the tiles' constant stride. Strided layers take the 4-vector tiles:
     * padding their four 17-float phase rows to 32 (ResNet's 16->32 downsampling layer) measured
     * 0.87x, as it doubles the layout and halves the images per fold.
     */
    static int tile16RowStride(ConvGeometry g) {
        int v = ShiftedSum.V, ow = g.outW();
        if (v != 16 || (ow != v && ow != 2 * v) || g.outH() % (16 * v / ow) != 0 || g.strideH() != 1 || g.strideW() != 1) return 0;
        int stride = ow == v ? ShiftedSum.ROWS_OF_V_STRIDE : ShiftedSum.ROWS_OF_2V_STRIDE;
        return PhaseLayout.naturalRowStride(g) <= stride ? stride : 0;
    }

    /**
     * forwardBlock for plane widths of V, 2V or 4V: each tile is a group of whole output rows
     * (sources wq apart in the phase layout, contiguous in y), written from the registers into
     * y. That drops the staging tiles, the copy-out pass over them and the junk columns, which
     * together took about a fifth of the 16-channel 32x32 layer's time; y's stores now overlap
     * the arithmetic instead of following it.
     */
    private static void forwardBlockDirect(PhaseLayout l, int rows, float[] vals, int[] delta, int[] ptr, int nb,
                                           float[] buf, int bufOff, int n0, int co0, int co1, float[] bias, boolean relu, float[] y) {
        int m = l.g.outChannels(), v = ShiftedSum.V, wq = l.wq;
        int o1 = rows == 1 ? v : rows == 2 ? v : wq;
        int o2 = rows == 1 ? 2 * v : rows == 2 ? wq : 2 * wq;
        int o3 = rows == 1 ? 3 * v : rows == 2 ? wq + v : 3 * wq;
        int planeOut = l.oh * l.ow;
        if (tile16(l)) {
            // AVX-512: 16-vector tiles (16 rows of 16 or 8 rows of 32 pixels), one output channel at a time.
            int tileRows = 16 * v / l.ow;
            for (int kb = 0; kb < nb; kb++) {
                boolean first = kb == 0, last = kb == nb - 1;
                for (int img = 0; img < l.images; img++) {
                    int yImage = ((n0 + img) * m + co0) * planeOut;
                    for (int oy = 0; oy < l.oh; oy += tileRows) {
                        ShiftedSum.runTile16(vals, delta, ptr, kb * m, ptr, (kb + 1) * m, co0, co1,
                                buf, bufOff + img * l.plane + oy * wq, l.ow == v, y, yImage + oy * l.ow, planeOut,
                                first ? bias : null, last && relu, !first);
                    }
                }
            }
            return;
        }
        for (int kb = 0; kb < nb; kb++) {
            boolean first = kb == 0, last = kb == nb - 1;
            for (int img = 0; img < l.images; img++) {
                int yImage = ((n0 + img) * m + co0) * planeOut;
                for (int oy = 0; oy < l.oh; oy += rows) {
                    ShiftedSum.runTile(vals, delta, ptr, kb * m, ptr, (kb + 1) * m, co0, co1,
                            buf, bufOff + img * l.plane + oy * wq, o1, o2, o3, y, yImage + oy * l.ow, planeOut,
                            first ? bias : null, last && relu, !first);
                }
            }
        }
    }

    /** Kernels.sparseConv2dBackwardData: dx = gradient of the convolution with respect to its input (overwritten). */
    public static void backwardData(ConvGeometry g, CsrMatrix w, float[] dy, float[] dx) {
        checkWeight(g, w);
        if (g.batch() == 0) return;
        if (BatchLaneConv.suitsBackwardData(g)) {
            BatchLaneConv.backward(g, w, null, dy, dx, null);
            return;
        }
        if (RowTapConv.suits(g)) {
            RowTapConv.backward(g, w, null, dy, dx, null);
            return;
        }
        if (backwardDataAsForward(g)) {
            forward(g.adjoint(), adjoint(g, w), dy, null, false, dx);
            return;
        }
        ImageFolds folds = new ImageFolds(g);
        TransposedTaps tapsFull = taps(folds.full, w);
        TransposedTaps tapsLast = folds.last == folds.full ? tapsFull : taps(folds.last, w);
        // Taps of both layouts list the entries in the same order, so one gather of the values serves both.
        float[] tapVals = tapsFull.values(w);
        int targets = g.inChannels() * folds.full.phases, blocks = (targets + BLOCK - 1) / BLOCK;
        int tileSize = BLOCK * folds.full.planeSpan;
        int gradSize = g.outChannels() * folds.full.gradStride;
        if (folds.count >= Parallel.threads()) {
            Parallel.forRange(folds.count, 1, (f0, f1) -> {
                float[] grad = Scratch.get(Scratch.GRAD, gradSize);
                float[] tiles = Scratch.get(Scratch.TILES, tileSize);
                for (int f = f0; f < f1; f++) {
                    PhaseLayout l = folds.layout(f);
                    TransposedTaps taps = l == folds.full ? tapsFull : tapsLast;
                    l.fillGrad(dy, folds.firstImage(f), grad, 0, framed(folds, f, f0));
                    for (int blk = 0; blk < blocks; blk++) backwardDataBlock(l, taps, tapVals, grad, 0, folds.firstImage(f), blk, tiles, dx);
                }
            });
        } else {
            float[] shared = Scratch.get(Scratch.SHARED, (long) folds.count * gradSize);
            for (int f = 0; f < folds.count; f++) folds.layout(f).fillGrad(dy, folds.firstImage(f), shared, f * gradSize);
            Parallel.forRange(folds.count * blocks, 1, (i0, i1) -> {
                float[] tiles = Scratch.get(Scratch.TILES, tileSize);
                for (int i = i0; i < i1; i++) {
                    int f = i / blocks;
                    PhaseLayout l = folds.layout(f);
                    TransposedTaps taps = l == folds.full ? tapsFull : tapsLast;
                    backwardDataBlock(l, taps, tapVals, shared, f * gradSize, folds.firstImage(f), i % blocks, tiles, dx);
                }
            });
        }
    }

    private static void backwardDataBlock(PhaseLayout l, TransposedTaps taps, float[] tapVals, float[] grad, int gradOff,
                                          int n0, int blk, float[] tiles, float[] dx) {
        int targets = l.g.inChannels() * l.phases;
        int t0 = blk * BLOCK, t1 = Math.min(targets, t0 + BLOCK);
        int[] s = taps.blocks;
        int nb = ColumnBlocks.count(s, targets);
        for (int kb = 0; kb < nb; kb++) {
            ShiftedSum.run(tapVals, taps.srcOff, s, kb * targets, s, (kb + 1) * targets, t0, t1, grad, gradOff, 0, l.planeSpan,
                    tiles, 0, l.planeSpan, null, false, kb > 0);
        }
        if (l.sw == 2 && t0 % l.phases == 0 && (t1 - t0) % l.phases == 0) {
            // Both x-phases of each (channel, y-phase) are in this block: write dx rows in one interleaving pass.
            for (int t = t0; t < t1; t += 2) {
                int phase = t % l.phases;
                l.storeInputGradPair(tiles, (t - t0) * l.planeSpan, (t + 1 - t0) * l.planeSpan, dx, n0, t / l.phases, phase / 2);
            }
        } else {
            for (int t = t0; t < t1; t++) l.storeInputGrad(tiles, (t - t0) * l.planeSpan, dx, n0, t / l.phases, t % l.phases);
        }
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
        if (BatchLaneConv.suits(g)) {
            BatchLaneConv.backward(g, pattern, x, dy, null, dwValues);
            return;
        }
        if (RowTapConv.suits(g)) {
            RowTapConv.backward(g, pattern, x, dy, null, dwValues);
            return;
        }
        if (PixelSparseConv.suits(g)) {
            PixelSparseConv.backwardWeight(g, pattern, x, dy, dwValues);
            return;
        }
        // The row stride backwardAsForward lays x out with, so both compute the same bits.
        ImageFolds folds = new ImageFolds(g, backwardDataAsForward(g) ? tile16RowStride(g) : 0);
        int[] deltaFull = deltas(folds.full, pattern);
        int[] deltaLast = folds.last == folds.full ? deltaFull : deltas(folds.last, pattern);
        int[] rp = pattern.rowPtr();
        int cout = g.outChannels();
        int gradSize = cout * folds.full.gradStride;
        int threads = Parallel.threads();
        if (folds.count >= threads) {
            // Folds split between threads; each thread sums its folds into its own partial.
            int parts = Math.min(threads, folds.count);
            double[][] partial = new double[parts][nnz];
            Parallel.forEach(parts, part -> {
                float[] buf = Scratch.get(Scratch.IMAGE, folds.full.bufferSize);
                float[] grad = Scratch.get(Scratch.GRAD, gradSize);
                int f0 = folds.shareStart(part, parts), f1 = folds.shareStart(part + 1, parts);
                for (int f = f0; f < f1; f++) {
                    PhaseLayout l = folds.layout(f);
                    weightGradFold(l, l == folds.full ? deltaFull : deltaLast, rp, 0, cout, x, dy, folds.firstImage(f), framed(folds, f, f0),
                            buf, grad, partial[part]);
                }
            });
            sumPartials(partial, dwValues, nnz);
        } else {
            // Fewer folds than threads: output channels split between threads, one fold at a time.
            double[] acc = new double[nnz];
            float[] buf = Scratch.get(Scratch.IMAGE, folds.full.bufferSize);
            float[] grad = Scratch.get(Scratch.GRAD, gradSize);
            int[] rows = RowSplit.byWork(rp, cout, Math.min(threads, cout), 1);
            for (int f = 0; f < folds.count; f++) {
                PhaseLayout l = folds.layout(f);
                int[] delta = l == folds.full ? deltaFull : deltaLast;
                l.fillImages(x, folds.firstImage(f), buf, 0);
                l.fillGrad(dy, folds.firstImage(f), grad, 0);
                Parallel.forEach(rows.length - 1, part -> weightGradRows(l, delta, rp, rows[part], rows[part + 1], buf, grad, acc));
            }
            for (int p = 0; p < nnz; p++) dwValues[p] = (float) acc[p];
        }
    }

    /**
     * Kernels.sparseConv2dBackward: dx as {@link #backwardData} and dwValues at w's entries as
     * {@link #backwardWeight}, with the same results. With at least as many folds as threads each
     * fold's output gradient is laid out once for both (the separate kernels each lay it out);
     * that is one of the four passes over batch-sized arrays (x, dy twice, x) the two layouts
     * make per training step, and these passes are memory-bound. Fewer folds: the two kernels.
     */
    public static void backward(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dx, float[] dwValues) {
        checkWeight(g, w);
        if (g.batch() > 0 && w.nnz() > 0 && BatchLaneConv.suits(g)) {
            if (BatchLaneConv.suitsBackwardData(g)) {
                BatchLaneConv.backward(g, w, x, dy, dx, dwValues);
            } else {
                backwardData(g, w, dy, dx);
                BatchLaneConv.backward(g, w, x, dy, null, dwValues);
            }
            return;
        }
        if (g.batch() > 0 && w.nnz() > 0 && RowTapConv.suits(g)) {
            RowTapConv.backward(g, w, x, dy, dx, dwValues);
            return;
        }
        if (g.batch() > 0 && w.nnz() > 0 && PixelSparseConv.suits(g)) {
            backwardData(g, w, dy, dx);
            PixelSparseConv.backwardWeight(g, w, x, dy, dwValues);
            return;
        }
        if (g.batch() > 0 && w.nnz() > 0 && backwardDataAsForward(g)) {
            backwardAsForward(g, w, x, dy, dx, dwValues);
            return;
        }
        ImageFolds folds = new ImageFolds(g);
        int threads = Parallel.threads(), nnz = w.nnz();
        if (g.batch() == 0 || nnz == 0 || folds.count < threads) {
            backwardData(g, w, dy, dx);
            backwardWeight(g, w, x, dy, dwValues);
            return;
        }
        TransposedTaps tapsFull = taps(folds.full, w);
        TransposedTaps tapsLast = folds.last == folds.full ? tapsFull : taps(folds.last, w);
        float[] tapVals = tapsFull.values(w);
        int[] deltaFull = deltas(folds.full, w);
        int[] deltaLast = folds.last == folds.full ? deltaFull : deltas(folds.last, w);
        int[] rp = w.rowPtr();
        int cout = g.outChannels();
        int targets = g.inChannels() * folds.full.phases, blocks = (targets + BLOCK - 1) / BLOCK;
        int tileSize = BLOCK * folds.full.planeSpan, gradSize = cout * folds.full.gradStride;
        // The same fold shares and order of partial sums as backwardWeight, so dwValues match it bit for bit.
        int parts = Math.min(threads, folds.count);
        double[][] partial = new double[parts][nnz];
        Parallel.forEach(parts, part -> {
            float[] buf = Scratch.get(Scratch.IMAGE, folds.full.bufferSize);
            float[] grad = Scratch.get(Scratch.GRAD, gradSize);
            float[] tiles = Scratch.get(Scratch.TILES, tileSize);
            int f0 = folds.shareStart(part, parts), f1 = folds.shareStart(part + 1, parts);
            for (int f = f0; f < f1; f++) {
                PhaseLayout l = folds.layout(f);
                int n0 = folds.firstImage(f);
                l.fillGrad(dy, n0, grad, 0, framed(folds, f, f0));
                TransposedTaps taps = l == folds.full ? tapsFull : tapsLast;
                for (int blk = 0; blk < blocks; blk++) backwardDataBlock(l, taps, tapVals, grad, 0, n0, blk, tiles, dx);
                l.fillImages(x, n0, buf, 0, framed(folds, f, f0));
                weightGradRows(l, l == folds.full ? deltaFull : deltaLast, rp, 0, cout, buf, grad, partial[part]);
            }
        });
        sumPartials(partial, dwValues, nnz);
    }

    /**
     * Whether the input gradient runs as the forward of dY with the adjoint weights (rows Cin, taps flipped): a
     * stride-1 "same" layer of one group, whose forward tiles write whole output rows from the registers where the
     * phase-layout input gradient stages its tiles and copies them out. On ResNet's 16-channel 32×32 layer at 90%
     * the input gradient alone went 1.24 → 0.78 ms (probe, batch 128, 2 threads), and the training step with both
     * gradients in one pass ({@link #backwardAsForward}) 2.44 → 2.19 ms at 90% and 1.76 → 1.66 at 95% (JMH, 2
     * alternating rounds, docs/sittings/2026-12-03-s13/ab-adjoint; as two separate kernels it did not gain:
     * ab-adjoint-separate).
     */
    static boolean backwardDataAsForward(ConvGeometry g) {
        return g.groups() == 1 && g.strideH() == 1 && g.strideW() == 1 && g.dilationH() == 1 && g.dilationW() == 1
                && g.inH() == g.outH() && g.inW() == g.outW() && !BatchLaneConv.suitsBackwardData(g);
    }

    /** The adjoint's structure and, for each of its entries, the index of the same weight in w's values. */
    private record Adjoint(CsrMatrix structure, int[] source) {}

    /**
     * W's adjoint for {@link ConvGeometry#adjoint}: Wa[ci][co·k + (k − 1 − t)] = W[co][ci·k + t] (k = kh·kw taps). The
     * structure is built once per mask (PlanCache) and the values are gathered from w on every call.
     */
    static CsrMatrix adjoint(ConvGeometry g, CsrMatrix w) {
        int cin = g.inChannels(), cout = g.outChannels(), kk = g.kernelH() * g.kernelW();
        Adjoint a = PlanCache.get(w, new LayoutKey("adjoint", g.withBatch(1), 0, 0), () -> {
            int[] rp = w.rowPtr(), ci = w.colIdx();
            int nnz = w.nnz();
            int[] ptr = new int[cin + 1];
            for (int p = 0; p < nnz; p++) ptr[ci[p] / kk + 1]++;
            for (int r = 0; r < cin; r++) ptr[r + 1] += ptr[r];
            int[] next = java.util.Arrays.copyOf(ptr, cin), col = new int[nnz], source = new int[nnz];
            // Rows of W in order, each read backwards: within one co the flipped taps then ascend.
            for (int co = 0; co < cout; co++)
                for (int p = rp[co + 1] - 1; p >= rp[co]; p--) {
                    int q = next[ci[p] / kk]++;
                    col[q] = co * kk + kk - 1 - ci[p] % kk;
                    source[q] = p;
                }
            return new Adjoint(new CsrMatrix(cin, cout * kk, ptr, col, new float[nnz]), source);
        });
        float[] vals = w.values(), out = new float[a.source.length];
        for (int q = 0; q < out.length; q++) out[q] = vals[a.source[q]];
        return a.structure.withValues(out);
    }

    /**
     * {@link #backward} of a layer whose input gradient runs {@link #backwardDataAsForward as a forward}: per fold,
     * dY is laid out once as the adjoint's framed input, the adjoint's forward tiles write dx from it, and the same
     * buffer is the weight gradient's output gradient (dY(q) sits at pad·wq + pad + q inside its zero frame, zeros
     * at every junk position). The folds, layouts (tile16RowStride) and partial-sum order are those of
     * {@link #backwardWeight}, so dwValues match it bit for bit. Fewer folds than threads, or a frame without padding
     * below the plane for the dots to run into: the two kernels.
     */
    private static void backwardAsForward(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dx, float[] dwValues) {
        int rs = tile16RowStride(g);
        ImageFolds folds = new ImageFolds(g, rs);
        int threads = Parallel.threads(), nnz = w.nnz();
        ConvGeometry ag = g.adjoint();
        PhaseLayout aFull = new PhaseLayout(ag, folds.full.images, rs);
        PhaseLayout aLast = folds.last == folds.full ? aFull : new PhaseLayout(ag, folds.last.images, rs);
        int gradOffset = ag.padH() * aFull.wq + ag.padW();
        // Fewer folds than threads, or dots that would run past a channel's frame (no padding below the plane).
        if (folds.count < threads || gradOffset + folds.full.qSpan > aFull.chanStride || gradOffset + folds.last.qSpan > aLast.chanStride) {
            backwardData(g, w, dy, dx);
            backwardWeight(g, w, x, dy, dwValues);
            return;
        }
        CsrMatrix wa = adjoint(g, w);
        int[] aDeltaFull = deltas(aFull, wa);
        int[] aDeltaLast = aLast == aFull ? aDeltaFull : deltas(aLast, wa);
        int[] aPtr = channelBlocks(aFull, wa);
        float[] aVals = wa.values();
        int[] deltaFull = deltas(folds.full, w);
        int[] deltaLast = folds.last == folds.full ? deltaFull : deltas(folds.last, w);
        int[] rp = w.rowPtr();
        int cout = g.outChannels(), blocks = (g.inChannels() + BLOCK - 1) / BLOCK, tileSize = BLOCK * aFull.qSpan;
        int parts = Math.min(threads, folds.count);
        double[][] partial = new double[parts][nnz];
        Parallel.forEach(parts, part -> {
            float[] buf = Scratch.get(Scratch.IMAGE, folds.full.bufferSize + Aligned.SLACK);
            float[] grad = Scratch.get(Scratch.GRAD, aFull.bufferSize + Aligned.SLACK);
            float[] tiles = Scratch.get(Scratch.TILES, tileSize);
            // The dots' rows of dY start on a cache line, and so do the x rows of the middle column of taps (when the
            // layouts' row and channel strides are whole lines, as for 16- and 32-wide planes): split loads made the
            // dots of ResNet's 16-channel 32x32 layer 1.3-1.5x slower (one image, one thread; DotProbe in
            // docs/sittings/2026-12-03-s16/probes).
            int gOff = lineOffset(grad, gradOffset), bOff = lineOffset(buf, middleTap(g));
            float[] lanes = Scratch.get(Scratch.LANES, 8 * ShiftedSum.V);
            int f0 = folds.shareStart(part, parts), f1 = folds.shareStart(part + 1, parts);
            for (int f = f0; f < f1; f++) {
                PhaseLayout l = folds.layout(f), la = l == folds.full ? aFull : aLast;
                int n0 = folds.firstImage(f);
                la.fillImages(dy, n0, grad, gOff, framed(folds, f, f0));
                int[] aDelta = la == aFull ? aDeltaFull : aDeltaLast;
                for (int blk = 0; blk < blocks; blk++) forwardBlock(la, aVals, aDelta, aPtr, grad, gOff, n0, blk, null, false, tiles, dx);
                l.fillImages(x, n0, buf, bOff, framed(folds, f, f0));
                int[] delta = l == folds.full ? deltaFull : deltaLast;
                for (int co = 0; co < cout; co++) weightDots(l, grad, gOff + co * la.chanStride + gradOffset, buf, bOff, delta, rp[co], rp[co + 1], partial[part], lanes);
            }
        });
        sumPartials(partial, dwValues, nnz);
    }

    /** dwValues[p] = Σ of the threads' partials in thread order, for p &lt; nnz (also {@link BatchLaneConv}'s). */
    static void sumPartials(double[][] partial, float[] dwValues, int nnz) {
        for (int p = 0; p < nnz; p++) {
            double s = 0;
            for (double[] part : partial) s += part[p];
            dwValues[p] = (float) s;
        }
    }

    private static void weightGradFold(PhaseLayout l, int[] delta, int[] rp, int co0, int co1, float[] x, float[] dy, int n0,
                                       boolean framed, float[] buf, float[] grad, double[] acc) {
        l.fillImages(x, n0, buf, 0, framed);
        l.fillGrad(dy, n0, grad, 0, framed);
        weightGradRows(l, delta, rp, co0, co1, buf, grad, acc);
    }

    /**
     * Whether fold f finds its layout's zeros in a thread's buffers already: the thread's previous fold, f - 1 (its
     * folds are f0, f0 + 1, ...), had the same layout and was laid out at the same place, and the kernels only read
     * the buffers between fills.
     */
    private static boolean framed(ImageFolds folds, int f, int f0) {
        return f > f0 && folds.layout(f - 1) == folds.layout(f);
    }

    private static void weightGradRows(PhaseLayout l, int[] delta, int[] rp, int co0, int co1, float[] buf, float[] grad, double[] acc) {
        float[] lanes = Scratch.get(Scratch.LANES, 8 * ShiftedSum.V);
        for (int co = co0; co < co1; co++) weightDots(l, grad, co * l.gradStride + l.maxShift, buf, 0, delta, rp[co], rp[co + 1], acc, lanes);
    }

    /**
     * acc[p] += the dot of the output gradient at gradOff (position q of l at gradOff + q, zero at junk q) with the
     * layout's input at delta[p], for p in [p0, p1): over whole rows where each row's junk is a vector or more (the
     * forward's 48-float rows of 32-wide planes: a third of the work), else over the span, junk included.
     */
    private static void weightDots(PhaseLayout l, float[] grad, int gradOff, float[] buf, int bufOff, int[] delta, int p0, int p1,
                                   double[] acc, float[] lanes) {
        int v = ShiftedSum.V;
        if (l.ow % v == 0 && l.wq - l.ow >= v) {
            ShiftedDot.dotsRows(grad, gradOff, buf, delta, bufOff, p0, p1, l.images, l.plane, l.oh, l.wq, l.ow, acc, lanes);
        } else {
            ShiftedDot.dots(grad, gradOff, buf, delta, bufOff, p0, p1, l.qSpan, acc, lanes);
        }
    }

    /**
     * The column shift of a stride-1 layer's middle column of taps, whose x rows the forward tiles and the weight
     * gradient's dots read from cache lines when the layout starts at {@link #lineOffset}(buf, middleTap) (the other
     * columns are a float or two off a line whatever the start). For strided layouts it is merely some start.
     */
    private static int middleTap(ConvGeometry g) {
        return g.kernelW() / 2 * g.dilationW();
    }

    /** Where in a scratch array a layout must start so that index start + within lands on a 64-byte line. */
    private static int lineOffset(float[] a, int within) {
        return Math.floorMod(Aligned.offset(a) - within, Aligned.SLACK);
    }

    private record LayoutKey(String use, ConvGeometry g, int images, int rowStride) {}

    /** Forward deltas of a layout, cached per weight structure (geometry minus the batch, plus the fold size and row stride). */
    private static int[] deltas(PhaseLayout l, CsrMatrix w) {
        return PlanCache.get(w, new LayoutKey("deltas", l.g.withBatch(1), l.images, l.wq), () -> l.forwardDeltas(w));
    }

    /** Bytes of input one channel block may span per register tile, so a tile's sources stay in L1. */
    private static final int L1_TILE_BUDGET = 24 * 1024;
    /** The same for the tiles of whole output rows ({@link #tileSpan} beyond 4 vectors). */
    private static final int L1_ROWS_BUDGET = 40 * 1024;
    /** Whole-row tiles whose channels together span at most this many bytes take them in one block. */
    private static final int ONE_BLOCK_MAX = 96 * 1024;

    /**
     * Input-channel blocks of the weight's entries (see ColumnBlocks): a register tile reads, per input channel,
     * phases × (its span + maxShift) floats; when all channels together outgrow L1, every output channel of the
     * block reloads them from L2. The span of a tile of whole output rows is those rows of the layout, junk columns
     * included (16 rows of 32 floats for 16×16 planes): counted as 4 vectors, VGG's 128-channel 16×16 layer took
     * its channels in three blocks of 98 KB; in eight of 16 channels (37 KB) its forward at batch 64 and 90% ran
     * 5.20 → 4.54 ms and its training step 15.3 → 14.7 (one JVM alternating, BudgetAB in
     * docs/sittings/2026-12-05-s33; VGG's 64-channel 32×32 layer 4.67 → 4.58, step 16.9 → 16.6, ResNet's 16-channel
     * one unchanged). Layers whose channels fit ONE_BLOCK_MAX together (ResNet's 32-channel 16×16 one, 74 KB) keep
     * one block, as before.
     */
    private static int[] channelBlocks(PhaseLayout l, CsrMatrix w) {
        var g = l.g;
        int span = tileSpan(l);
        int perChannel = 4 * l.phases * (span + l.maxShift);
        int cin = g.inChannelsPerGroup();
        int channels;
        if (span <= ShiftedSum.TILE) {
            channels = Math.max(1, L1_TILE_BUDGET / perChannel);
        } else if ((long) cin * perChannel <= ONE_BLOCK_MAX) {
            channels = cin;
        } else {
            // As many blocks as the budget needs, of equal size (64 channels in blocks of 21 left one of 1).
            int blocks = -Math.floorDiv(-cin, Math.max(1, L1_ROWS_BUDGET / perChannel));
            channels = -Math.floorDiv(-cin, blocks);
        }
        int khw = g.kernelH() * g.kernelW();
        return PlanCache.get(w, new LayoutKey("channelBlocks", g.withBatch(1), l.images, l.wq),
                () -> ColumnBlocks.starts(w.rowPtr(), w.colIdx(), g.outChannels(), g.patchSize(), channels * khw));
    }

    /** Whether this layout's forward runs the 16-vector tiles (its rows have their constant stride). */
    static boolean tile16(PhaseLayout l) {
        int stride16 = tile16RowStride(l.g);
        return stride16 != 0 && l.wq == stride16;
    }

    /**
     * Positions of one phase plane a register tile covers: for tiles of whole output rows, those rows of the layout
     * with their junk columns; 4 vectors otherwise.
     */
    static int tileSpan(PhaseLayout l) {
        if (tile16(l)) return 16 * ShiftedSum.V / l.ow * l.wq;
        int rows = rowsPerTile(l);
        return rows > 0 ? rows * l.wq : ShiftedSum.TILE;
    }

    private static TransposedTaps taps(PhaseLayout l, CsrMatrix w) {
        return PlanCache.get(w, new LayoutKey("taps", l.g.withBatch(1), l.images, l.wq), () -> new TransposedTaps(l, w));
    }

    private static void checkWeight(ConvGeometry g, CsrMatrix w) {
        KernelArgs.sparseConvWeight(g, w);
    }
}
