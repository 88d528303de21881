package org.prune4j.bench.cli.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.prune4j.bench.cli.run.RunDirectory;
import org.prune4j.nn.train.EpochMetrics;
import org.prune4j.nn.train.TrainerCallback;

/** Appends every finished epoch to the run's metrics.jsonl, tagged with the phase (train, finetune, ...). */
public final class MetricsCallback implements TrainerCallback {
    private final RunDirectory run;
    private final String phase;

    public MetricsCallback(RunDirectory run, String phase) {
        this.run = run;
        this.phase = phase;
    }

    @Override public void onEpochEnd(int epoch, EpochMetrics m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("phase", phase);
        r.put("epoch", epoch + 1);
        r.put("train_loss", m.trainLoss());
        r.put("train_accuracy", m.trainAccuracy());
        if (m.eval() != null) {
            r.put("test_loss", m.eval().loss());
            r.put("test_accuracy", m.eval().accuracy());
        }
        r.put("samples_per_second", m.samplesPerSecond());
        r.put("lr", (double) m.lr());
        r.put("global_step", m.globalStep());
        run.appendMetrics(r);
    }
}
