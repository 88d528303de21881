package org.prune4j.simd.sparse;

import static org.prune4j.simd.sparse.SparseTestData.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * SparseConv2d forward, input gradient and weight gradient against the reference oracle
 * over kernel 1/3/5, stride 1/2, padding 0/1/2, groups 1/2/depthwise, batch 1/3, plus
 * dilation, unequal strides, rectangular kernels and inputs, at 1 and 2 threads (which
 * covers both the per-image and the shared-buffer schedules), and both gradients in one call.
 */
class SparseConv2dTest {
    private static final ReferenceKernels REF = new ReferenceKernels();
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    private static List<ConvGeometry> geometries() {
        List<ConvGeometry> list = new ArrayList<>();
        for (int k : new int[]{1, 3, 5})
            for (int stride : new int[]{1, 2})
                for (int pad : new int[]{0, 1, 2})
                    for (int groups : new int[]{1, 2, 6})
                        for (int batch : new int[]{1, 3}) {
                            int cin = 6, cout = groups == 6 ? 6 : 4;
                            int h = 7 + (k + stride + pad) % 3, w = 9 - (pad + groups) % 3;
                            list.add(ConvGeometry.of(batch, cin, h, w, cout, k, stride, pad, groups));
                        }
        // batch, cin, inH, inW, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups
        list.add(new ConvGeometry(2, 3, 11, 13, 5, 3, 3, 1, 1, 2, 2, 2, 2, 1));   // dilation 2
        list.add(new ConvGeometry(3, 4, 10, 12, 6, 3, 5, 1, 2, 1, 2, 1, 1, 2));   // rectangular kernel, unequal strides
        list.add(new ConvGeometry(1, 2, 5, 40, 3, 1, 3, 2, 1, 0, 1, 1, 3, 1));    // wide row, dilated in x only
        list.add(new ConvGeometry(2, 8, 16, 16, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1));  // CIFAR-like, 16 channels per block
        list.add(new ConvGeometry(1, 3, 3, 3, 2, 3, 3, 3, 3, 1, 1, 1, 1, 1));     // stride larger than the output
        // Small planes fold several images into one buffer; these batches leave a shorter last fold.
        list.add(new ConvGeometry(7, 4, 8, 8, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1));     // folds of 6 + 1
        list.add(new ConvGeometry(20, 3, 7, 9, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1));    // stride 2: folds of 18 + 2
        // Rows wide enough for the vector stride-2 de-interleave, odd widths, and one reading up to x's last float.
        list.add(new ConvGeometry(2, 5, 37, 35, 6, 3, 3, 2, 2, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(1, 2, 4, 40, 3, 3, 3, 2, 2, 0, 0, 1, 1, 1));
        list.add(new ConvGeometry(3, 3, 17, 18, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1));   // half-vector paths: 8-9 float phase rows
        // Enough input and output channels that forward and input gradient sum in several channel blocks.
        list.add(new ConvGeometry(2, 200, 6, 6, 96, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        // Output rows of 16, 32 and 64 floats: whole rows per register tile, written straight into y
        // (odd channel counts leave a single row; 60 channels of 32x32 sum in two channel blocks).
        list.add(new ConvGeometry(2, 3, 32, 32, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(1, 60, 32, 32, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(3, 4, 32, 32, 7, 3, 3, 2, 2, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(1, 2, 64, 64, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(1, 3, 34, 32, 2, 3, 3, 1, 1, 0, 1, 1, 1, 1));
        // 4x4 output planes with a vector of images or more: the batch-lane forward (BatchLaneConv), with a
        // partial last chunk, a 'valid' 6x6 input (packed lane by lane), 1x1 and 5x5 kernels, and enough
        // channels for several input-channel blocks (see blockBytesSplitsIntoChannelBlocks).
        list.add(new ConvGeometry(21, 40, 4, 4, 24, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(16, 5, 6, 6, 7, 3, 3, 1, 1, 0, 0, 1, 1, 1));
        list.add(new ConvGeometry(17, 6, 4, 4, 9, 1, 1, 1, 1, 0, 0, 1, 1, 1));
        list.add(new ConvGeometry(32, 3, 4, 4, 5, 5, 5, 1, 1, 2, 2, 1, 1, 1));
        // Larger planes in 16-pixel tiles: 2 rows of 8, 4 rows of 4 on a tall plane, one row of 16, half rows of 32.
        list.add(new ConvGeometry(18, 12, 8, 8, 10, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(16, 4, 8, 4, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(16, 5, 3, 16, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        list.add(new ConvGeometry(17, 3, 8, 32, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1));
        // Stride 2 from rows of 2V floats to rows of V (RowTapConv), for V = 16 and V = 8: an odd input height, 1x1,
        // 5x5, a 7-tall kernel, a 5-tall one padded beyond half its height, 20 output rows.
        for (int v : new int[]{16, 8}) {
            list.add(new ConvGeometry(2, 5, v - 1, 2 * v, 6, 3, 3, 2, 2, 1, 1, 1, 1, 1));
            list.add(new ConvGeometry(3, 6, 2 * v, 2 * v, 5, 1, 1, 2, 2, 0, 0, 1, 1, 1));
            list.add(new ConvGeometry(1, 3, 2 * v, 2 * v, 4, 5, 5, 2, 2, 2, 2, 1, 1, 1));
            list.add(new ConvGeometry(1, 2, 2 * v, 2 * v, 3, 7, 3, 2, 2, 3, 1, 1, 1, 1));
            list.add(new ConvGeometry(2, 3, v - 2, 2 * v, 4, 5, 3, 2, 2, 3, 1, 1, 1, 1));
            list.add(new ConvGeometry(1, 3, 40, 2 * v, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1));   // 20 rows: a block of 16 and one of 4
            // Output rows of V/2, two to a vector: 3x3, an odd input height, 1x1, 5x5, 16 rows in two groups.
            list.add(new ConvGeometry(2, 5, 16, v, 6, 3, 3, 2, 2, 1, 1, 1, 1, 1));
            list.add(new ConvGeometry(3, 4, 15, v, 5, 3, 3, 2, 2, 1, 1, 1, 1, 1));
            list.add(new ConvGeometry(1, 3, 2 * v, v, 4, 1, 1, 2, 2, 0, 0, 1, 1, 1));
            list.add(new ConvGeometry(1, 3, 16, v, 4, 5, 5, 2, 2, 2, 2, 1, 1, 1));
            list.add(new ConvGeometry(2, 3, 32, v, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1));
        }
        return list;
    }

    @Test
    void matchesReferenceOverGeometriesAndDensities() {
        SplittableRandom rnd = new SplittableRandom(2024);
        List<ConvGeometry> all = geometries();
        for (int threads : new int[]{1, 2}) {
            Parallel.setThreads(threads);
            for (int gi = 0; gi < all.size(); gi++) {
                ConvGeometry g = all.get(gi);
                for (double density : DENSITIES) check(rnd, g, density, (gi & 1) == 0, ((gi >> 1) & 1) == 0, threads);
            }
        }
    }

    private static void check(SplittableRandom rnd, ConvGeometry g, double density, boolean bias, boolean relu, int threads) {
        String what = g + " density=" + density + " bias=" + bias + " relu=" + relu + " threads=" + threads;
        CsrMatrix w = randomCsr(rnd, g.outChannels(), g.patchSize(), density);
        CsrMatrix absW = absValues(w);
        float[] x = uniform(rnd, g.inputSize());
        float[] b = bias ? uniform(rnd, g.outChannels()) : null;
        float[] dy = uniform(rnd, g.outputSize());
        int patch = g.patchSize();

        // Outputs start as garbage so a kernel that skips an element is caught.
        float[] want = uniform(rnd, g.outputSize()), got = uniform(rnd, g.outputSize()), absSum = new float[g.outputSize()];
        REF.sparseConv2dForward(g, w, x, b, relu, want);
        SparseConv2d.forward(g, w, x, b, relu, got);
        REF.sparseConv2dForward(g, absW, abs(x), abs(b), false, absSum);
        assertClose("forward " + what, want, got, absSum, 0, want.length, patch + 1);

        float[] dxWant = new float[g.inputSize()], dxGot = uniform(rnd, g.inputSize()), dxAbs = new float[g.inputSize()];
        REF.sparseConv2dBackwardData(g, w, dy, dxWant);
        SparseConv2d.backwardData(g, w, dy, dxGot);
        REF.sparseConv2dBackwardData(g, absW, abs(dy), dxAbs);
        assertClose("backwardData " + what, dxWant, dxGot, dxAbs, 0, dxWant.length,
                (long) g.outChannelsPerGroup() * g.kernelH() * g.kernelW());

        float[] dwWant = new float[w.nnz()], dwGot = uniform(rnd, w.nnz()), dwAbs = new float[w.nnz()];
        REF.sparseConv2dBackwardWeight(g, w, x, dy, dwWant);
        SparseConv2d.backwardWeight(g, w, x, dy, dwGot);
        REF.sparseConv2dBackwardWeight(g, w, abs(x), abs(dy), dwAbs);
        assertClose("backwardWeight " + what, dwWant, dwGot, dwAbs, 0, dwWant.length, (long) g.batch() * g.outH() * g.outW());

        // Both gradients in one call (one dy layout per fold when there are folds for every thread): the same bits.
        float[] dxBoth = uniform(rnd, g.inputSize()), dwBoth = uniform(rnd, w.nnz());
        SparseConv2d.backward(g, w, x, dy, dxBoth, dwBoth);
        assertBitsEqual("backward (both), input gradient " + what, dxGot, dxBoth);
        assertBitsEqual("backward (both), weight gradient " + what, dwGot, dwBoth);
    }

    @Test
    void foldingCasesReallyFold() {
        // Guards the geometries above: they must exercise a short last fold.
        for (ConvGeometry g : new ConvGeometry[]{new ConvGeometry(7, 4, 8, 8, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1),
                new ConvGeometry(20, 3, 7, 9, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1)}) {
            ImageFolds folds = new ImageFolds(g);
            if (folds.count < 2 || folds.last == folds.full) throw new AssertionError(g + " folds as " + folds.count + " x " + folds.perFold);
        }
    }

    @Test
    void forwardAndInputGradientHaveSameBitsForOneAndTwoThreads() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int batch : new int[]{1, 3}) {
            ConvGeometry g = ConvGeometry.of(batch, 8, 12, 12, 20, 3, 1, 1, 1);
            CsrMatrix w = randomCsr(rnd, g.outChannels(), g.patchSize(), 0.3);
            float[] x = uniform(rnd, g.inputSize()), dy = uniform(rnd, g.outputSize()), bias = uniform(rnd, g.outChannels());
            float[][] y = new float[2][g.outputSize()], dx = new float[2][g.inputSize()];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                SparseConv2d.forward(g, w, x, bias, true, y[t - 1]);
                SparseConv2d.backwardData(g, w, dy, dx[t - 1]);
            }
            assertBitsEqual("forward threads 1 vs 2, batch " + batch, y[0], y[1]);
            assertBitsEqual("backwardData threads 1 vs 2, batch " + batch, dx[0], dx[1]);
        }
    }

    @Test
    void batchLaneSumsInChannelBlocksAndMatchesAcrossThreads() {
        ConvGeometry g = new ConvGeometry(21, 40, 4, 4, 24, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        ConvGeometry valid = new ConvGeometry(16, 5, 6, 6, 7, 3, 3, 1, 1, 0, 0, 1, 1, 1);
        if (!BatchLaneConv.suitsBackwardData(g) || !BatchLaneConv.suitsForward(g)) throw new AssertionError(g + " should take the batch-lane passes");
        ConvGeometry wide = new ConvGeometry(17, 3, 8, 32, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        if (BatchLaneConv.suitsForward(wide) || !BatchLaneConv.suitsBackwardData(wide))
            throw new AssertionError(wide + " should take the batch-lane gradients and the phase-layout forward");
        if (!BatchLaneConv.suits(valid) || BatchLaneConv.suitsBackwardData(valid))
            throw new AssertionError(valid + " should take the batch-lane forward and weight gradient only");
        if (BatchLaneConv.suits(g.withBatch(ShiftedSum.V - 1))) throw new AssertionError("fewer images than lanes must not");
        int saved = BatchLaneConv.blockBytes, savedForward = BatchLaneConv.forwardMaxPixels, savedLanes = BatchLaneConv.laneEntries;
        try {
            // 3 channels per block: 40 input channels (forward, weight gradient) sum in 14 blocks and 24 output
            // channels (input gradient) in 8, the last forward block short; the 32-wide plane's forward (half-row
            // tiles) is forced onto this path. The weight gradient keeps the lanes of 5 entries: output channels go
            // in groups of several, and alone when one has more entries in a block than that.
            BatchLaneConv.blockBytes = 3 * 4 * 6 * 6 * ShiftedSum.V;
            BatchLaneConv.forwardMaxPixels = BatchLaneConv.maxPixels;
            BatchLaneConv.laneEntries = 5;
            SplittableRandom rnd = new SplittableRandom(7);
            for (ConvGeometry geo : new ConvGeometry[]{g, wide}) {
                for (double density : DENSITIES) checkBlocks(rnd, geo, density);
            }
        } finally {
            BatchLaneConv.blockBytes = saved;
            BatchLaneConv.forwardMaxPixels = savedForward;
            BatchLaneConv.laneEntries = savedLanes;
        }
    }

    private static void checkBlocks(SplittableRandom rnd, ConvGeometry g, double density) {
        CsrMatrix w = randomCsr(rnd, g.outChannels(), g.patchSize(), density);
        CsrMatrix absW = absValues(w);
        float[] x = uniform(rnd, g.inputSize()), bias = uniform(rnd, g.outChannels()), dy = uniform(rnd, g.outputSize());
        float[] want = uniform(rnd, g.outputSize()), absSum = new float[g.outputSize()];
        REF.sparseConv2dForward(g, w, x, bias, true, want);
        REF.sparseConv2dForward(g, absW, abs(x), abs(bias), false, absSum);
        float[] dxWant = new float[g.inputSize()], dxAbs = new float[g.inputSize()];
        REF.sparseConv2dBackwardData(g, w, dy, dxWant);
        REF.sparseConv2dBackwardData(g, absW, abs(dy), dxAbs);
        float[] dwWant = new float[w.nnz()], dwAbs = new float[w.nnz()];
        REF.sparseConv2dBackwardWeight(g, w, x, dy, dwWant);
        REF.sparseConv2dBackwardWeight(g, w, abs(x), abs(dy), dwAbs);
        float[][] got = new float[2][], dx = new float[2][], dw = new float[2][];
        for (int t = 1; t <= 2; t++) {
            Parallel.setThreads(t);
            got[t - 1] = uniform(rnd, g.outputSize());
            dx[t - 1] = uniform(rnd, g.inputSize());
            dw[t - 1] = uniform(rnd, w.nnz());
            SparseConv2d.forward(g, w, x, bias, true, got[t - 1]);
            SparseConv2d.backward(g, w, x, dy, dx[t - 1], dw[t - 1]);
        }
        String what = " in blocks, " + g + " density " + density;
        long pixels = (long) g.batch() * g.outH() * g.outW();
        assertClose("batch-lane forward" + what, want, got[0], absSum, 0, want.length, g.patchSize() + 1);
        assertClose("batch-lane input gradient" + what, dxWant, dx[0], dxAbs, 0, dxWant.length, (long) g.outChannels() * 9);
        assertClose("batch-lane weight gradient" + what, dwWant, dw[0], dwAbs, 0, dwWant.length, pixels);
        assertClose("batch-lane weight gradient, 2 threads" + what, dwWant, dw[1], dwAbs, 0, dwWant.length, pixels);
        assertBitsEqual("batch-lane forward threads 1 vs 2" + what, got[0], got[1]);
        assertBitsEqual("batch-lane input gradient threads 1 vs 2" + what, dx[0], dx[1]);
    }

    @Test
    void rowTapPathTakesStrideTwoRowsAndMatchesAcrossThreads() {
        int v = ShiftedSum.V;
        ConvGeometry g = new ConvGeometry(3, 7, 2 * v, 2 * v, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1);
        if (!RowTapConv.suits(g)) throw new AssertionError(g + " should take the row-tap path");
        if (RowTapConv.suits(new ConvGeometry(3, 7, 2 * v - 1, 2 * v - 1, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1)))
            throw new AssertionError("rows of fewer than 2V floats must not");
        if (RowTapConv.suits(new ConvGeometry(3, 7, 2 * v - 2, 2 * v, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1)))
            throw new AssertionError("output heights that are not whole groups of rows must not");
        if (RowTapConv.suits(new ConvGeometry(1, 3, 24, 2 * v, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1)))
            throw new AssertionError("planes of 12 vector rows (no whole 16-row gathers) must not");
        ConvGeometry half = new ConvGeometry(2, 5, 16, v, 6, 3, 3, 2, 2, 1, 1, 1, 1, 1);
        if (!RowTapConv.suits(half)) throw new AssertionError(half + " should take the row-tap path");
        if (RowTapConv.suits(new ConvGeometry(2, 5, 12, v, 6, 3, 3, 2, 2, 1, 1, 1, 1, 1)))
            throw new AssertionError("half-vector rows need whole groups of 2·ROWS output rows");
        SplittableRandom rnd = new SplittableRandom(8);
        // Half-vector rows gather several images per Wᵀ entry (4 for 8-row planes, 2 for 16-row ones): batches of 5
        // and 3 leave partial groups, whose split between threads must not change a bit either.
        ConvGeometry halfGroups = new ConvGeometry(5, 3, 16, v, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1);
        ConvGeometry halfTall = new ConvGeometry(3, 3, 32, v, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1);
        if (!RowTapConv.suits(halfGroups) || !RowTapConv.suits(halfTall)) throw new AssertionError("half-vector geometries should take the row-tap path");
        for (ConvGeometry geo : List.of(g, halfGroups, halfTall)) {
            checkRowTapAcrossThreads(rnd, geo);
        }
    }

    private static void checkRowTapAcrossThreads(SplittableRandom rnd, ConvGeometry g) {
        for (double density : DENSITIES) {
            CsrMatrix w = randomCsr(rnd, g.outChannels(), g.patchSize(), density);
            float[] x = uniform(rnd, g.inputSize()), dy = uniform(rnd, g.outputSize()), bias = uniform(rnd, g.outChannels());
            float[][] y = new float[2][g.outputSize()], dx = new float[2][g.inputSize()], dw = new float[2][w.nnz()];
            for (int t = 1; t <= 2; t++) {
                Parallel.setThreads(t);
                SparseConv2d.forward(g, w, x, bias, true, y[t - 1]);
                SparseConv2d.backward(g, w, x, dy, dx[t - 1], dw[t - 1]);
            }
            String what = ", " + g + " density " + density;
            assertBitsEqual("row-tap forward threads 1 vs 2" + what, y[0], y[1]);
            assertBitsEqual("row-tap input gradient threads 1 vs 2" + what, dx[0], dx[1]);
            CsrMatrix absW = absValues(w);
            float[] yWant = new float[g.outputSize()], yAbs = new float[g.outputSize()];
            REF.sparseConv2dForward(g, w, x, bias, true, yWant);
            REF.sparseConv2dForward(g, absW, abs(x), abs(bias), false, yAbs);
            assertClose("row-tap forward" + what, yWant, y[1], yAbs, 0, yWant.length, g.patchSize() + 1);
            float[] dxWant = new float[g.inputSize()], dxAbs = new float[g.inputSize()];
            REF.sparseConv2dBackwardData(g, w, dy, dxWant);
            REF.sparseConv2dBackwardData(g, absW, abs(dy), dxAbs);
            assertClose("row-tap input gradient" + what, dxWant, dx[1], dxAbs, 0, dxWant.length, (long) g.outChannels() * g.kernelH() * g.kernelW());
            float[] dwWant = new float[w.nnz()], dwAbs = new float[w.nnz()];
            REF.sparseConv2dBackwardWeight(g, w, x, dy, dwWant);
            REF.sparseConv2dBackwardWeight(g, w, abs(x), abs(dy), dwAbs);
            assertClose("row-tap weight gradient, 2 threads" + what, dwWant, dw[1], dwAbs, 0, dwWant.length,
                    (long) g.batch() * g.outH() * g.outW());
        }
    }

    @Test
    void weightGradientIsRepeatableAtTwoThreads() {
        SplittableRandom rnd = new SplittableRandom(6);
        ConvGeometry g = ConvGeometry.of(4, 6, 9, 9, 8, 3, 2, 1, 1);
        CsrMatrix w = randomCsr(rnd, g.outChannels(), g.patchSize(), 0.5);
        float[] x = uniform(rnd, g.inputSize()), dy = uniform(rnd, g.outputSize());
        Parallel.setThreads(2);
        float[] first = new float[w.nnz()], again = new float[w.nnz()];
        SparseConv2d.backwardWeight(g, w, x, dy, first);
        SparseConv2d.backwardWeight(g, w, x, dy, again);
        assertBitsEqual("backwardWeight run twice", first, again);
    }
}
