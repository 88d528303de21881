package org.prune4j.nn.prune;

import java.util.List;
import org.prune4j.nn.Module;
import org.prune4j.nn.train.Batch;
import org.prune4j.nn.train.Trainer;
import org.prune4j.nn.train.TrainerCallback;

/**
 * The shared frame of the gradual methods (gradual magnitude pruning, FGGP, GraNet):
 * nothing happens before training; during training a callback follows a
 * {@link CubicSchedule} from the initial to the final sparsity, reached at
 * endFraction of the run, and at every pruning step (every Δ optimizer steps, right
 * after the update, the batch's gradients still present) asks the method to bring the
 * prunable weights to the scheduled sparsity.
 */
public abstract class GradualPruner implements PruningMethod {
    protected final double initialSparsity;
    protected final double finalSparsity;
    protected final long frequency;
    protected final double endFraction;
    protected final boolean includeFirstConv;

    protected GradualPruner(double initialSparsity, double finalSparsity, long frequency, double endFraction, boolean includeFirstConv) {
        PruneOptions.checkSparsity(initialSparsity);
        PruneOptions.checkSparsity(finalSparsity);
        if (initialSparsity > finalSparsity) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": initial sparsity " + initialSparsity + " exceeds the final sparsity " + finalSparsity);
        }
        if (frequency < 1) throw new IllegalArgumentException(getClass().getSimpleName() + ": pruning frequency must be >= 1 step, got " + frequency);
        if (!(endFraction > 0 && endFraction <= 1)) throw new IllegalArgumentException(getClass().getSimpleName() + ": end fraction must be in (0, 1], got " + endFraction);
        this.initialSparsity = initialSparsity;
        this.finalSparsity = finalSparsity;
        this.frequency = frequency;
        this.endFraction = endFraction;
        this.includeFirstConv = includeFirstConv;
    }

    @Override public Module prepare(Module model, PruneData data) {
        if (model == null) throw new IllegalArgumentException(name() + ": model must not be null");
        PrunableWeights.of(model, includeFirstConv);
        return model;
    }

    /** The schedule over a run of totalSteps optimizer steps. */
    public CubicSchedule schedule(long totalSteps) {
        if (totalSteps < 1) throw new IllegalArgumentException(name() + ": total steps must be >= 1, got " + totalSteps);
        return new CubicSchedule(initialSparsity, finalSparsity, 0, Math.max(1, Math.round(endFraction * totalSteps)), frequency);
    }

    @Override public ScheduledPruning trainingCallback(Module model, long totalSteps) {
        if (model == null) throw new IllegalArgumentException(name() + ": model must not be null");
        return new ScheduledPruning(PrunableWeights.of(model, includeFirstConv), schedule(totalSteps));
    }

    /** Called before the first batch (e.g. to switch on dense gradients). */
    protected void start(List<PrunableLayer> layers) {}

    /** Called after the last batch. */
    protected void finish(List<PrunableLayer> layers) {}

    /** Brings layers to sparsity at optimizer step t; gradients of this step's batch are in the parameters. */
    protected abstract void pruneTo(List<PrunableLayer> layers, double sparsity, long t, CubicSchedule schedule);

    /** The callback that runs the schedule; it counts the pruning steps it took. */
    public final class ScheduledPruning implements TrainerCallback {
        private final List<PrunableLayer> layers;
        private final CubicSchedule schedule;
        private int pruningSteps;
        private boolean started;

        ScheduledPruning(List<PrunableLayer> layers, CubicSchedule schedule) {
            this.layers = layers;
            this.schedule = schedule;
        }

        @Override public void onTrainStart(Trainer trainer) {
            started = true;
            start(layers);
        }

        @Override public void onBatchEnd(long step, Batch batch, float loss) {
            if (!started) {
                // Used outside Trainer.fit: start lazily so dense gradients are still switched on.
                started = true;
                start(layers);
            }
            if (schedule.isPruningStep(step)) {
                pruneTo(layers, schedule.sparsityAt(step), step, schedule);
                pruningSteps++;
            }
        }

        @Override public void onTrainEnd(Trainer trainer) { finish(layers); }

        public CubicSchedule schedule() { return schedule; }

        public int pruningSteps() { return pruningSteps; }

        public List<PrunableLayer> layers() { return layers; }
    }
}
