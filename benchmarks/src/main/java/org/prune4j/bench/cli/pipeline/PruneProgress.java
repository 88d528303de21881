package org.prune4j.bench.cli.pipeline;

import java.util.Locale;
import org.prune4j.bench.cli.progress.TaskProgress;
import org.prune4j.nn.prune.GradualPruner;
import org.prune4j.nn.prune.PrunableLayer;
import org.prune4j.nn.train.Batch;
import org.prune4j.nn.train.Trainer;
import org.prune4j.nn.train.TrainerCallback;

/**
 * Wraps a gradual method's training callback to report each pruning step (count, target
 * sparsity, ETA) as it happens, since those steps are the ones a user waits on.
 */
final class PruneProgress implements TrainerCallback {
    private final TrainerCallback inner;
    private final GradualPruner.ScheduledPruning scheduled;
    private final TaskProgress progress;
    private int seen;

    PruneProgress(TrainerCallback inner) {
        this.inner = inner;
        this.scheduled = inner instanceof GradualPruner.ScheduledPruning s ? s : null;
        int steps = 0;
        if (scheduled != null) {
            var sch = scheduled.schedule();
            for (long t = sch.startStep(); t <= sch.endStep(); t++) if (sch.isPruningStep(t)) steps++;
        }
        this.progress = TaskProgress.stderr("pruning steps", steps);
    }

    @Override public void onTrainStart(Trainer trainer) { inner.onTrainStart(trainer); }

    @Override public void onEpochStart(int epoch) { inner.onEpochStart(epoch); }

    @Override public void onBatchEnd(long step, Batch batch, float loss) {
        inner.onBatchEnd(step, batch, loss);
        if (scheduled != null && scheduled.pruningSteps() > seen) {
            seen = scheduled.pruningSteps();
            long size = 0, nnz = 0;
            for (PrunableLayer l : scheduled.layers()) {
                size += l.size();
                nnz += l.parameter().hasMask() ? l.parameter().mask().nnz() : l.parameter().countNonzero();
            }
            progress.step(String.format(Locale.ROOT, "step %d, sparsity %.1f%%", step, 100.0 * (size - nnz) / Math.max(1, size)));
        }
    }

    @Override public void onEpochEnd(int epoch, org.prune4j.nn.train.EpochMetrics m) { inner.onEpochEnd(epoch, m); }

    @Override public void onTrainEnd(Trainer trainer) { inner.onTrainEnd(trainer); }
}
