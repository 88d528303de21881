package org.prune4j.bench.cli;

import org.prune4j.bench.cli.train.TrainingRecipe;
import picocli.CommandLine.Option;

/**
 * Optimisation flags shared by train, finetune, demo and sweep (a picocli mixin). The
 * defaults are the CIFAR ResNet recipe (SGD, Nesterov momentum 0.9, weight decay 5e-4)
 * with a cosine schedule after half an epoch of warm-up.
 */
public final class TrainOptions {
    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (Nesterov momentum) or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", description = "Peak learning rate (default: 0.05 for sgd, 0.001 for adam).")
    Float lr;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--label-smoothing", defaultValue = "0", description = "Cross-entropy label smoothing in [0, 1) (default: ${DEFAULT-VALUE}).")
    float labelSmoothing;

    public TrainingRecipe recipe(int epochs, int batchSize) {
        return TrainingRecipe.of(optimizer, lr, momentum, weightDecay, labelSmoothing, epochs, batchSize);
    }
}
