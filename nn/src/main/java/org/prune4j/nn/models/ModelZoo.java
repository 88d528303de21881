package org.prune4j.nn.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;

/**
 * The models by name, for the CLI and experiment configs. Names are case-insensitive;
 * an unknown name is an error listing the valid ones. Every model is built from
 * {@code new Rng(cfg.seed())}, so a name and a config determine the initial weights.
 */
public final class ModelZoo {
    private static final Map<String, Function<ModelConfig, Module>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("lenet5", c -> new LeNet5(c.inChannels(), c.numClasses(), rng(c)));
        // LeNet-300-100, the classic pruning MLP, on 28×28 inputs.
        MODELS.put("mlp", c -> new Mlp(rng(c), c.inChannels() * 28 * 28, 300, 100, c.numClasses()));
        MODELS.put("resnet20", c -> new ResNetCifar(20, c.inChannels(), c.numClasses(), rng(c)));
        MODELS.put("resnet32", c -> new ResNetCifar(32, c.inChannels(), c.numClasses(), rng(c)));
        MODELS.put("resnet56", c -> new ResNetCifar(56, c.inChannels(), c.numClasses(), rng(c)));
        MODELS.put("resnet50", c -> ResNetBottleneck.resnet50(ResNetBottleneck.Stem.IMAGENET, c.inChannels(), c.numClasses(), rng(c)));
        MODELS.put("resnet50-cifar", c -> ResNetBottleneck.resnet50(ResNetBottleneck.Stem.CIFAR, c.inChannels(), c.numClasses(), rng(c)));
        MODELS.put("wrn-28-8", c -> new WideResNet(28, 8, c.dropRate(), c.inChannels(), c.numClasses(), c.seed(), rng(c)));
        MODELS.put("vgg19-bn", c -> VggCifar.vgg19bn(c.inChannels(), c.numClasses(), rng(c)));
        MODELS.put("mobilenet-v1", c -> new MobileNetV1(true, c.widthMultiplier(), c.inChannels(), c.numClasses(), rng(c)));
        MODELS.put("mobilenet-v1-cifar", c -> new MobileNetV1(false, c.widthMultiplier(), c.inChannels(), c.numClasses(), rng(c)));
        MODELS.put("fastgrnn", c -> new FastGRNN(c.inChannels(), c.hiddenSize(), c.wRank(), c.uRank(), c.numClasses(), rng(c)));
    }

    private ModelZoo() {}

    private static Rng rng(ModelConfig c) { return new Rng(c.seed()); }

    public static Module create(String name, ModelConfig cfg) {
        if (name == null) throw new IllegalArgumentException("ModelZoo: model name must not be null; valid names: " + names());
        if (cfg == null) throw new IllegalArgumentException("ModelZoo: config must not be null");
        Function<ModelConfig, Module> f = MODELS.get(name.trim().toLowerCase(Locale.ROOT));
        if (f == null) throw new IllegalArgumentException("ModelZoo: unknown model '" + name + "'; valid names: " + names());
        return f.apply(cfg);
    }

    /** The valid names, in a stable order. */
    public static List<String> names() { return List.copyOf(MODELS.keySet()); }
}
