package org.prune4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.DeviceUnavailableException;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.HostAccess;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.core.testkit.Approx;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.models.LeNet5;
import org.prune4j.nn.models.ResNetCifar;
import org.prune4j.nn.optim.Adam;
import org.prune4j.nn.optim.Optimizer;
import org.prune4j.nn.optim.SGD;

/**
 * {@code module.to(Device.opencl())} end to end: nn's LeNet-5 trains on the device
 * with its optimizer, the only transfer per step being the loss value, with the CPU's
 * loss curve; {@code to(Device.CPU)} brings weights and optimizer state home. A small
 * ResNet (BatchNorm, residual adds) trains there too.
 */
class ModuleOnDeviceTest {
    private static final int BATCH = 16;
    private static final Device GPU = Device.opencl();
    private static final int RESNET_STEPS = 30, RESNET_BATCH = 8;
    /** Small enough that 8-image BatchNorm steps stay smooth: at 0.05 the curve turns chaotic and any float difference grows. */
    private static final float RESNET_LR = 0.02f;

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

    /** One training step as a user writes it; returns the loss. */
    private static float step(Module net, Optimizer opt, TrainingData d, int s) {
        return step(net, opt, d, s, BATCH);
    }

    private static float step(Module net, Optimizer opt, TrainingData d, int s, int batch) {
        opt.zeroGrad();
        Tensor loss = Ops.crossEntropy(net.forward(d.batch(s, batch).to(net.device())), d.labels(s, batch));
        float l = loss.item();
        loss.backward();
        opt.step();
        return l;
    }

    private static void assertCurvesMatch(String what, float[] want, float[] got) {
        double worst = 0;
        for (int s = 0; s < want.length; s++) {
            double diff = Math.abs(got[s] - want[s]);
            worst = Math.max(worst, diff);
            // float32 with different summation orders on each side: ~1e-7 differences that
            // grow slowly through the steps, far below what training changes.
            assertTrue(diff <= 1e-3 + 1e-3 * Math.abs(want[s]), what + " step " + s + ": device loss " + got[s] + ", CPU " + want[s]);
        }
        System.out.printf("%s, %d steps: max |device - CPU| loss = %.2e%n", what, want.length, worst);
    }

    private void trainsOnTheDeviceWithOnlyTheLossComingHome(String what, Function<List<Parameter>, Optimizer> optimizer) {
        int steps = 12;
        TrainingData data = TrainingData.load(steps * BATCH);
        LeNet5 cpu = new LeNet5(new Rng(42));
        Optimizer cpuOpt = optimizer.apply(cpu.parameters());
        float[] want = new float[steps];
        for (int s = 0; s < steps; s++) want[s] = step(cpu, cpuOpt, data, s);

        LeNet5 net = new LeNet5(new Rng(42));
        Optimizer opt = optimizer.apply(net.parameters()); // built before the move, as users do
        assertEquals(net, net.to(GPU));
        assertEquals(GPU, net.device());
        OpenClContext ctx = OpenClRuntime.context(GPU.index());
        float[] got = new float[steps];
        got[0] = step(net, opt, data, 0); // the first step builds programs and optimizer state
        long before = ctx.downloads(), uploadsBefore = ctx.uploads();
        for (int s = 1; s < steps; s++) got[s] = step(net, opt, data, s);
        long downloads = ctx.downloads() - before;
        long uploads = ctx.uploads() - uploadsBefore;
        System.out.printf("%s on the device: %d downloads, %d uploads over %d steps%n", what, downloads, uploads, steps - 1);
        assertEquals(2 * (steps - 1), uploads, what + ": a resident step must send only its images and labels, got " + uploads + " uploads");
        assertEquals(steps - 1, downloads, what + ": a resident step must bring home only its loss value, got "
                + downloads + " downloads over " + (steps - 1) + " steps");
        for (Parameter p : net.parameters()) {
            assertTrue(ctx.mirrors().isDeviceNewer(p.tensor().buffer()), p + " was updated on the device and not copied home");
            assertTrue(ctx.mirrors().isDeviceNewer(p.tensor().gradBuffer()), p + " has its gradient on the device");
        }
        assertCurvesMatch(what, want, got);

        // Home again: values synced, and the optimizer state follows at the next step.
        net.to(Device.CPU);
        assertEquals(Device.CPU, net.device());
        List<Parameter> ps = net.parameters(), cps = cpu.parameters();
        for (int i = 0; i < ps.size(); i++) {
            Tensor w = ps.get(i).tensor();
            assertEquals(Device.CPU, w.device());
            Approx.assertClose(what + " parameter " + i + " after to(cpu)", cps.get(i).data(), w.data(), 1e-4);
            assertNotNull(w.gradArray());
        }
        float nextCpu = step(cpu, cpuOpt, data, steps), next = step(net, opt, data, steps);
        assertEquals(nextCpu, next, 1e-3, what + ": a CPU step after coming home continues the same run");
        for (int i = 0; i < ps.size(); i++) {
            Approx.assertClose(what + " parameter " + i + " after a CPU step", cps.get(i).data(), ps.get(i).data(), 1e-4);
        }
    }

    @Test
    void lenetTrainsWithSgdMomentumOnTheDevice() {
        trainsOnTheDeviceWithOnlyTheLossComingHome("LeNet-5, SGD momentum 0.9 + weight decay",
                ps -> new SGD(ps, 0.05f, 0.9f, 5e-4f, false));
    }

    @Test
    void lenetTrainsWithAdamOnTheDevice() {
        trainsOnTheDeviceWithOnlyTheLossComingHome("LeNet-5, AdamW", ps -> Adam.adamW(ps, 1e-3f, 1e-2f));
    }

    /** Masks of the given density on every weight (rank > 1) of net, the same for the same seed. */
    private static void maskWeights(Module net, double density, long seed) {
        Rng rng = new Rng(seed);
        for (Parameter p : net.parameters()) {
            if (p.shape().rank() < 2) continue;
            float[] m = new float[p.shape().size()];
            for (int i = 0; i < m.length; i++) m[i] = rng.uniform() < density ? 1f : 0f;
            p.setMask(Mask.of(p.shape(), m));
        }
    }

    /** Prunes the first kept entry of every mask (the same entries on twins) and zeroes it. */
    private static void pruneFirstKept(Module net) {
        for (Parameter p : net.parameters()) {
            if (!p.hasMask()) continue;
            int i = 0;
            while (!p.mask().isKept(i)) i++;
            p.mask().set(i, false);
            p.applyMask();
        }
    }

    /**
     * A pruned LeNet-5 trains on the device through the sparse kernels (CSR SpMM, direct
     * sparse convolution, SDDMM): the CSR values are gathered from the weights, and the
     * sparse weight gradients scattered back, on the device, so a step still brings home
     * only its loss; masked-out weights stay exactly zero; the curve is the CPU's.
     */
    @Test
    void aPrunedLenetTrainsThroughTheSparseKernelsOnTheDevice() {
        MeasuredKernelChoice.Policy policy = MeasuredKernelChoice.policy();
        MeasuredKernelChoice.setPolicy(MeasuredKernelChoice.Policy.SPARSE);
        try {
            int steps = 12;
            TrainingData data = TrainingData.load(steps * BATCH);
            LeNet5 cpu = new LeNet5(new Rng(5));
            maskWeights(cpu, 0.2, 77);
            Optimizer cpuOpt = new SGD(cpu.parameters(), 0.05f, 0.9f, 5e-4f, false);
            float[] want = new float[steps];
            for (int s = 0; s < steps; s++) want[s] = step(cpu, cpuOpt, data, s);

            LeNet5 net = new LeNet5(new Rng(5));
            maskWeights(net, 0.2, 77);
            Optimizer opt = new SGD(net.parameters(), 0.05f, 0.9f, 5e-4f, false);
            net.to(GPU);
            OpenClContext ctx = OpenClRuntime.context(GPU.index());
            float[] got = new float[steps];
            got[0] = step(net, opt, data, 0); // builds programs, CSR structures and optimizer state
            long downloads = ctx.downloads(), uploads = ctx.uploads();
            for (int s = 1; s < steps; s++) got[s] = step(net, opt, data, s);
            downloads = ctx.downloads() - downloads;
            uploads = ctx.uploads() - uploads;
            System.out.printf("pruned LeNet-5 on the device: %d downloads, %d uploads over %d steps%n", downloads, uploads, steps - 1);
            assertEquals(steps - 1, downloads, "a sparse step must bring home only its loss, got " + downloads + " downloads over " + (steps - 1) + " steps");
            assertEquals(2 * (steps - 1), uploads, "a sparse step must send only its images and labels (masks, CSR values and index tables stay), got "
                    + uploads + " uploads over " + (steps - 1) + " steps");
            assertCurvesMatch("pruned LeNet-5 (20% density, sparse kernels), SGD momentum", want, got);

            // Prune further while on the device: the mask's device copy and the CSR structure follow.
            pruneFirstKept(cpu);
            pruneFirstKept(net);
            float cpuNext = step(cpu, cpuOpt, data, 0), next = step(net, opt, data, 0);
            assertEquals(cpuNext, next, 1e-3, "a step after pruning more on the device continues the CPU's run");
            net.to(Device.CPU);
            for (Parameter p : net.parameters()) {
                if (!p.hasMask()) continue;
                float[] w = p.data();
                for (int i = 0; i < w.length; i++) {
                    if (!p.mask().isKept(i)) assertEquals(0f, w[i], p + " pruned entry " + i + " revived on the device");
                }
            }
        } finally {
            MeasuredKernelChoice.setPolicy(policy);
        }
    }

    @Test
    void tensorToCopiesBothWaysAndGradientsFlowBack() {
        Tensor x = Tensor.of(new float[] {-1, 2, -3, 4}, 2, 2).requiresGrad(true);
        Tensor y = x.to(GPU);
        assertEquals(GPU, y.device());
        assertEquals(x, x.to(Device.CPU), "to(the same device) is the tensor itself");
        Tensor z = Ops.mulScalar(Ops.relu(y), 3f);
        assertEquals(GPU, z.device(), "results stay on their inputs' device");
        Ops.sum(z).backward();
        assertEquals(Device.CPU, x.grad().device());
        Approx.assertBitsEqual("gradient through to(opencl)", new float[] {0, 3, 0, 3}, x.gradArray());
        Tensor back = z.to(Device.CPU);
        Approx.assertBitsEqual("values copied home", new float[] {0, 6, 0, 12}, back.data());

        var mixed = assertThrows(IllegalArgumentException.class, () -> Ops.add(y, x));
        assertTrue(mixed.getMessage().contains("opencl:0") && mixed.getMessage().contains("cpu"), mixed.getMessage());
    }

    @Test
    void aMissingDeviceIsNamedAndTheCpuKeepsWorking() {
        int missing = OpenClRuntime.devices().size() + 7;
        LeNet5 net = new LeNet5(new Rng(1));
        var e = assertThrows(DeviceUnavailableException.class, () -> net.to(Device.opencl(missing)));
        assertTrue(e.getMessage().contains("opencl:" + missing) && e.getMessage().contains("available"), e.getMessage());
        assertEquals(Device.CPU, net.device(), "nothing moved");
        assertEquals(4f, Ops.sum(Tensor.ones(4)).item());
    }

    @Test
    void aLeafMovedInPlaceKeepsItsIdentityAndResultsCannotMove() {
        Tensor w = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        float[] storage = w.buffer();
        w.moveTo(GPU);
        assertEquals(storage, w.buffer());
        Tensor y = Ops.mulScalar(w, 2f);
        assertThrows(IllegalStateException.class, () -> y.moveTo(Device.CPU));
        Ops.sum(y).backward();
        w.moveTo(Device.CPU);
        w.data()[0] = 10f; // host writes after coming home are the truth...
        w.moveTo(GPU);
        Approx.assertBitsEqual("...and go back with the next move", new float[] {20, 4, 6}, Ops.mulScalar(w, 2f).to(Device.CPU).data());
        Approx.assertBitsEqual("the gradient moved along", new float[] {2, 2, 2}, w.gradArray());
    }

    /**
     * A small ResNet (ResNet-8: BatchNorm, residual adds, a strided 1x1 shortcut, global
     * average pooling) trains on the device with the CPU's loss curve, then evaluates in
     * eval mode with its running BatchNorm statistics.
     */
    @Test
    void resnet8TrainsOnTheDeviceWithTheCpuLossCurveAndEvaluatesWithItsRunningStats() {
        TrainingData data = TrainingData.load(RESNET_STEPS * RESNET_BATCH);
        ResNetCifar cpu = new ResNetCifar(8, 1, 10, new Rng(11));
        Optimizer cpuOpt = new SGD(cpu.parameters(), RESNET_LR, 0.9f, 5e-4f, false);
        float[] want = new float[RESNET_STEPS];
        for (int s = 0; s < RESNET_STEPS; s++) want[s] = step(cpu, cpuOpt, data, s, RESNET_BATCH);

        ResNetCifar net = new ResNetCifar(8, 1, 10, new Rng(11));
        Optimizer opt = new SGD(net.parameters(), RESNET_LR, 0.9f, 5e-4f, false);
        net.to(GPU);
        assertEquals(GPU, net.device());
        float[] got = new float[RESNET_STEPS];
        double worst = 0;
        OpenClContext ctx = OpenClRuntime.context(GPU.index());
        long downloadsBefore = 0;
        for (int s = 0; s < RESNET_STEPS; s++) {
            if (s == 1) downloadsBefore = ctx.downloads(); // the first step builds programs and optimizer state
            got[s] = step(net, opt, data, s, RESNET_BATCH);
            double diff = Math.abs(got[s] - want[s]);
            worst = Math.max(worst, diff);
            // float32 with different summation orders; BatchNorm's batch statistics over 8
            // images amplify them a little more than LeNet's plain layers do, still far
            // below the loss changes of training (the curve falls by > 0.5).
            assertTrue(diff <= 2e-3 + 2e-3 * Math.abs(want[s]), "step " + s + ": device loss " + got[s] + ", CPU " + want[s]
                    + "\ndevice " + Arrays.toString(Arrays.copyOf(got, s + 1)) + "\nCPU    " + Arrays.toString(Arrays.copyOf(want, s + 1)));
        }
        long downloads = ctx.downloads() - downloadsBefore;
        assertEquals(RESNET_STEPS - 1, downloads, "a ResNet step (BatchNorm statistics included) must bring home only its loss, got "
                + downloads + " downloads over " + (RESNET_STEPS - 1) + " steps");
        System.out.printf("ResNet-8 on %s, %d steps of batch %d: loss %.4f -> %.4f, max |device - CPU| = %.2e%n",
                data.source(), RESNET_STEPS, RESNET_BATCH, TrainingData.mean(got, 0, 10), TrainingData.mean(got, RESNET_STEPS - 10, RESNET_STEPS), worst);
        assertTrue(TrainingData.mean(got, RESNET_STEPS - 10, RESNET_STEPS) < 0.85 * TrainingData.mean(got, 0, 10), "the loss must fall: " + Arrays.toString(got));

        // Eval mode: BatchNorm normalises with the running statistics. First against the very
        // same weights and statistics evaluated on the CPU (tight), then against the
        // CPU-trained twin, which differs by 30 steps of float drift (loose).
        cpu.eval();
        net.eval();
        Tensor x = data.batch(3, RESNET_BATCH);
        float[] gotLogits = net.forward(x.to(GPU)).to(Device.CPU).data();
        net.to(Device.CPU);
        Approx.assertClose("eval-mode logits: device vs the same weights and running statistics on the CPU",
                net.forward(x).data(), gotLogits, 1e-3);
        Approx.assertClose("eval-mode logits: device-trained vs CPU-trained twin", cpu.forward(x).data(), gotLogits, 0.1);
    }
}
