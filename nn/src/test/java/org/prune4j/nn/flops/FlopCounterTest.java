package org.prune4j.nn.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.graph.UnsupportedModuleException;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Dropout;
import org.prune4j.nn.models.FastGRNN;
import org.prune4j.nn.models.LeNet5;
import org.prune4j.nn.models.ModelConfig;
import org.prune4j.nn.models.ModelZoo;
import org.prune4j.nn.prune.GlobalMagnitudePruner;

class FlopCounterTest {

    @Test void leNet5DenseCountsMatchTheArchitecture() {
        FlopReport r = FlopCounter.count(new LeNet5(new Rng(0)), 1, 28, 28);
        assertEquals(6L * 28 * 28 * 25, r.layer("conv1").denseMacs());
        assertEquals(16L * 10 * 10 * 150, r.layer("conv2").denseMacs(), "conv2 sees the pooled 14×14 input");
        assertEquals(400L * 120, r.layer("fc1").denseMacs());
        assertEquals(117600 + 240000 + 48000 + 10080 + 840, r.denseMacs());
        assertEquals(61706, r.totalParameters());
        assertEquals(1.0, r.theoreticalSpeedup(), 1e-12);
    }

    @Test void resnet20MacsAndSpatialSizesFollowTheInput() {
        Module m = ModelZoo.create("resnet20", ModelConfig.defaults());
        FlopReport r = FlopCounter.count(m, 3, 32, 32);
        // 40.55M conv multiply-adds for option A (He et al.), plus the projections of option B and the head.
        assertEquals(40_550_400L + 2 * 131_072L + 640, r.denseMacs(), "convs (option A), two 1×1 projections, the fc head");
        assertEquals(272_474, r.totalParameters());
        assertEquals(16L * 16 * 16 * 144, FlopCounter.count(m, 3, 16, 16).layer("layer1.0.conv1").denseMacs(), "half the input, a quarter the MACs");
    }

    @Test void effectiveCountsScaleWithDensityAsShrinkBenchDefines() {
        LeNet5 m = new LeNet5(new Rng(1));
        new GlobalMagnitudePruner(0.9).prune(m, null);
        FlopReport r = FlopCounter.count(m, 1, 28, 28);
        for (LayerFlops l : r.layers()) {
            assertEquals(l.denseMacs() * l.nonzeroWeights() / l.weights(), l.effectiveMacs(), l.name());
        }
        long nonzero = 0;
        for (var p : m.parameters()) nonzero += p.countNonzero();
        assertEquals(nonzero, r.nonzeroParameters());
        assertEquals(61706.0 / nonzero, r.compressionRatio(), 1e-12);
        assertEquals((double) r.denseMacs() / r.effectiveMacs(), r.theoreticalSpeedup(), 1e-12);
        assertTrue(r.theoreticalSpeedup() > 2, r.toTable());
    }

    @Test void fastGrnnCountsEveryTimeStep() {
        FlopReport r = FlopCounter.count(new FastGRNN(9, 80, 0, 0, 2, new Rng(0)), 128, 9);
        assertEquals((720L + 6400) * 128, r.layer("cell").denseMacs());
        assertEquals(160, r.layer("fc").denseMacs());
        assertEquals(7444, r.totalParameters());
    }

    @Test void wrongShapesAndUnknownModulesFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> FlopCounter.count(new LeNet5(new Rng(0)), 3, 28, 28));
        assertTrue(e.getMessage().contains("conv1"), e.getMessage());
        Module odd = new Module() {
            @Override public org.prune4j.core.tensor.Tensor forward(org.prune4j.core.tensor.Tensor x) { return x; }
        };
        var u = assertThrows(UnsupportedModuleException.class, () -> FlopCounter.count(odd, 3));
        assertTrue(u.getMessage().contains("not supported") && u.getMessage().contains("Sequential"), u.getMessage());
        assertEquals(0, FlopCounter.count(new org.prune4j.nn.layers.Sequential(new Dropout(0.5f, 1), new Conv2d(1, 2, 1, 1, 0, false, new Rng(0))), 1, 4, 4).layers().get(0).denseMacs() - 2 * 16);
    }
}
