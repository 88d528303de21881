package org.prune4j.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

class LayersTest {
    private static final Rng RNG = new Rng(3);

    @Test void convGeometryAndDefaultInitBounds() {
        Conv2d c = new Conv2d(4, 8, 3, 2, 2, 2, 2, true, new Rng(1));
        assertEquals("[8, 2, 3, 3]", c.weight().shape().toString());
        assertEquals("[1, 8, 4, 4]", c.forward(Tensor.randn(RNG, 1, 4, 8, 8)).shape().toString());
        float bound = (float) (1 / Math.sqrt(2 * 9));
        for (float v : c.weight().data()) assertTrue(Math.abs(v) <= bound, "weight outside ±1/sqrt(fan_in): " + v);
        for (float v : c.bias().data()) assertTrue(Math.abs(v) <= bound);
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 8, 3, 1, 1, 1, 2, false, RNG));
        var e = assertThrows(IllegalArgumentException.class, () -> c.forward(Tensor.zeros(1, 3, 8, 8)));
        assertTrue(e.getMessage().contains("expected input [N, 4, H, W], got [1, 3, 8, 8]"), e.getMessage());
        assertEquals(List.of("weight"), List.copyOf(new Conv2d(2, 2, 1, 1, 0, false, RNG).namedParameters().keySet()));
    }

    @Test void batchNormTracksRunningStatsLikePyTorch() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor x = Tensor.of(new float[] {1, 10, 3, 20}, 2, 2);
        bn.forward(x);
        // mean (2, 15); unbiased var (2, 50); running = 0.9·init + 0.1·batch
        assertArrayEquals(new float[] {0.2f, 1.5f}, bn.runningMean().data(), 1e-6f);
        assertArrayEquals(new float[] {0.9f + 0.2f, 0.9f + 5f}, bn.runningVar().data(), 1e-5f);
        assertEquals(1f, bn.numBatchesTracked().item());
        bn.eval();
        Tensor y = bn.forward(x);
        assertEquals((1 - 0.2) / Math.sqrt(1.1 + 1e-5), y.get(0, 0), 1e-5);
        assertEquals(1f, bn.numBatchesTracked().item(), "eval must not count batches");
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(2).forward(x));
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(2, 3)));
    }

    @Test void poolingAndFlatten() {
        Tensor x = Tensor.randn(RNG, 2, 3, 6, 6);
        assertEquals("[2, 3, 1, 1]", new AdaptiveAvgPool2d(1).forward(x).shape().toString());
        assertEquals("[2, 3]", new GlobalAvgPool().forward(x).shape().toString());
        assertArrayEquals(new GlobalAvgPool().forward(x).data(), new AdaptiveAvgPool2d(1).forward(x).data());
        assertEquals("[2, 3, 3, 3]", new MaxPool2d(2).forward(x).shape().toString());
        assertEquals("[2, 3, 3, 3]", new AvgPool2d(3, 2, 1).forward(x).shape().toString());
        assertEquals("[2, 108]", new Flatten().forward(x).shape().toString());
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(2));
    }

    @Test void dropoutIsSeededAndOffInEval() {
        Tensor x = Tensor.ones(1, 1000);
        float[] a = new Dropout(0.5f, 9).forward(x).data(), b = new Dropout(0.5f, 9).forward(x).data();
        assertArrayEquals(a, b);
        int zeros = 0;
        for (float v : a) if (v == 0f) zeros++;
        assertTrue(zeros > 400 && zeros < 600, "zeros: " + zeros);
        Dropout d = new Dropout(0.5f, 9);
        d.eval();
        assertArrayEquals(x.data(), d.forward(x).data());
    }

    @Test void residualBlocksShapesAndShortcuts() {
        BasicBlock same = new BasicBlock(8, 8, 1, RNG), down = new BasicBlock(8, 16, 2, RNG);
        assertTrue(same.namedParameters().keySet().stream().noneMatch(k -> k.startsWith("downsample")));
        assertEquals("[1, 16, 2, 2]", down.forward(Tensor.randn(RNG, 1, 8, 4, 4)).shape().toString());
        Bottleneck b = new Bottleneck(16, 4, 2, RNG);
        assertEquals("[2, 16, 2, 2]", b.forward(Tensor.randn(RNG, 2, 16, 4, 4)).shape().toString());
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "conv2.weight", "bn2.weight", "bn2.bias", "conv3.weight",
                "bn3.weight", "bn3.bias", "downsample.0.weight", "downsample.1.weight", "downsample.1.bias"), List.copyOf(b.namedParameters().keySet()));
        // The identity path: with the residual branch's last BN scaled to zero, the block is relu(x).
        BasicBlock id = new BasicBlock(2, 2, 1, RNG);
        java.util.Arrays.fill(id.lastBatchNorm().weight().data(), 0f);
        Tensor x = Tensor.randn(RNG, 2, 2, 3, 3);
        assertArrayEquals(Ops.relu(x).data(), id.forward(x).data());
    }

    /** h_t from the FastGRNN equations evaluated in double precision, entry by entry. */
    @Test void fastGrnnStepFollowsTheEquations() {
        FastGRNNCell cell = new FastGRNNCell(2, 3, 0, 0, new Rng(4));
        cell.namedParameters().get("zeta").data()[0] = 0.3f;
        cell.namedParameters().get("bias_gate").data()[1] = -0.5f;
        Tensor x = Tensor.randn(new Rng(6), 2, 2), h = Tensor.randn(new Rng(7), 2, 3);
        Tensor out = cell.step(x, h);
        float[] w = cell.namedParameters().get("W").data(), u = cell.namedParameters().get("U").data();
        float[] bz = cell.namedParameters().get("bias_gate").data(), bh = cell.namedParameters().get("bias_update").data();
        double zeta = sig(0.3), nu = sig(-4);
        for (int n = 0; n < 2; n++) {
            for (int j = 0; j < 3; j++) {
                double pre = 0;
                for (int i = 0; i < 2; i++) pre += w[j * 2 + i] * x.get(n, i);
                for (int i = 0; i < 3; i++) pre += u[j * 3 + i] * h.get(n, i);
                double z = sig(pre + bz[j]), ht = Math.tanh(pre + bh[j]);
                double expected = (zeta * (1 - z) + nu) * ht + z * h.get(n, j);
                assertEquals(expected, out.get(n, j), 1e-5, "h[" + n + "," + j + "]");
            }
        }
    }

    private static double sig(double v) { return 1 / (1 + Math.exp(-v)); }

    @Test void lowRankFastGrnnEqualsFullRankWithTheProduct() {
        FastGRNNCell low = new FastGRNNCell(4, 3, 2, 2, new Rng(1));
        FastGRNNCell full = new FastGRNNCell(4, 3, 0, 0, new Rng(2));
        var lp = low.namedParameters();
        var fp = full.namedParameters();
        product(lp.get("W1").tensor(), lp.get("W2").tensor(), fp.get("W").data());
        product(lp.get("U1").tensor(), lp.get("U2").tensor(), fp.get("U").data());
        Tensor x = Tensor.randn(new Rng(3), 2, 5, 4);
        try (var ng = GradMode.noGrad()) {
            assertArrayEquals(full.forward(x).data(), low.forward(x).data(), 1e-5f);
        }
        assertTrue(lp.get("W1").isPrunable() && !lp.get("zeta").isPrunable());
        var e = assertThrows(IllegalArgumentException.class, () -> low.forward(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("[N, T, 4]"), e.getMessage());
    }

    private static void product(Tensor a, Tensor b, float[] out) {
        float[] p = Ops.matmul(a, b).data();
        System.arraycopy(p, 0, out, 0, p.length);
    }

    @Test void fastGrnnGradientsReachEveryParameter() {
        FastGRNNCell cell = new FastGRNNCell(3, 4, 2, 0, new Rng(1));
        Ops.sum(cell.forward(Tensor.randn(new Rng(2), 2, 6, 3))).backward();
        for (var e : cell.namedParameters().entrySet()) {
            float[] g = e.getValue().gradArray();
            assertTrue(g != null && java.util.stream.IntStream.range(0, g.length).anyMatch(i -> g[i] != 0f), "no gradient for " + e.getKey());
        }
    }

    @Test void sequentialNamesAndBounds() {
        Sequential s = new Sequential(new ReLU(), new ReLU6());
        assertEquals(List.of("", "0", "1"), List.copyOf(s.namedModules().keySet()));
        assertArrayEquals(new float[] {0f, 3f, 6f}, s.forward(Tensor.of(new float[] {-1f, 3f, 9f}, 3)).data());
        assertThrows(IllegalArgumentException.class, () -> s.get(2));
        Module m = new Identity();
        Tensor t = Tensor.zeros(1);
        assertEquals(t, m.forward(t));
    }
}
