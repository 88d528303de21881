package org.prune4j.nn.prune.space;

import org.prune4j.nn.optim.SGD;
import org.prune4j.nn.train.BatchSource;
import org.prune4j.nn.train.Trainer;

/**
 * The short fixed training budget of a pruning-space study: SGD (momentum 0.9, weight
 * decay 5e-4) for a few epochs from the subnetwork's inherited weights, then top-1 error
 * on a held-out source. Every subnetwork gets the same budget and seed, so differences
 * come from the structure.
 */
public record ShortTrainingEvaluator(BatchSource train, BatchSource test, int epochs, float lr, long seed) implements SubnetworkEvaluator {
    public ShortTrainingEvaluator {
        if (train == null || test == null) throw new IllegalArgumentException("short training evaluator: train and test sources must not be null");
        if (epochs < 1) throw new IllegalArgumentException("short training evaluator: epochs must be >= 1, got " + epochs);
        if (!(lr > 0) || Float.isInfinite(lr)) throw new IllegalArgumentException("short training evaluator: learning rate must be positive, got " + lr);
    }

    @Override public double error(Subnetwork s) {
        var model = s.model();
        Trainer t = Trainer.builder(model, new SGD(model.parameters(), lr, 0.9f, 5e-4f, false)).epochs(epochs).seed(seed).progress(null).build();
        t.fit(train);
        return 1.0 - Trainer.evaluate(model, test).accuracy();
    }
}
