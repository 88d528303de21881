package org.prune4j.nn.prune;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Sequential;

class LayerCollapseTest {

    private static void keepOnly(Conv2d c, java.util.function.IntPredicate keepIndex) {
        float[] keep = new float[c.weight().size()];
        for (int i = 0; i < keep.length; i++) keep[i] = keepIndex.test(i) ? 1f : 0f;
        new PrunableLayer("w", c.weight()).setKeep(keep);
    }

    @Test void aCutPathIsReportedWhereItBreaks() {
        Sequential m = TinyNets.convNet(1, 4, 1);
        assertFalse(PruneReport.of(m).collapsed(), "a dense network is intact");
        Conv2d conv1 = (Conv2d) m.get(0), conv2 = (Conv2d) m.get(4);
        // conv1 loses filter 0 entirely; conv2 keeps only weights reading channel 0.
        keepOnly(conv1, i -> i / 9 != 0);
        keepOnly(conv2, i -> (i / 9) % 8 == 0);
        PruneReport r = PruneReport.of(m);
        assertTrue(r.collapsed(), r.toTable());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("path cut at 4.weight")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("output no longer depends")), r.warnings().toString());
    }

    @Test void anEmptyLayerIsReported() {
        Sequential m = TinyNets.convNet(1, 4, 1);
        keepOnly((Conv2d) m.get(0), i -> false);
        PruneReport r = PruneReport.of(m);
        assertTrue(r.warnings().get(0).contains("0.weight has no weights left"), r.warnings().toString());
        assertTrue(r.collapsed());
    }

    @Test void residualShortcutsKeepThePathAlive() {
        var m = org.prune4j.nn.models.ModelZoo.create("resnet20", org.prune4j.nn.models.ModelConfig.defaults());
        // Emptying one block's branch is survivable: its identity shortcut still carries the signal.
        for (var e : m.namedModules().entrySet()) {
            if (e.getKey().equals("layer1.1.conv1")) keepOnly((Conv2d) e.getValue(), i -> false);
        }
        PruneReport r = PruneReport.of(m);
        assertTrue(r.warnings().size() == 1 && r.warnings().get(0).contains("layer1.1.conv1.weight has no weights"), r.warnings().toString());
    }
}
