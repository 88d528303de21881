package org.prune4j.nn.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.Sequential;
import org.prune4j.nn.models.FastGRNN;

class OneShotPrunersTest {
    private static final double K = 0.8;

    private static long expectedKept(List<PrunableLayer> ls, double k) { return PrunableWeights.keepCount(PrunableWeights.total(ls), k); }

    private static void assertGlobalExact(Module m, PruneReport r, double k) {
        assertEquals(expectedKept(PrunableWeights.of(m), k), r.totalNnz(), "global methods keep exactly N − round(κN)");
        for (PrunableLayer l : PrunableWeights.of(m)) {
            assertEquals(l.parameter().mask().nnz(), l.parameter().countNonzero(), l.name() + ": pruned weights are zero, kept ones are not");
        }
    }

    private static void assertPerLayerExact(PruneReport r, double k) {
        for (LayerSparsity l : r.layers()) assertEquals(PrunableWeights.keepCount(l.size(), k), l.nnz(), 1, l.name());
    }

    @Test void globalMagnitudeHitsSparsityWithOneThreshold() {
        Module m = TinyNets.convNet(1, 4, 1);
        PruneReport r = ((OneShotPruner) PruningMethods.create("global-mp", PruneOptions.ofSparsity(K))).prune(m, null);
        assertGlobalExact(m, r, K);
        // One threshold: the smallest kept magnitude is >= the largest pruned one (its original value).
        float minKept = Float.MAX_VALUE;
        for (PrunableLayer l : PrunableWeights.of(m)) for (float v : l.parameter().data()) if (v != 0f) minKept = Math.min(minKept, Math.abs(v));
        Module fresh = TinyNets.convNet(1, 4, 1);
        var orig = fresh.namedParameters();
        for (PrunableLayer l : PrunableWeights.of(m)) {
            float[] o = orig.get(l.name()).data();
            float[] mk = l.parameter().mask().data();
            for (int i = 0; i < o.length; i++) if (mk[i] == 0f) assertTrue(Math.abs(o[i]) <= minKept, l.name() + "[" + i + "] pruned above the threshold");
        }
    }

    @Test void layerwiseAndRandomHitTheirSparsity() {
        Module a = TinyNets.convNet(1, 4, 2);
        assertPerLayerExact(((OneShotPruner) PruningMethods.create("layerwise-mp", PruneOptions.ofSparsity(K))).prune(a, null), K);
        Module b = TinyNets.convNet(1, 4, 2);
        assertPerLayerExact(((OneShotPruner) PruningMethods.create("random-layerwise", PruneOptions.ofSparsity(K).withSeed(3))).prune(b, null), K);
        Module c = TinyNets.convNet(1, 4, 2);
        assertGlobalExact(c, ((OneShotPruner) PruningMethods.create("random", PruneOptions.ofSparsity(K).withSeed(3))).prune(c, null), K);
        // Same seed, same masks; another seed, other masks.
        Module d = TinyNets.convNet(1, 4, 2), e = TinyNets.convNet(1, 4, 2);
        new RandomPruner(K, false, 3).prune(d, null);
        new RandomPruner(K, false, 4).prune(e, null);
        assertEquals(maskString(c), maskString(d));
        assertFalse(maskString(c).equals(maskString(e)));
    }

    private static String maskString(Module m) {
        StringBuilder sb = new StringBuilder();
        for (var mk : m.namedMasks().values()) for (float v : mk.data()) sb.append(v != 0f ? '1' : '0');
        return sb.toString();
    }

    @Test void minimumThresholdPreventsCollapseAndStillReachesKappa() {
        Rng rng = new Rng(5);
        Sequential m = new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 64, rng), new ReLU(), new Linear(64, 4, rng));
        // Make the middle layer's weights tiny: one global threshold then removes all of them.
        for (int i = 0; i < 64 * 64; i++) ((Linear) m.get(2)).weight().data()[i] *= 1e-4f;
        double kappa = 0.6;
        Sequential plain = copy(m);
        PruneReport collapsed = new GlobalMagnitudePruner(kappa).prune(plain, null);
        assertEquals(0, collapsed.layer("2.weight").nnz());
        assertTrue(collapsed.collapsed(), "an emptied layer is flagged");
        assertTrue(collapsed.toTable().contains("WARNING"), collapsed.toTable());

        double sigmaFraction = 0.01; // σ = ⌈0.01·8448⌉ = 85 weights per layer
        PruneReport r = new GlobalMagnitudePruner(kappa, sigmaFraction).prune(m, null);
        long sigma = GlobalMagnitudePruner.sigmaWeights(PrunableWeights.of(m), sigmaFraction);
        for (LayerSparsity l : r.layers()) assertTrue(l.nnz() >= Math.min(sigma, l.size()), l.name() + " keeps " + l.nnz() + " < σ = " + sigma);
        assertEquals(expectedKept(PrunableWeights.of(m), kappa), r.totalNnz(), r.layers().size(), "MT still reaches κ (±1 per layer)");
        assertFalse(r.collapsed(), r.toTable());
    }

    private static Sequential copy(Sequential m) {
        Rng rng = new Rng(0);
        Sequential c = new Sequential(new Linear(64, 64, rng), new ReLU(), new Linear(64, 64, rng), new ReLU(), new Linear(64, 4, rng));
        c.loadStateDict(m.stateDict());
        return c;
    }

    @Test void snipIterativeSnipAndForceHitSparsity() {
        TinyImages data = new TinyImages(64, 1, 8, 4, 16, 7);
        for (String name : List.of("snip", "iterative-snip", "force")) {
            Module m = TinyNets.convNet(1, 4, 3);
            PruneReport r = ((OneShotPruner) PruningMethods.create(name, PruneOptions.ofSparsity(0.9).withSteps(4).withBatchesPerStep(2))).prune(m, new PruneData(data));
            assertEquals(expectedKept(PrunableWeights.of(m), 0.9), r.totalNnz(), name);
            for (PrunableLayer l : PrunableWeights.of(m)) assertFalse(l.parameter().denseGradient(), name + " restores the gradient mode");
        }
        assertThrows(IllegalArgumentException.class, () -> ((OneShotPruner) PruningMethods.create("snip", PruneOptions.defaults())).prune(TinyNets.convNet(1, 4, 3), null));
    }

    @Test void scoringLeavesBatchNormStatisticsAlone() {
        Module m = TinyNets.convNet(1, 4, 3);
        String before = m.namedBuffers().toString() + java.util.Arrays.toString(m.namedBuffers().get("1.running_mean").data());
        ProgressiveSkeletonization.snip(0.5, 1).prune(m, new PruneData(new TinyImages(16, 1, 8, 4, 8, 1)));
        assertEquals(before, m.namedBuffers().toString() + java.util.Arrays.toString(m.namedBuffers().get("1.running_mean").data()));
    }

    /** For each step, the set of kept weight indices over all layers. */
    private static List<boolean[]> recordSteps(ProgressiveSkeletonization p, Module m, TinyImages data) {
        List<boolean[]> steps = new ArrayList<>();
        p.observe((i, layers) -> {
            boolean[] kept = new boolean[(int) PrunableWeights.total(layers)];
            int off = 0;
            for (PrunableLayer l : layers) {
                float[] mk = l.parameter().mask().data();
                for (int j = 0; j < mk.length; j++) kept[off + j] = mk[j] != 0f;
                off += mk.length;
            }
            steps.add(kept);
        }).prune(m, new PruneData(data));
        return steps;
    }

    private static int revived(List<boolean[]> steps) {
        int revived = 0;
        for (int s = 1; s < steps.size(); s++) {
            for (int i = 0; i < steps.get(s).length; i++) {
                boolean prunedBefore = false;
                for (int t = 0; t < s; t++) prunedBefore |= !steps.get(t)[i];
                if (prunedBefore && steps.get(s)[i]) revived++;
            }
        }
        return revived;
    }

    @Test void forceCanReviveWeightsAndIterativeSnipCannot() {
        TinyImages data = new TinyImages(64, 1, 8, 4, 8, 11);
        Module fm = TinyNets.convNet(1, 4, 9);
        var theta = new java.util.LinkedHashMap<String, float[]>();
        for (PrunableLayer l : PrunableWeights.of(fm)) theta.put(l.name(), l.parameter().data().clone());
        List<boolean[]> force = recordSteps(new ProgressiveSkeletonization(ProgressiveSkeletonization.Variant.FORCE, 0.95, 6, 1), fm, data);
        assertEquals(6, force.size());
        assertTrue(revived(force) > 0, "FORCE brought back at least one weight pruned at an earlier step");
        for (PrunableLayer l : PrunableWeights.of(fm)) {
            float[] t = theta.get(l.name()), w = l.parameter().data(), mk = l.parameter().mask().data();
            for (int i = 0; i < w.length; i++) assertEquals(t[i] * mk[i], w[i], 0f, l.name() + ": FORCE leaves θ⊙m, revived weights at their init");
        }
        Module sm = TinyNets.convNet(1, 4, 9);
        List<boolean[]> isnip = recordSteps(new ProgressiveSkeletonization(ProgressiveSkeletonization.Variant.ITERATIVE_SNIP, 0.95, 6, 1), sm, data);
        assertEquals(0, revived(isnip), "Iterative SNIP never revives a pruned weight");
    }

    @Test void columnPruningDropsWholeColumnsOfTheLowRankFactors() {
        FastGRNN m = new FastGRNN(9, 16, 6, 8, 2, new Rng(1));
        PruneReport r = ((OneShotPruner) PruningMethods.create("fastgrnn-columns", PruneOptions.ofSparsity(0.5))).prune(m, null);
        for (String name : List.of("cell.W1", "cell.W2", "cell.U1", "cell.U2")) {
            var p = m.namedParameters().get(name);
            int rows = p.shape().dim(0), cols = p.shape().dim(1);
            int zeroCols = 0;
            for (int c = 0; c < cols; c++) {
                boolean allZero = true, anyZero = false;
                for (int row = 0; row < rows; row++) {
                    boolean z = p.mask().data()[row * cols + c] == 0f;
                    allZero &= z;
                    anyZero |= z;
                }
                assertEquals(allZero, anyZero, name + " column " + c + " is pruned whole or not at all");
                if (allZero) zeroCols++;
            }
            assertEquals(cols - PrunableWeights.keepCount(cols, 0.5), zeroCols, name);
        }
        assertEquals(0.0, r.layer("fc.weight").sparsity());
        assertThrows(IllegalArgumentException.class, () -> new ColumnPruner(0.5).prune(TinyNets.convNet(1, 2, 1), null));
    }

    @Test void registryAndOptionsFailClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> PruningMethods.create("magnitude", PruneOptions.defaults()));
        assertTrue(e.getMessage().contains("global-mp") && e.getMessage().contains("force"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PruneOptions.ofSparsity(1.0)).getMessage().contains("[0, 1)"));
        assertThrows(IllegalArgumentException.class, () -> PruneOptions.ofSparsity(-0.1));
        assertThrows(IllegalArgumentException.class, () -> PruneOptions.ofSparsity(Double.NaN));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PruneOptions.defaults().withSteps(0)).getMessage().contains("steps"));
        assertThrows(IllegalArgumentException.class, () -> PruneOptions.defaults().withGradientRate(0));
        assertThrows(IllegalArgumentException.class, () -> PruneOptions.defaults().withInitialDensity(1.5));
        assertThrows(IllegalArgumentException.class, () -> PruneOptions.defaults().withKeepRatios(0.5, 0));
        for (String n : PruningMethods.names()) assertEquals(n, PruningMethods.create(" " + n.toUpperCase(), PruneOptions.defaults()).name());
    }
}
