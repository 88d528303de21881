package org.prune4j.nn.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.StepArena;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Stochastic;
import org.prune4j.nn.io.Checkpoint;
import org.prune4j.nn.optim.LrScheduler;
import org.prune4j.nn.optim.Optimizer;

/**
 * The supervised training loop: for each batch, set the scheduled learning rate, clear
 * gradients, forward, cross-entropy with label smoothing, backward, optimizer step,
 * callbacks; after each epoch, evaluation and callbacks. It stops with a
 * {@link TrainingDivergedException} at the first NaN/Inf loss.
 *
 * <p>Runs are deterministic for a given seed and thread count: the batch order comes
 * from {@link BatchSource#epoch(int)} and every {@link Stochastic} module is reseeded at
 * the start of each epoch from (seed, epoch, module index). With a checkpoint directory,
 * the model, masks, optimizer state, epoch, step and seed are saved after every epoch
 * (after the epoch-end callbacks, so pruning done there is captured), and
 * {@link #resume(Path)} continues a run so that it matches an uninterrupted one bit for bit.
 *
 * <p>Each step runs in a {@link StepArena} step (unless {@link Builder#stepArena} turns it off): the activations
 * it computes take the previous step's arrays instead of new ones the JVM would zero first, and are released when
 * the step ends, before the callbacks run; a callback that needs activations computes its own.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final LrScheduler scheduler;
    private final int epochs;
    private final float labelSmoothing;
    private final BatchSource evalSource;
    private final long seed;
    private final ProgressBar progress;
    private final List<TrainerCallback> callbacks;
    private final Path checkpointDir;
    /** Keeps one step's activation arrays for the next (null when the builder turned it off). */
    private final StepArena arena;
    private int nextEpoch;
    private long globalStep;

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.scheduler = b.scheduler;
        this.epochs = b.epochs;
        this.labelSmoothing = b.labelSmoothing;
        this.evalSource = b.evalSource;
        this.seed = b.seed;
        this.progress = b.progress;
        this.callbacks = List.copyOf(b.callbacks);
        this.checkpointDir = b.checkpointDir;
        this.arena = b.stepArena ? new StepArena() : null;
    }

    public static Builder builder(Module model, Optimizer optimizer) { return new Builder(model, optimizer); }

    /** The arena the steps run in, or null when the builder turned it off (for tests). */
    StepArena stepArena() { return arena; }

    /** Trains from the next epoch (0 for a fresh trainer) up to the configured number of epochs. */
    public List<EpochMetrics> fit(BatchSource train) {
        if (train == null) throw new IllegalArgumentException("Trainer.fit: training source must not be null");
        List<EpochMetrics> history = new ArrayList<>();
        for (TrainerCallback c : callbacks) c.onTrainStart(this);
        while (nextEpoch < epochs) {
            EpochMetrics m = trainEpoch(train, nextEpoch);
            history.add(m);
            nextEpoch++;
            for (TrainerCallback c : callbacks) c.onEpochEnd(m.epoch(), m);
            if (checkpointDir != null) saveCheckpoint(checkpointDir.resolve(checkpointName(nextEpoch)));
        }
        for (TrainerCallback c : callbacks) c.onTrainEnd(this);
        return history;
    }

    private EpochMetrics trainEpoch(BatchSource train, int epoch) {
        reseedStochasticModules(epoch);
        model.train();
        for (TrainerCallback c : callbacks) c.onEpochStart(epoch);
        int planned = train.batchesPerEpoch();
        Device device = model.device();
        Iterator<Batch> it = train.epoch(epoch);
        if (it == null) throw new IllegalStateException("BatchSource.epoch(" + epoch + ") returned null");
        double lossSum = 0;
        long correct = 0, samples = 0;
        int batch = 0;
        float lr = optimizer.lr();
        long start = System.nanoTime();
        while (it.hasNext()) {
            Batch b = it.next();
            if (b == null) throw new IllegalStateException("BatchSource yielded a null batch at epoch " + epoch + ", batch " + batch);
            if (scheduler != null) lr = scheduler.apply(optimizer, epoch, globalStep);
            float l;
            // The step's activations go back to the arena when it ends; what the loop keeps (loss, hits) is read first.
            try (StepArena.Step step = arena == null ? null : arena.step()) {
                model.zeroGrad();
                Tensor logits = model.forward(b.x().to(device)); // batches come from the host; the model may be on a device
                checkLogits(logits, b);
                Tensor loss = Ops.crossEntropy(logits, b.labels(), labelSmoothing);
                l = loss.item();
                if (!Float.isFinite(l)) throw new TrainingDivergedException(epoch, epochs, batch, Math.max(planned, batch + 1), globalStep, l);
                loss.backward();
                optimizer.step();
                correct += countCorrect(logits, b.labels());
            }
            lossSum += (double) l * b.size();
            samples += b.size();
            for (TrainerCallback c : callbacks) c.onBatchEnd(globalStep, b, l);
            globalStep++;
            if (progress != null) {
                progress.update(epoch, epochs, batch, Math.max(planned, batch + 1), lossSum / samples, (double) correct / samples, samples, System.nanoTime() - start);
            }
            batch++;
        }
        if (batch == 0) throw new IllegalStateException("BatchSource yielded no batches for epoch " + epoch + " (batchesPerEpoch() says " + planned + ")");
        double secs = (System.nanoTime() - start) / 1e9;
        EvalResult eval = evalSource == null ? null : evaluate(model, evalSource, labelSmoothing);
        EpochMetrics m = new EpochMetrics(epoch, lossSum / samples, (double) correct / samples, eval, secs > 0 ? samples / secs : 0, lr, globalStep);
        if (progress != null) progress.message(m.toString());
        return m;
    }

    /** The file name of the checkpoint written after completedEpochs epochs. */
    public static String checkpointName(int completedEpochs) {
        return String.format(Locale.ROOT, "epoch-%04d.safetensors", completedEpochs);
    }

    /** Saves everything needed to continue this run: model, masks, optimizer state, next epoch, global step, seed. */
    public void saveCheckpoint(Path path) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("next_epoch", Integer.toString(nextEpoch));
        meta.put("global_step", Long.toString(globalStep));
        meta.put("seed", Long.toString(seed));
        try {
            Checkpoint.save(path, model, optimizer, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + path + " after epoch " + nextEpoch + ": " + e.getMessage(), e);
        }
    }

    /**
     * Restores a checkpoint written by {@link #saveCheckpoint} (model, masks, optimizer
     * state, epoch and step) so that {@link #fit} continues where that run stopped. The
     * trainer's seed must equal the saved one, or the continuation would not be the same run.
     */
    public Trainer resume(Path path) {
        Map<String, String> meta;
        try {
            meta = Checkpoint.load(path, model, optimizer);
        } catch (IOException e) {
            throw new UncheckedIOException("could not resume: " + e.getMessage(), e);
        }
        long savedSeed = parseLong(meta, "seed", path);
        if (savedSeed != seed) {
            throw new IllegalStateException("checkpoint " + path + " was written by a run with seed " + savedSeed + " but this trainer has seed "
                    + seed + "; use the same seed to resume deterministically");
        }
        int epoch = (int) parseLong(meta, "next_epoch", path);
        if (epoch < 0 || epoch > epochs) {
            throw new IllegalStateException("checkpoint " + path + " resumes at epoch index " + epoch + " but this trainer runs " + epochs + " epochs");
        }
        this.nextEpoch = epoch;
        this.globalStep = parseLong(meta, "global_step", path);
        return this;
    }

    private static long parseLong(Map<String, String> meta, String key, Path path) {
        String v = meta.get(key);
        if (v == null) throw new IllegalStateException("checkpoint " + path + " has no '" + key + "' in its metadata; was it written by Trainer.saveCheckpoint?");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("checkpoint " + path + ": metadata '" + key + "' is not an integer: " + v);
        }
    }

    /**
     * Mean loss and accuracy of model over one pass of source (its epoch 0), in eval mode
     * without gradients; the model's previous mode is restored.
     */
    public static EvalResult evaluate(Module model, BatchSource source, float labelSmoothing) {
        if (model == null || source == null) throw new IllegalArgumentException("Trainer.evaluate: model and source must not be null");
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long correct = 0, samples = 0;
        Device device = model.device();
        StepArena arena = new StepArena(); // each batch's activations take the last batch's arrays
        try (var ng = GradMode.noGrad()) {
            Iterator<Batch> it = source.epoch(0);
            while (it.hasNext()) {
                Batch b = it.next();
                try (StepArena.Step step = arena.step()) {
                    Tensor logits = model.forward(b.x().to(device));
                    checkLogits(logits, b);
                    lossSum += (double) Ops.crossEntropy(logits, b.labels(), labelSmoothing).item() * b.size();
                    correct += countCorrect(logits, b.labels());
                }
                samples += b.size();
            }
        } finally {
            model.train(wasTraining);
        }
        if (samples == 0) throw new IllegalStateException("Trainer.evaluate: the evaluation source yielded no samples");
        return new EvalResult(lossSum / samples, (double) correct / samples, samples);
    }

    public static EvalResult evaluate(Module model, BatchSource source) { return evaluate(model, source, 0f); }

    private static void checkLogits(Tensor logits, Batch b) {
        if (logits.rank() != 2 || logits.dim(0) != b.size()) {
            throw new IllegalStateException("model output must be logits [" + b.size() + ", classes] for a batch of " + b.size() + ", got " + logits.shape());
        }
    }

    /** Top-1 hits; ties go to the lowest class index, as torch.argmax does. */
    static long countCorrect(Tensor logits, int[] labels) {
        int n = logits.dim(0), k = logits.dim(1);
        float[] d = logits.data();
        long hits = 0;
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (d[i * k + j] > d[i * k + best]) best = j;
            if (best == labels[i]) hits++;
        }
        return hits;
    }

    private void reseedStochasticModules(int epoch) {
        long base = mix(seed ^ mix(0x9E3779B97F4A7C15L * (epoch + 1L)));
        long index = 0;
        for (Module m : model.namedModules().values()) {
            if (m instanceof Stochastic s) s.reseed(mix(base + 0xBF58476D1CE4E5B9L * ++index));
        }
    }

    /** SplitMix64's finaliser: spreads nearby seeds into unrelated streams. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public Module model() { return model; }

    public Optimizer optimizer() { return optimizer; }

    public int epochs() { return epochs; }

    public long seed() { return seed; }

    /** The 0-based epoch fit() trains next. */
    public int nextEpoch() { return nextEpoch; }

    /** Iterations trained so far in this run (including those before a resume). */
    public long globalStep() { return globalStep; }

    /** Configures a {@link Trainer}; every setting has a sensible default except model and optimizer. */
    public static final class Builder {
        private final Module model;
        private final Optimizer optimizer;
        private LrScheduler scheduler;
        private int epochs = 1;
        private float labelSmoothing;
        private BatchSource evalSource;
        private long seed;
        private ProgressBar progress = ProgressBar.stderr();
        private final List<TrainerCallback> callbacks = new ArrayList<>();
        private Path checkpointDir;
        private boolean stepArena = true;

        private Builder(Module model, Optimizer optimizer) {
            if (model == null) throw new IllegalArgumentException("Trainer: model must not be null");
            if (optimizer == null) throw new IllegalArgumentException("Trainer: optimizer must not be null");
            this.model = model;
            this.optimizer = optimizer;
        }

        /**
         * Whether each training step's activations take the arrays of the previous step's ({@link StepArena}; on by
         * default). Off, every step allocates new arrays, which the JVM zeroes first. Results are the same either way.
         */
        public Builder stepArena(boolean on) {
            this.stepArena = on;
            return this;
        }

        public Builder epochs(int n) {
            if (n <= 0) throw new IllegalArgumentException("Trainer: epochs must be positive, got " + n);
            this.epochs = n;
            return this;
        }

        /** Cross-entropy label smoothing ε in [0, 1) (0.1 in the FGGP recipe). */
        public Builder labelSmoothing(float eps) {
            if (!(eps >= 0f && eps < 1f)) throw new IllegalArgumentException("Trainer: label smoothing must be in [0, 1), got " + eps);
            this.labelSmoothing = eps;
            return this;
        }

        /** A learning-rate schedule; without one the optimizer's rate stays as set. */
        public Builder scheduler(LrScheduler s) {
            this.scheduler = s;
            return this;
        }

        public Builder evalSource(BatchSource s) {
            this.evalSource = s;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Where progress goes; null for silence. Default: stderr. */
        public Builder progress(ProgressBar p) {
            this.progress = p;
            return this;
        }

        public Builder callback(TrainerCallback c) {
            if (c == null) throw new IllegalArgumentException("Trainer: callback must not be null");
            callbacks.add(c);
            return this;
        }

        /** Writes {@link #checkpointName(int)} files into dir after every epoch; null (the default) for none. */
        public Builder checkpointDir(Path dir) {
            this.checkpointDir = dir;
            return this;
        }

        public Trainer build() { return new Trainer(this); }
    }
}
