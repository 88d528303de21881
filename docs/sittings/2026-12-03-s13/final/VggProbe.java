package org.prune4j.simd;
import org.prune4j.core.tensor.Tensor;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.models.ModelConfig;
import org.prune4j.nn.models.ModelZoo;
import org.prune4j.nn.optim.SGD;
/** The whole VGG-19-BN step with PixelConv off and on, alternating in one JVM (medians of 5 steps per block). */
public class VggProbe {
    public static void main(String[] a) {
        Parallel.setThreads(2);
        Module net = ModelZoo.create("vgg19-bn", ModelConfig.of(3, 10));
        SGD sgd = new SGD(net.parameters(), 0.1f, 0.9f, 0f, false);
        Rng rng = new Rng(0);
        Tensor x = Tensor.randn(rng, 128, 3, 32, 32);
        int[] labels = new int[128];
        for (int i = 0; i < 128; i++) labels[i] = rng.nextInt(10);
        for (int round = 0; round < 8; round++) {
            for (ConvKernels.PixelPath p : new ConvKernels.PixelPath[] {ConvKernels.PixelPath.OFF, ConvKernels.PixelPath.AUTO}) {
                ConvKernels.pixelPath = p;
                long[] t = new long[5];
                for (int s = 0; s < 5; s++) {
                    long t0 = System.nanoTime();
                    net.train(); net.zeroGrad();
                    Tensor loss = Ops.crossEntropy(net.forward(x), labels);
                    loss.backward(); sgd.step();
                    t[s] = System.nanoTime() - t0;
                }
                java.util.Arrays.sort(t);
                System.out.printf("%s %.1f  ", p, t[2] / 1e6);
            }
            System.out.println();
        }
    }
}
