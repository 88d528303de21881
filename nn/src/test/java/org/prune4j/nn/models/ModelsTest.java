package org.prune4j.nn.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;

/**
 * Published parameter counts and one forward shape per model. Forward passes run on the
 * scalar reference kernels, so inputs are as small as each architecture allows.
 */
class ModelsTest {
    private static String outShape(Module m, int... inputDims) {
        m.eval();
        try (var ng = GradMode.noGrad()) {
            return m.forward(Tensor.randn(new Rng(5), inputDims)).shape().toString();
        }
    }

    @Test void cifarResNetsCountsAndShapes() {
        // Option-A counts are 269,722 / 464,154 / 853,018; the 1×1 conv + BN projections add 2,752.
        assertEquals(272_474, new ResNetCifar(20, 3, 10, new Rng(0)).numParameters());
        assertEquals(466_906, new ResNetCifar(32, 3, 10, new Rng(0)).numParameters());
        assertEquals(855_770, new ResNetCifar(56, 3, 10, new Rng(0)).numParameters());
        ResNetCifar r20 = new ResNetCifar(20, 1, 10, new Rng(0));
        assertEquals(272_474 - 2 * 16 * 9, r20.numParameters());
        assertEquals("[1, 10]", outShape(r20, 1, 1, 28, 28)); // Fashion-MNIST
        assertEquals("[2, 10]", outShape(new ResNetCifar(20, 3, 10, new Rng(0)), 2, 3, 32, 32));
        Map<String, Parameter> p = new ResNetCifar(20, 3, 10, new Rng(0)).namedParameters();
        assertTrue(p.containsKey("layer2.0.downsample.0.weight"), p.keySet().toString());
        assertTrue(p.containsKey("layer3.2.bn2.bias"));
        assertEquals("[32, 16, 1, 1]", p.get("layer2.0.downsample.0.weight").shape().toString());
        assertThrows(IllegalArgumentException.class, () -> new ResNetCifar(21, 3, 10, new Rng(0)));
    }

    @Test void resnet50ImageNetAndCifar() {
        ResNetBottleneck r50 = ResNetBottleneck.resnet50(ResNetBottleneck.Stem.IMAGENET, 3, 1000, new Rng(0));
        assertEquals(25_557_032, r50.numParameters());
        assertEquals("[2048, 1024, 1, 1]", r50.namedParameters().get("layer4.0.downsample.0.weight").shape().toString());
        assertEquals("[1, 1000]", outShape(r50, 1, 3, 32, 32)); // tiny input: the architecture allows any size >= 32
        ResNetBottleneck cifar = ResNetBottleneck.resnet50(ResNetBottleneck.Stem.CIFAR, 3, 10, new Rng(0));
        assertEquals(23_520_842, cifar.numParameters());
        assertEquals("[1, 10]", outShape(cifar, 1, 3, 8, 8));
    }

    @Test void wideResNet() {
        assertEquals(36_479_194, new WideResNet(28, 10, 0f, 3, 10, 0, new Rng(0)).numParameters()); // the authors' WRN-28-10
        WideResNet wrn = new WideResNet(28, 8, 0f, 3, 10, 0, new Rng(0));
        assertEquals(23_354_842, wrn.numParameters());
        assertTrue(wrn.namedParameters().containsKey("block2.0.conv_shortcut.weight"));
        assertEquals("[1, 10]", outShape(new WideResNet(16, 2, 0.3f, 1, 10, 0, new Rng(0)), 1, 1, 28, 28));
    }

    @Test void vgg19bn() {
        VggCifar vgg = VggCifar.vgg19bn(3, 10, new Rng(0));
        assertEquals(20_040_522, vgg.numParameters());
        assertEquals("[1, 10]", outShape(vgg, 1, 3, 32, 32));
        var e = assertThrows(IllegalArgumentException.class, () -> vgg.forward(Tensor.zeros(1, 3, 28, 28)));
        assertTrue(e.getMessage().contains("32, 32"), e.getMessage());
    }

    @Test void mobileNetV1() {
        MobileNetV1 imagenet = new MobileNetV1(true, 1f, 3, 1000, new Rng(0));
        assertEquals(4_231_976, imagenet.numParameters());
        assertEquals("[1, 1000]", outShape(imagenet, 1, 3, 32, 32));
        assertEquals(3_217_226, new MobileNetV1(false, 1f, 3, 10, new Rng(0)).numParameters());
        MobileNetV1 half = new MobileNetV1(false, 0.5f, 1, 10, new Rng(0));
        assertEquals(823_722 - 9 * 16 * 2, half.numParameters()); // α = 0.5, one input channel
        assertEquals("[2, 10]", outShape(half, 2, 1, 28, 28));
        assertEquals("[16, 1, 3, 3]", half.namedParameters().get("layers.0.depthwise.weight").shape().toString());
    }

    @Test void fastGrnn() {
        FastGRNN full = new FastGRNN(9, 80, 0, 0, 2, new Rng(0));
        assertEquals(7_444, full.numParameters());
        assertEquals(List.of("cell.W", "cell.U", "cell.bias_gate", "cell.bias_update", "cell.zeta", "cell.nu", "fc.weight", "fc.bias"),
                List.copyOf(full.namedParameters().keySet()));
        assertEquals("[2, 2]", outShape(full, 2, 16, 9));
        FastGRNN low = new FastGRNN(9, 80, 4, 16, 2, new Rng(0));
        assertEquals(80 * 4 + 4 * 9 + 80 * 16 + 16 * 80 + 160 + 2 + 162, low.numParameters());
        assertEquals("[1, 2]", outShape(low, 1, 8, 9));
    }

    @Test void zooCreatesByNameAndListsNamesOnError() {
        assertEquals(List.of("lenet5", "mlp", "resnet20", "resnet32", "resnet56", "resnet50", "resnet50-cifar", "wrn-28-8", "vgg19-bn",
                "mobilenet-v1", "mobilenet-v1-cifar", "fastgrnn"), ModelZoo.names());
        assertEquals(61_706, ModelZoo.create("LeNet5", ModelConfig.of(1, 10)).numParameters());
        assertEquals(266_610, ModelZoo.create("mlp", ModelConfig.of(1, 10)).numParameters()); // LeNet-300-100
        assertEquals(7_444, ModelZoo.create("fastgrnn", ModelConfig.of(9, 2)).numParameters());
        assertEquals(823_722, ModelZoo.create("mobilenet-v1-cifar", ModelConfig.defaults().withWidthMultiplier(0.5f)).numParameters());
        var e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.create("resnet18", ModelConfig.defaults()));
        assertTrue(e.getMessage().contains("unknown model 'resnet18'") && e.getMessage().contains("resnet20, resnet32"), e.getMessage());
        // Same name and seed, same weights.
        float[] a = ModelZoo.create("resnet20", ModelConfig.defaults().withSeed(3)).parameters().get(0).data();
        float[] b = ModelZoo.create("resnet20", ModelConfig.defaults().withSeed(3)).parameters().get(0).data();
        assertTrue(java.util.Arrays.equals(a, b));
    }
}
