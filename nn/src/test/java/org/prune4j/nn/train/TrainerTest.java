package org.prune4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.layers.Dropout;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.Sequential;
import org.prune4j.nn.models.Mlp;
import org.prune4j.nn.models.ResNetCifar;
import org.prune4j.nn.optim.LrScheduler;
import org.prune4j.nn.optim.MultiStepLr;
import org.prune4j.nn.optim.SGD;

class TrainerTest {

    @Test void mlpLearnsSeparableProblem() {
        SyntheticBlobs data = new SyntheticBlobs(96, 4, 3, 16, 5);
        Mlp mlp = new Mlp(new Rng(1), 4, 16, 3);
        SGD sgd = new SGD(mlp.parameters(), 0.05f, 0.9f, 0f, false);
        double before = Trainer.evaluate(mlp, data).loss();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer trainer = Trainer.builder(mlp, sgd).epochs(15).seed(3).evalSource(data)
                .progress(new ProgressBar(new PrintStream(log, true, StandardCharsets.UTF_8), false)).build();
        List<EpochMetrics> history = trainer.fit(data);
        double after = history.get(history.size() - 1).eval().loss();
        assertTrue(after < before / 10, "loss went from " + before + " to " + after);
        assertEquals(1.0, history.get(history.size() - 1).eval().accuracy());
        assertEquals(15L * 6, trainer.globalStep());
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch 15/15 batch 6/6 loss"), text);
        assertTrue(text.contains("img/s ETA"), text);
    }

    @Test void nanLossStopsWithEpochAndStep() {
        SyntheticBlobs data = new SyntheticBlobs(32, 4, 2, 8, 1);
        BatchSource poisoned = new BatchSource() {
            @Override public Iterator<Batch> epoch(int epoch) {
                List<Batch> bs = new ArrayList<>();
                data.epoch(epoch).forEachRemaining(bs::add);
                if (epoch == 1) bs.get(2).x().data()[0] = Float.NaN;
                return bs.iterator();
            }

            @Override public int batchesPerEpoch() { return data.batchesPerEpoch(); }
        };
        // No hidden ReLU: the engine's relu maps NaN to 0, which would hide the poison.
        Mlp mlp = new Mlp(new Rng(1), 4, 2);
        Trainer t = Trainer.builder(mlp, new SGD(mlp.parameters(), 0.01f)).epochs(3).progress(null).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.fit(poisoned));
        assertEquals(1, e.epoch());
        assertEquals(6, e.step());
        assertTrue(e.getMessage().contains("loss is NaN at epoch 2/3 (index 1), batch 3/4, global step 6"), e.getMessage());
    }

    private static float[] trainWithDropout(long seed) {
        SyntheticBlobs data = new SyntheticBlobs(32, 4, 2, 8, 1);
        Rng rng = new Rng(11);
        Sequential net = new Sequential(new Linear(4, 16, rng), new ReLU(), new Dropout(0.3f, 0), new Linear(16, 2, rng));
        Trainer.builder(net, new SGD(net.parameters(), 0.1f, 0.9f, 1e-4f, true)).epochs(3).seed(seed).progress(null).build().fit(data);
        Parameter w = net.namedParameters().get("0.weight");
        return w.data().clone();
    }

    /** Two epochs of a small CIFAR ResNet (convolutions, batch norm, residual sums) on the same seed. */
    private static List<float[]> trainResNet(boolean stepArena, List<EpochMetrics> history) {
        SyntheticBlobs blobs = new SyntheticBlobs(24, 3 * 8 * 8, 3, 8, 2);
        BatchSource images = new BatchSource() {
            @Override public Iterator<Batch> epoch(int epoch) {
                List<Batch> out = new ArrayList<>();
                blobs.epoch(epoch).forEachRemaining(b -> out.add(new Batch(b.x().reshape(b.size(), 3, 8, 8), b.labels())));
                return out.iterator();
            }

            @Override public int batchesPerEpoch() { return blobs.batchesPerEpoch(); }
        };
        ResNetCifar net = new ResNetCifar(8, 3, 3, new Rng(5));
        Trainer trainer = Trainer.builder(net, new SGD(net.parameters(), 0.05f, 0.9f, 5e-4f, false)).epochs(2).seed(1)
                .stepArena(stepArena).progress(null).build();
        history.addAll(trainer.fit(images));
        if (stepArena) assertTrue(trainer.stepArena().reusedArrays() > 0, "the steps reused arrays");
        else assertEquals(null, trainer.stepArena());
        List<float[]> state = new ArrayList<>();
        for (Parameter p : net.parameters()) state.add(p.data().clone());
        net.namedBuffers().values().forEach(t -> state.add(t.data().clone()));
        return state;
    }

    @Test void stepArenaChangesNoBits() {
        List<EpochMetrics> plainHistory = new ArrayList<>(), arenaHistory = new ArrayList<>();
        List<float[]> plain = trainResNet(false, plainHistory), arena = trainResNet(true, arenaHistory);
        assertEquals(plain.size(), arena.size());
        for (int i = 0; i < plain.size(); i++) assertArrayEquals(plain.get(i), arena.get(i), "parameter or buffer " + i);
        for (int e = 0; e < 2; e++) {
            assertEquals(plainHistory.get(e).trainLoss(), arenaHistory.get(e).trainLoss());
            assertEquals(plainHistory.get(e).trainAccuracy(), arenaHistory.get(e).trainAccuracy());
        }
    }

    @Test void sameSeedSameBits() {
        assertArrayEquals(trainWithDropout(4), trainWithDropout(4));
        assertTrue(!java.util.Arrays.equals(trainWithDropout(4), trainWithDropout(5)), "the seed must drive dropout");
    }

    @Test void callbacksSeeEveryEventInOrderAndScheduleApplies() {
        SyntheticBlobs data = new SyntheticBlobs(24, 4, 2, 8, 1);
        Mlp mlp = new Mlp(new Rng(1), 4, 2);
        SGD sgd = new SGD(mlp.parameters(), 1f);
        List<String> events = new ArrayList<>();
        List<Float> lrs = new ArrayList<>();
        TrainerCallback cb = new TrainerCallback() {
            @Override public void onTrainStart(Trainer t) { events.add("start"); }
            @Override public void onEpochStart(int e) { events.add("epoch" + e); }
            @Override public void onBatchEnd(long step, Batch b, float loss) {
                events.add("b" + step);
                lrs.add(sgd.lr());
                assertTrue(mlp.parameters().get(0).gradArray() != null, "gradients are kept for callbacks");
            }
            @Override public void onEpochEnd(int e, EpochMetrics m) { events.add("end" + e); }
            @Override public void onTrainEnd(Trainer t) { events.add("done"); }
        };
        Trainer.builder(mlp, sgd).epochs(2).progress(null).callback(cb)
                .scheduler(new LrScheduler(new MultiStepLr(0.1f, new long[] {2, 4}, 0.1f), LrScheduler.Pace.ITERATION)).build().fit(data);
        assertEquals(List.of("start", "epoch0", "b0", "b1", "b2", "end0", "epoch1", "b3", "b4", "b5", "end1", "done"), events);
        assertEquals(List.of(0.1f, 0.1f, 0.010000001f, 0.010000001f, 0.0010000001f, 0.0010000001f), lrs);
    }

    @Test void wrongModelOutputIsReported() {
        SyntheticBlobs data = new SyntheticBlobs(8, 4, 2, 8, 1);
        Module bad = new Module() {
            final Linear l = registerModule("l", new Linear(4, 2, new Rng(0)));
            @Override public Tensor forward(Tensor x) { return l.forward(x).reshape(-1); }
        };
        var e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder(bad, new SGD(bad.parameters(), 0.1f)).progress(null).build().fit(data));
        assertTrue(e.getMessage().contains("logits [8, classes]"), e.getMessage());
    }
}
