package org.prune4j.nn.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.core.ops.Ops;
import org.prune4j.nn.Module;
import org.prune4j.nn.optim.SGD;
import org.prune4j.nn.train.Trainer;

class GradualPrunersTest {

    private static PruneReport train(Module m, PruningMethod method, TinyImages data, int epochs) {
        Module model = method.prepare(m, null);
        long total = (long) epochs * data.batchesPerEpoch();
        var cb = method.trainingCallback(model, total);
        Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.05f, 0.9f, 5e-4f, true)).epochs(epochs).callback(cb).progress(null).build();
        t.fit(data);
        return PruneReport.of(model);
    }

    @Test void fggpStepPrunesOnlyGradientCandidates() {
        // Weights 0..7 are tiny (magnitude alone would prune them) but have large gradients;
        // weights 8..15 are large with tiny gradients, so they are the gradient candidates.
        float[] w = new float[16], g = new float[16], keep = new float[16];
        for (int i = 0; i < 16; i++) {
            keep[i] = 1f;
            w[i] = i < 8 ? 0.01f * (i + 1) : 1f + i;
            g[i] = i < 8 ? 5f : 0.001f * i;
        }
        keep[3] = 0f; // already pruned: neither candidate nor prunable again
        FggpPruner.Step s = FggpPruner.step(w, g, keep, 4, 0.5);
        int candidates = 0, pruned = 0;
        for (int i = 0; i < 16; i++) {
            if (s.candidates()[i]) candidates++;
            if (keep[i] != 0f && s.keep()[i] == 0f) {
                pruned++;
                assertTrue(s.candidates()[i], "weight " + i + " pruned outside the gradient candidates");
            }
        }
        assertEquals(7, candidates, "r·|remain| = floor(0.5·15)");
        assertEquals(4, pruned);
        assertEquals(0f, s.keep()[3]);
        for (int i = 8; i < 12; i++) assertEquals(0f, s.keep()[i], "the smallest magnitudes among the candidates: " + i);
        // A jump larger than r·|remain| widens the candidates (by gradient order) to meet the schedule.
        FggpPruner.Step big = FggpPruner.step(w, g, keep, 10, 0.5);
        int pruned2 = 0;
        for (int i = 0; i < 16; i++) if (keep[i] != 0f && big.keep()[i] == 0f) pruned2++;
        assertEquals(10, pruned2);
    }

    @Test void fggpDuringTrainingReachesTheTargetAndLeavesTheFirstConvDense() {
        TinyImages data = new TinyImages(96, 1, 8, 4, 16, 3);
        Module m = TinyNets.convNet(1, 4, 4);
        PruningMethod fggp = PruningMethods.create("fggp", PruneOptions.ofSparsity(0.9).withFrequency(2));
        PruneReport r = train(m, fggp, data, 3);
        assertEquals(0.0, r.layer("0.weight").sparsity(), "FGGP leaves the first conv dense by default");
        List<PrunableLayer> pruned = PrunableWeights.of(m, false);
        assertEquals(PrunableWeights.keepCount(PrunableWeights.total(pruned), 0.9), PrunableWeights.kept(pruned), "exact final sparsity over the pruned layers");
        // Sparse start: d_i = 0.5 reached at the first step.
        Module s = TinyNets.convNet(1, 4, 4);
        var cb = ((GradualPruner) PruningMethods.create("fggp", PruneOptions.ofSparsity(0.9).withInitialDensity(0.5).withFrequency(2))).trainingCallback(s, 100);
        assertEquals(0.5, cb.schedule().sparsityAt(0), 1e-12);
        assertEquals(0.9, cb.schedule().sparsityAt(80), 1e-12);
    }

    @Test void gradualMagnitudeFollowsTheCubicSchedule() {
        TinyImages data = new TinyImages(96, 1, 8, 4, 16, 5);
        Module m = TinyNets.convNet(1, 4, 6);
        GradualPruner method = (GradualPruner) PruningMethods.create("gradual-mp", PruneOptions.ofSparsity(0.85).withFrequency(3));
        PruneReport r = train(m, method, data, 3);
        assertEquals(PrunableWeights.keepCount(r.totalSize(), 0.85), r.totalNnz());
        assertTrue(r.layer("0.weight").sparsity() > 0, "gradual-mp prunes the first conv too");
    }

    @Test void granetRegrowsPrunedWeightsByGradientAtConstantSparsity() {
        TinyImages data = new TinyImages(32, 1, 8, 4, 16, 5);
        Module m = TinyNets.convNet(1, 4, 7);
        new GlobalMagnitudePruner(0.5).prune(m, null);
        List<PrunableLayer> layers = PrunableWeights.of(m);
        float[][] before = new float[layers.size()][];
        for (int l = 0; l < layers.size(); l++) before[l] = layers.get(l).keep();
        GraNetPruner granet = new GraNetPruner(0.0, 0.5, 10, 0.8, true, 0.5);
        var cb = granet.trainingCallback(m, 100);
        cb.onTrainStart(null);
        for (PrunableLayer l : layers) assertTrue(l.parameter().denseGradient());
        m.zeroGrad();
        var b = data.epoch(0).next();
        Ops.crossEntropy(m.forward(b.x()), b.labels()).backward();
        cb.onBatchEnd(10, b, 0f); // ρ(10) = 0.5·½(1 + cos(π·10/80)) ≈ 0.49
        int regrown = 0;
        for (int l = 0; l < layers.size(); l++) {
            float[] after = layers.get(l).keep();
            for (int i = 0; i < after.length; i++) {
                if (before[l][i] == 0f && after[i] != 0f) {
                    regrown++;
                    assertEquals(0f, layers.get(l).parameter().data()[i], "a regrown weight starts at zero");
                }
            }
        }
        assertTrue(regrown > 0, "prune-and-regrow brought weights back");
        assertTrue(cb.schedule().sparsityAt(10) < 0.5, "the schedule is behind the model, so only prune-and-regrow acts");
        assertEquals(PrunableWeights.keepCount(PrunableWeights.total(layers), 0.5), PrunableWeights.kept(layers), "regrowth leaves the mask's sparsity unchanged");
        cb.onTrainEnd(null);
        for (PrunableLayer l : layers) assertTrue(!l.parameter().denseGradient());
        assertEquals(0.0, granet.regrowFractionAt(80, cb.schedule()));
        assertEquals(0.5, granet.regrowFractionAt(0, cb.schedule()), 1e-12);
    }

    @Test void granetDuringTrainingEndsAtTheTarget() {
        TinyImages data = new TinyImages(96, 1, 8, 4, 16, 8);
        Module m = TinyNets.convNet(1, 4, 8);
        PruneReport r = train(m, PruningMethods.create("granet", PruneOptions.ofSparsity(0.8).withFrequency(2)), data, 2);
        assertEquals(PrunableWeights.keepCount(r.totalSize(), 0.8), r.totalNnz());
    }

    @Test void scheduleDefaultsEndAtEightyPercent() {
        GradualPruner p = (GradualPruner) PruningMethods.create("gradual-mp", PruneOptions.ofSparsity(0.9).withFrequency(10));
        assertEquals(800, p.schedule(1000).endStep());
        assertArrayEquals(new double[] {0.0, 0.9}, new double[] {p.schedule(1000).sparsityAt(0), p.schedule(1000).sparsityAt(900)}, 1e-12);
    }
}
