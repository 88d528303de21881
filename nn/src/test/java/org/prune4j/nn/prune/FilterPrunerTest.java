package org.prune4j.nn.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.flops.FlopCounter;
import org.prune4j.nn.layers.Sequential;
import org.prune4j.nn.models.LeNet5;
import org.prune4j.nn.models.Mlp;
import org.prune4j.nn.models.MobileNetV1;
import org.prune4j.nn.models.ResNetCifar;
import org.prune4j.nn.models.VggCifar;
import org.prune4j.nn.models.WideResNet;

class FilterPrunerTest {

    private static Map<String, Supplier<Object[]>> models() {
        Map<String, Supplier<Object[]>> m = new LinkedHashMap<>();
        m.put("resnet8", () -> new Object[] {new ResNetCifar(8, 3, 10, new Rng(1)), new int[] {3, 8, 8}});
        m.put("resnet14", () -> new Object[] {new ResNetCifar(14, 1, 4, new Rng(2)), new int[] {1, 8, 8}});
        m.put("vgg", () -> new Object[] {new VggCifar(new int[] {8, 8, 0, 16, 0, 16, 0, 16, 0, 16, 0}, 3, 10, new Rng(3)), new int[] {3, 32, 32}});
        m.put("vgg-flatten", () -> new Object[] {TinyNets.vggNet(2, 3, 4), new int[] {2, 8, 8}});
        m.put("lenet5", () -> new Object[] {new LeNet5(new Rng(5)), new int[] {1, 28, 28}});
        m.put("mlp", () -> new Object[] {new Mlp(new Rng(6), 16, 12, 10, 3), new int[] {16}});
        m.put("mobilenet", () -> new Object[] {new MobileNetV1(false, 0.25f, 3, 10, new Rng(7)), new int[] {3, 8, 8}});
        return m;
    }

    private static Tensor input(int[] sample, long seed) {
        int[] dims = new int[sample.length + 1];
        dims[0] = 2;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return Tensor.randn(new Rng(seed), dims);
    }

    private static Tensor eval(Module m, Tensor x) {
        m.eval();
        try (var ng = GradMode.noGrad()) {
            return m.forward(x);
        }
    }

    @Test void theSmallerNetworkComputesWhatTheZeroFilteredNetworkComputes() {
        for (var e : models().entrySet()) {
            Object[] mk = e.getValue().get();
            Module m = TinyNets.randomiseBatchNorms((Module) mk[0], 9);
            int[] sample = (int[]) mk[1];
            new GlobalMagnitudePruner(0.3).prune(m, null); // unstructured masks must survive the surgery too
            ChannelPlan plan = ChannelPlan.analyse(m, sample).select(0.5);
            assertTrue(plan.prunedChannels() > 0, e.getKey());
            Sequential small = SmallerNetwork.build(m, plan);
            plan.zeroPrunedChannels(m);
            Tensor x = input(sample, 10);
            Tensor a = eval(m, x), b = eval(small, x);
            assertArrayEquals(a.dims(), b.dims(), e.getKey());
            float max = 0, diff = 0;
            for (int i = 0; i < a.size(); i++) {
                max = Math.max(max, Math.abs(a.data()[i]));
                diff = Math.max(diff, Math.abs(a.data()[i] - b.data()[i]));
            }
            assertTrue(diff <= 1e-5f * Math.max(1f, max), e.getKey() + ": max |diff| " + diff + " (max |y| " + max + ")");
            assertTrue(small.numParameters() < m.numParameters(), e.getKey() + " is physically smaller");
            assertTrue(FlopCounter.count(small, sample).denseMacs() < FlopCounter.count(m, sample).denseMacs(), e.getKey() + " costs fewer MACs");
        }
    }

    @Test void residualStreamsArePrunedTogetherAndStagesFollowResolution() {
        ResNetCifar m = new ResNetCifar(8, 3, 10, new Rng(1));
        ChannelPlan plan = ChannelPlan.analyse(m, new int[] {3, 16, 16});
        assertEquals(List.of("16x16", "8x8", "4x4"), plan.stages());
        plan.select(0.5, 0.25, 1.0);
        Sequential small = SmallerNetwork.build(m, plan);
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (var p : small.namedParameters().entrySet()) shapes.put(p.getKey(), p.getValue().shape().dims());
        // Stem and layer1 share the 16-channel stream: both keep 8; layer2's stream keeps 8 of 32; layer3 all 64.
        assertArrayEquals(new int[] {8, 3, 3, 3}, shapes.get("0.weight"));
        assertArrayEquals(new int[] {10, 64}, shapes.get("7.weight"), "the head sees layer3's unpruned 64 channels");
        small.train();
        Tensor loss = Ops.crossEntropy(small.forward(input(new int[] {3, 16, 16}, 1)), new int[] {1, 2});
        loss.backward();
        assertTrue(small.parameters().get(0).gradArray() != null, "the smaller network trains");
        var e = assertThrows(IllegalArgumentException.class, () -> ChannelPlan.analyse(m, new int[] {3, 16, 16}).select(0.5, 0.5));
        assertTrue(e.getMessage().contains("3 stages"), e.getMessage());
    }

    @Test void methodRegistryReturnsASmallerModelAndRejectsUnsupportedBlocks() {
        Module m = new ResNetCifar(8, 3, 10, new Rng(1));
        PruningMethod f = PruningMethods.create("filter-l1", PruneOptions.defaults().withKeepRatios(0.5, 0.5, 0.5).withInputShape(3, 8, 8));
        Module small = f.prepare(m, null);
        assertTrue(small != m && small.numParameters() < m.numParameters());
        assertThrows(IllegalArgumentException.class, () -> PruningMethods.create("filter-l1", PruneOptions.defaults().withKeepRatios(0.5, 0.5)));
        var wrn = assertThrows(IllegalArgumentException.class, () -> PruningMethods.create("filter-l1", PruneOptions.ofSparsity(0.5)).prepare(new WideResNet(10, 1, 0f, 3, 10, 0, new Rng(0)), null));
        assertTrue(wrn.getMessage().contains("pre-activation"), wrn.getMessage());
    }
}
