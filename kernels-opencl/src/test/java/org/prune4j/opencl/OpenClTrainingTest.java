package org.prune4j.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.HostAccess;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.core.testkit.Approx;

/**
 * End to end on the device with tensors resident: LeNet-5 trains for a few hundred
 * SGD steps with a loss curve matching the reference backend's, and the pruned model
 * runs inference through the CSR kernels with the reference's logits.
 */
class OpenClTrainingTest {
    private static final int STEPS = 200, BATCH = 16;
    private static final float LR = 0.05f;

    private Kernels saved;

    @BeforeAll
    static void requirePlatform() {
        assumeTrue(OpenClRuntime.isAvailable(), "no OpenCL platform installed (install pocl-opencl-icd or a GPU driver)");
    }

    @BeforeEach
    void save() { saved = Backends.get(); }

    @AfterEach
    void restore() {
        Backends.use(saved);
        HostAccess.install(null);
    }

    private static float[] train(LeNet net, TrainingData d) {
        float[] losses = new float[STEPS];
        for (int s = 0; s < STEPS; s++) losses[s] = net.step(d.batch(s, BATCH), d.labels(s, BATCH), LR);
        return losses;
    }

    @Test
    void lenetTrainsOnTheDeviceWithTheReferenceLossCurve() {
        TrainingData data = TrainingData.load(STEPS * BATCH);
        Backends.use(new ReferenceKernels());
        float[] want = train(new LeNet(42), data);

        OpenClKernels device = OpenClKernels.resident(0);
        Backends.use(device);
        LeNet net = new LeNet(42);
        float[] got = train(net, data);
        device.detach();

        double worst = 0;
        for (int s = 0; s < STEPS; s++) {
            double diff = Math.abs(got[s] - want[s]);
            worst = Math.max(worst, diff);
            // Both run float32 with different summation orders; rounding differences of ~1e-7
            // grow through 200 SGD steps but stay far below the loss changes training makes.
            assertTrue(diff <= 1e-3 + 1e-3 * Math.abs(want[s]),
                    "step " + s + " on " + data.source() + ": device loss " + got[s] + ", reference " + want[s]);
        }
        System.out.printf("LeNet on %s, %d steps: loss %.4f -> %.4f, max |device - reference| = %.2e%n",
                data.source(), STEPS, TrainingData.mean(got, 0, 10), TrainingData.mean(got, STEPS - 10, STEPS), worst);
        assertTrue(TrainingData.mean(got, STEPS - 20, STEPS) < 0.7 * TrainingData.mean(got, 0, 20), "the loss must fall: " + Arrays.toString(got));
    }

    @Test
    void prunedLenetInfersThroughTheSparseKernelsOnTheDevice() {
        TrainingData data = TrainingData.load(64 * BATCH);
        Backends.use(new ReferenceKernels());
        LeNet net = new LeNet(3);
        for (int s = 0; s < 40; s++) net.step(data.batch(s, BATCH), data.labels(s, BATCH), LR);
        List<Mask> masks = net.magnitudeMasks(0.8);
        net.applyMasks(masks);
        for (Mask m : masks) assertTrue(m.density() < 0.25, "pruned to about 20% density: " + m);
        Tensor x = data.batch(50, BATCH);
        float[] want = net.sparseForward(x, masks).data().clone();
        float[] dense = net.forward(x).data().clone();
        Approx.assertClose("sparse vs dense logits on the reference", dense, want, 400);

        OpenClKernels device = OpenClKernels.resident(0);
        Backends.use(device);
        Tensor logits;
        try (var noGrad = org.prune4j.core.autograd.GradMode.noGrad()) {
            logits = net.sparseForward(x, masks);
        }
        assertTrue(device.context().mirrors().isDeviceNewer(logits.buffer()), "logits stay on the device until asked for");
        float[] got = logits.data();
        assertFalse(device.context().mirrors().isDeviceNewer(logits.buffer()));
        Approx.assertClose("sparse logits on the device", want, got, 400);
        device.detach();
    }

    @Test
    void residentOutputsComeHomeOnlyWhenTheHostAsks() {
        OpenClKernels device = OpenClKernels.resident(0);
        Backends.use(device);
        Tensor x = Tensor.of(new float[] {-2, -1, 0, 1, 2, 3}, 2, 3);
        Tensor y = Ops.affine(Ops.relu(x), 2f, 1f);
        assertTrue(device.context().mirrors().isDeviceNewer(y.buffer()));
        assertEquals(0f, y.buffer()[5], "not downloaded yet: the host array still holds its initial zeros");
        assertEquals(7f, y.data()[5]);
        assertEquals(1f, y.get(0, 0));
        // A host write after data() must reach the device on the next kernel call.
        y.data()[0] = 10f;
        Tensor z = Ops.neg(y);
        assertEquals(-10f, z.get(0, 0));
        device.detach();
    }
}
