package org.prune4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.HostAccess;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.core.testkit.Approx;
import org.prune4j.nn.Module;
import org.prune4j.nn.models.ResNetCifar;
import org.prune4j.nn.optim.Optimizer;
import org.prune4j.nn.optim.SGD;

/**
 * A small ResNet (ResNet-8: BatchNorm, residual adds, a strided 1x1 shortcut, global
 * average pooling) trains on the OpenCL device with the CPU's loss curve, then evaluates
 * in eval mode (running BatchNorm statistics) with the CPU's logits.
 */
class ResNetOnDeviceTest {
    private static final int STEPS = 30, BATCH = 8;
    /** Small enough that 8-image BatchNorm steps stay smooth: at 0.05 the curve turns chaotic and any float difference grows. */
    private static final float LR = 0.02f;
    private static final Device GPU = Device.opencl();

    private Kernels saved;

    @BeforeAll
    static void requirePlatform() {
        assumeTrue(OpenClRuntime.isAvailable(), "no OpenCL platform installed (install pocl-opencl-icd or a GPU driver)");
    }

    @BeforeEach
    void useTheReferenceOnTheCpu() {
        saved = Backends.get();
        Backends.use(new ReferenceKernels());
    }

    @AfterEach
    void restore() {
        Backends.use(saved);
        HostAccess.install(null);
    }

    private static Tensor batch(TrainingData d, int step) {
        int from = (step * BATCH) % (d.labels().length - BATCH + 1);
        return Tensor.of(Arrays.copyOfRange(d.images(), from * 784, (from + BATCH) * 784), BATCH, 1, 28, 28);
    }

    private static int[] labels(TrainingData d, int step) {
        int from = (step * BATCH) % (d.labels().length - BATCH + 1);
        return Arrays.copyOfRange(d.labels(), from, from + BATCH);
    }

    private static float step(Module net, Optimizer opt, TrainingData d, int s) {
        opt.zeroGrad();
        Tensor loss = Ops.crossEntropy(net.forward(batch(d, s).to(net.device())), labels(d, s));
        float l = loss.item();
        loss.backward();
        opt.step();
        return l;
    }

    private static double mean(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += a[i];
        return s / (to - from);
    }

    @Test
    void resnet8TrainsOnTheDeviceWithTheCpuLossCurveAndEvaluatesWithItsRunningStats() {
        TrainingData data = TrainingData.load(STEPS * BATCH);
        ResNetCifar cpu = new ResNetCifar(8, 1, 10, new Rng(11));
        Optimizer cpuOpt = new SGD(cpu.parameters(), LR, 0.9f, 5e-4f, false);
        float[] want = new float[STEPS];
        for (int s = 0; s < STEPS; s++) want[s] = step(cpu, cpuOpt, data, s);

        ResNetCifar net = new ResNetCifar(8, 1, 10, new Rng(11));
        Optimizer opt = new SGD(net.parameters(), LR, 0.9f, 5e-4f, false);
        net.to(GPU);
        assertEquals(GPU, net.device());
        float[] got = new float[STEPS];
        double worst = 0;
        for (int s = 0; s < STEPS; s++) {
            got[s] = step(net, opt, data, s);
            double diff = Math.abs(got[s] - want[s]);
            worst = Math.max(worst, diff);
            // float32 with different summation orders; BatchNorm's batch statistics over 8
            // images amplify them a little more than LeNet's plain layers do, still far
            // below the loss changes of training (the curve falls by > 0.5).
            assertTrue(diff <= 2e-3 + 2e-3 * Math.abs(want[s]), "step " + s + ": device loss " + got[s] + ", CPU " + want[s]
                    + "\ndevice " + Arrays.toString(Arrays.copyOf(got, s + 1)) + "\nCPU    " + Arrays.toString(Arrays.copyOf(want, s + 1)));
        }
        System.out.printf("ResNet-8 on %s, %d steps of batch %d: loss %.4f -> %.4f, max |device - CPU| = %.2e%n",
                data.source(), STEPS, BATCH, mean(got, 0, 10), mean(got, STEPS - 10, STEPS), worst);
        assertTrue(mean(got, STEPS - 10, STEPS) < 0.85 * mean(got, 0, 10), "the loss must fall: " + Arrays.toString(got));

        // Eval mode: BatchNorm normalises with the running statistics. First against the very
        // same weights and statistics evaluated on the CPU (tight), then against the
        // CPU-trained twin, which differs by 30 steps of float drift (loose).
        cpu.eval();
        net.eval();
        Tensor x = batch(data, 3);
        float[] gotLogits = net.forward(x.to(GPU)).to(Device.CPU).data();
        net.to(Device.CPU);
        Approx.assertClose("eval-mode logits: device vs the same weights and running statistics on the CPU",
                net.forward(x).data(), gotLogits, 1e-3);
        Approx.assertClose("eval-mode logits: device-trained vs CPU-trained twin", cpu.forward(x).data(), gotLogits, 0.1);
    }
}
