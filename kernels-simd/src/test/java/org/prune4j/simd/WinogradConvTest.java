package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.testkit.KernelConformance;
import org.prune4j.simd.sparse.LaneFrames;

/**
 * The Winograd F(2×2, 3×3) path ({@link WinogradConv}) with the shared suite's checks against the oracle: 4×4 to
 * 16×16 and rectangular planes, channel counts that leave four-channel blocks and a partial one, a batch that leaves
 * a partial chunk of lanes, bias or not, the input gradient (the same path on the adjoint) and the weight gradient, 1
 * and 2 threads (forward and input gradient with the same bits); and the geometries it must not take.
 */
class WinogradConvTest {
    private static final KernelConformance SUITE = new KernelConformance() {
        @Override protected Kernels kernels() { return new SimdKernels(); }
    };

    private final int savedThreads = Parallel.threads();
    private final ConvKernels.WinogradPath savedPath = ConvKernels.winogradPath;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        ConvKernels.winogradPath = savedPath;
    }

    static List<ConvGeometry> cases() {
        List<ConvGeometry> list = new ArrayList<>();
        // batch, cin, inH, inW, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups
        list.add(new ConvGeometry(16, 16, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1));   // 8x8, blocks 6+6+4
        list.add(new ConvGeometry(21, 17, 4, 4, 23, 3, 3, 1, 1, 1, 1, 1, 1, 1));   // 4x4, partial lanes, odd channel counts
        list.add(new ConvGeometry(16, 18, 16, 16, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1)); // 16x16
        list.add(new ConvGeometry(17, 16, 8, 16, 30, 3, 3, 1, 1, 1, 1, 1, 1, 1));  // rectangular 8x16
        list.add(new ConvGeometry(32, 24, 4, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1));   // 4x8, two chunks
        list.add(new ConvGeometry(16, 16, 32, 32, 18, 3, 3, 1, 1, 1, 1, 1, 1, 1)); // 32x32 (CIFAR's first stage)
        return list;
    }

    @TestFactory
    Stream<DynamicTest> bandsGiveTheSameResults() {
        List<DynamicTest> tests = new ArrayList<>();
        ConvGeometry[] banded = {
                new ConvGeometry(16, 16, 16, 16, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1),  // 64 tiles, 8 tile rows of 8
                new ConvGeometry(17, 20, 12, 4, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1),   // 12 tiles, 6 tile rows of 2
                new ConvGeometry(16, 16, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1)};   // 16 tiles, 4 tile rows of 4
        for (ConvGeometry g : banded) {
            tests.add(DynamicTest.dynamicTest(g.toString(), () -> {
                ConvKernels.winogradPath = ConvKernels.WinogradPath.ON;
                int saved = WinogradConv.bandBytes, savedWeight = WinogradConv.weightBandBytes;
                int tiles = g.inH() / 2 * (g.inW() / 2), tileBytes = 16 * g.inChannels() * LaneFrames.V * Float.BYTES;
                SplittableRandom rnd = new SplittableRandom(g.hashCode());
                float[] x = new float[g.inputSize()], w = new float[g.weightSize()], bias = new float[g.outChannels()];
                for (float[] a : new float[][] {x, w, bias}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
                float[] whole = new float[g.outputSize()];
                try {
                    WinogradConv.bandBytes = Integer.MAX_VALUE;
                    assertEquals(tiles, WinogradConv.bandTiles(tiles, g.inChannels()), g + ": one band");
                    ConvKernels.forward(g, x, w, bias, whole);
                    // Bands of four tiles, the fewest; of eight, the 12-tile plane's last band shorter; of twelve,
                    // the 64-tile plane's last band of four; a budget between two multiples of four rounds down.
                    for (int perBand : new int[] {4, 8, 12}) {
                        if (perBand >= tiles) continue;
                        WinogradConv.bandBytes = perBand == 4 ? 1 : perBand * tileBytes + tileBytes;
                        assertEquals(perBand, WinogradConv.bandTiles(tiles, g.inChannels()), g + ": bands of " + perBand);
                        float[] bands = new float[g.outputSize()];
                        ConvKernels.forward(g, x, w, bias, bands);
                        assertArrayEquals(whole, bands, g + ": bands of " + perBand + " tiles against one band");
                        SUITE.checkConvForward(g, true);
                        SUITE.checkConvBackwardData(g);
                    }
                    WinogradConv.weightBandBytes = 1;
                    int rows = WinogradConv.bandRows(g.inH() / 2, g.inW() / 2, g.inChannels());
                    assertTrue(rows < g.inH() / 2 && rows * (g.inW() / 2) % 4 == 0, g + ": weight bands of " + rows + " tile rows");
                    SUITE.checkConvBackwardWeight(g);
                } finally {
                    WinogradConv.bandBytes = saved;
                    WinogradConv.weightBandBytes = savedWeight;
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> winogradMatchesOracleWithTheSameBitsOnAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : cases()) {
            tests.add(DynamicTest.dynamicTest(g.toString(), () -> {
                assertTrue(WinogradConv.suits(g) && WinogradConv.suits(g.adjoint()), g + " should take the Winograd path");
                ConvKernels.winogradPath = ConvKernels.WinogradPath.ON;
                SplittableRandom rnd = new SplittableRandom(g.hashCode());
                float[] x = new float[g.inputSize()], w = new float[g.weightSize()], bias = new float[g.outChannels()];
                float[] dy = new float[g.outputSize()];
                for (float[] a : new float[][] {x, w, bias, dy}) for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
                float[][] y = new float[2][], dx = new float[2][];
                for (int t = 1; t <= 2; t++) {
                    Parallel.setThreads(t);
                    SUITE.checkConvPasses(g);
                    y[t - 1] = new float[g.outputSize()];
                    dx[t - 1] = new float[g.inputSize()];
                    java.util.Arrays.fill(y[t - 1], Float.NaN);
                    java.util.Arrays.fill(dx[t - 1], Float.NaN);
                    ConvKernels.forward(g, x, w, bias, y[t - 1]);
                    ConvKernels.backwardData(g, dy, w, dx[t - 1]);
                }
                assertArrayEquals(y[0], y[1], "forward, threads 1 vs 2");
                assertArrayEquals(dx[0], dx[1], "input gradient, threads 1 vs 2");
                // The forced path against the direct kernels: the transforms change rounding, not results.
                ConvKernels.winogradPath = ConvKernels.WinogradPath.OFF;
                float[] direct = new float[g.outputSize()];
                ConvKernels.forward(g, x, w, bias, direct);
                for (int i = 0; i < direct.length; i++) {
                    if (Math.abs(direct[i] - y[0][i]) > 1e-4f * (1 + Math.abs(direct[i])))
                        throw new AssertionError(g + ": Winograd " + y[0][i] + " against direct " + direct[i] + " at " + i);
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void onlyThreeByThreeSameLayersWithEvenPlanesOfWholeTileGroups() {
        int v = LaneFrames.V;
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 16, 8, 8, 16, 3, 3, 2, 2, 1, 1, 1, 1, 1)), "stride 2");
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 16, 8, 8, 16, 3, 3, 1, 1, 0, 0, 1, 1, 1)), "no padding");
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 16, 8, 8, 16, 5, 5, 1, 1, 2, 2, 1, 1, 1)), "5x5");
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 16, 7, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "odd height");
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 16, 2, 2, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "one tile");
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 16, 64, 32, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "64x32 planes");
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 3, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "3 input channels");
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 16, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 2)), "groups");
        assertFalse(WinogradConv.suits(new ConvGeometry(v - 1, 16, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1)), "fewer images than lanes");
        assertFalse(WinogradConv.suits(new ConvGeometry(16, 16, 8, 8, 16, 3, 3, 1, 1, 1, 1, 2, 2, 1)), "dilation");
    }
}
