package org.prune4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.layers.BatchNorm1d;
import org.prune4j.nn.layers.Dropout;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.Sequential;
import org.prune4j.nn.optim.CosineWarmupLr;
import org.prune4j.nn.optim.LrScheduler;
import org.prune4j.nn.optim.SGD;

/** Two epochs straight must equal one epoch, a checkpoint, a fresh process-like restart, and one more epoch. */
class ResumeTest {
    @TempDir Path dir;

    private static final SyntheticBlobs DATA = new SyntheticBlobs(48, 4, 3, 8, 9);

    private static Sequential model(long initSeed) {
        Rng rng = new Rng(initSeed);
        return new Sequential(new Linear(4, 16, rng), new BatchNorm1d(16), new ReLU(), new Dropout(0.25f, 0), new Linear(16, 3, rng));
    }

    /** Prunes half of the last layer by magnitude after the first epoch, as a pruning schedule would. */
    private static TrainerCallback pruneAfterFirstEpoch(Sequential net) {
        return new TrainerCallback() {
            @Override public void onEpochEnd(int epoch, EpochMetrics m) {
                if (epoch != 0) return;
                Parameter w = net.namedParameters().get("4.weight");
                float[] abs = w.data().clone();
                for (int i = 0; i < abs.length; i++) abs[i] = Math.abs(abs[i]);
                float[] sorted = abs.clone();
                java.util.Arrays.sort(sorted);
                w.setMask(Mask.fromThreshold(w.shape(), w.data(), sorted[sorted.length / 2]));
            }
        };
    }

    private static Trainer trainer(Sequential net, int epochs, Path ckptDir) {
        SGD sgd = new SGD(net.parameters(), 0.1f, 0.9f, 5e-4f, true);
        return Trainer.builder(net, sgd).epochs(epochs).seed(77).labelSmoothing(0.1f).progress(null).checkpointDir(ckptDir)
                .scheduler(new LrScheduler(new CosineWarmupLr(0.1f, 0f, 3, 12), LrScheduler.Pace.ITERATION))
                .callback(pruneAfterFirstEpoch(net)).build();
    }

    @Test void resumedRunMatchesUninterruptedRunBitForBit() throws IOException {
        Path straight = dir.resolve("straight"), split = dir.resolve("split");
        Sequential a = model(1);
        trainer(a, 2, straight).fit(DATA);

        Sequential b1 = model(1);
        trainer(b1, 1, split).fit(DATA);
        Sequential b2 = model(12345); // different init: everything must come from the checkpoint
        Trainer t2 = trainer(b2, 2, split).resume(split.resolve(Trainer.checkpointName(1)));
        assertEquals(1, t2.nextEpoch());
        assertEquals(6, t2.globalStep());
        t2.fit(DATA);

        Map<String, Tensor> sa = a.stateDict(), sb = b2.stateDict();
        assertEquals(sa.keySet(), sb.keySet());
        for (String k : sa.keySet()) assertArrayEquals(sa.get(k).data(), sb.get(k).data(), k);
        assertEquals(a.namedMasks().keySet(), b2.namedMasks().keySet());
        assertEquals(0.5, b2.namedMasks().get("4.weight").density(), 0.05);
        // The final checkpoints (model, masks, optimizer state, counters) are identical files.
        assertArrayEquals(Files.readAllBytes(straight.resolve(Trainer.checkpointName(2))), Files.readAllBytes(split.resolve(Trainer.checkpointName(2))));
    }

    @Test void resumeRejectsAnotherSeedAndAMismatchedModel() throws IOException {
        Sequential net = model(1);
        trainer(net, 1, dir).fit(DATA);
        Path ckpt = dir.resolve(Trainer.checkpointName(1));
        Sequential other = model(1);
        Trainer wrongSeed = Trainer.builder(other, new SGD(other.parameters(), 0.1f, 0.9f, 5e-4f, true)).seed(1).progress(null).build();
        var e = assertThrows(IllegalStateException.class, () -> wrongSeed.resume(ckpt));
        assertTrue(e.getMessage().contains("seed 77") && e.getMessage().contains("seed 1"), e.getMessage());

        Rng rng = new Rng(0);
        Sequential wider = new Sequential(new Linear(4, 8, rng), new BatchNorm1d(8), new ReLU(), new Dropout(0.25f, 0), new Linear(8, 3, rng));
        Trainer t = Trainer.builder(wider, new SGD(wider.parameters(), 0.1f, 0.9f, 5e-4f, true)).seed(77).progress(null).build();
        var e2 = assertThrows(java.io.UncheckedIOException.class, () -> t.resume(ckpt));
        assertTrue(e2.getMessage().contains("4.weight.mask: mask [3, 16], parameter [3, 8]"), e2.getMessage());
        wider.namedParameters().values().forEach(Parameter::clearMask);
        // Without the mask in the way, the state dict's own shape check speaks.
        Map<String, Tensor> sd = org.prune4j.nn.io.SafeTensors.read(ckpt).tensors().entrySet().stream()
                .filter(x -> !x.getKey().endsWith(".mask") && !x.getKey().startsWith("optimizer."))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, x -> x.getValue().toTensor()));
        var e3 = assertThrows(org.prune4j.nn.StateDictException.class, () -> wider.loadStateDict(sd, true));
        assertTrue(e3.getMessage().contains("0.weight: checkpoint has [16, 4], model has [8, 4]"), e3.getMessage());
    }
}
