package org.prune4j.bench.cli.pipeline;

import java.util.Set;
import org.prune4j.nn.prune.GradualPruner;
import org.prune4j.nn.prune.PruningMethod;

/**
 * When a method prunes relative to training, which decides the shape of a run:
 * AFTER_TRAINING methods prune a trained dense model which is then fine-tuned (the
 * ShrinkBench protocol; Global MP one-shot); AT_INIT methods prune the freshly
 * initialised network with data and then train it (SNIP, Iterative SNIP, FORCE, as in
 * their papers); GRADUAL methods prune during training from scratch on a schedule
 * (gradual MP, FGGP, GraNet).
 */
public enum MethodKind {
    AFTER_TRAINING, AT_INIT, GRADUAL;

    private static final Set<String> AT_INIT_NAMES = Set.of("snip", "iterative-snip", "force");

    public static MethodKind of(PruningMethod m) {
        if (m instanceof GradualPruner) return GRADUAL;
        if (AT_INIT_NAMES.contains(m.name())) return AT_INIT;
        return AFTER_TRAINING;
    }

    /** What a run with this method does, in words, for the log. */
    public String plan(int denseEpochs, int finetuneEpochs) {
        return switch (this) {
            case AFTER_TRAINING -> "train dense " + denseEpochs + " epochs, prune once, fine-tune " + finetuneEpochs + " epochs";
            case AT_INIT -> "prune at initialisation, train the sparse network " + (denseEpochs + finetuneEpochs) + " epochs";
            case GRADUAL -> "train " + (denseEpochs + finetuneEpochs) + " epochs from scratch, pruning on the cubic schedule";
        };
    }
}
