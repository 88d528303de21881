package org.prune4j.bench.cli.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;
import org.prune4j.nn.Module;
import org.prune4j.nn.models.ModelConfig;
import org.prune4j.nn.models.ModelZoo;
import org.prune4j.nn.models.Mlp;
import org.prune4j.nn.models.ResNetCifar;

/**
 * The models the command line builds by name: every {@link ModelZoo} model plus the
 * shallow CIFAR ResNets resnet8 and resnet14 (depth 6n+2 with n = 1, 2), which fit the
 * short budgets of the demo and of sweeps on two cores. The data set decides the input
 * channels (or features per step) and the class count; {@code mlp} takes the flattened
 * sample, whatever its size.
 */
public final class ModelCatalog {
    private static final List<String> SHALLOW_RESNETS = List.of("resnet8", "resnet14");

    private ModelCatalog() {}

    public static List<String> names() {
        List<String> all = new ArrayList<>(ModelZoo.names());
        all.addAll(2, SHALLOW_RESNETS);
        return all;
    }

    /** The canonical (lower-case) name, or an error listing the valid ones. */
    public static String canonical(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!names().contains(n)) throw new IllegalArgumentException("unknown model '" + name + "'; valid names: " + String.join(", ", names()));
        return n;
    }

    /** Builds model name for samples of sampleShape and numClasses classes, initialised from seed. */
    public static Module create(String name, Shape sampleShape, int numClasses, long seed) {
        String n = canonical(name);
        InputLayout layout = InputLayout.of(n, sampleShape);
        ModelConfig cfg = ModelConfig.defaults().withInChannels(layout.inChannels()).withNumClasses(numClasses).withSeed(seed);
        return switch (n) {
            case "resnet8" -> new ResNetCifar(8, cfg.inChannels(), numClasses, new Rng(seed));
            case "resnet14" -> new ResNetCifar(14, cfg.inChannels(), numClasses, new Rng(seed));
            case "mlp" -> new Mlp(new Rng(seed), sampleShape.size(), 300, 100, numClasses);
            default -> ModelZoo.create(n, cfg);
        };
    }
}
