package org.prune4j.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.ops.Ops;

/** Which arrays a backward sweep hands on to later results, and that gradients come out the same bits with it. */
class GradientRecyclerTest {
    @AfterEach
    void uninstall() { HostAccess.install(null); }

    @Test
    void outsideASweepEveryResultIsNewAndZeroed() {
        float[] a = HostAccess.newStorage(8);
        a[3] = 5f;
        GradientRecycler.dropped(a);
        float[] b = HostAccess.newResult(8);
        assertNotSame(a, b);
        assertArrayEquals(new float[8], b);
    }

    @Test
    void aSweepHandsOnOnlyArraysItCreatedAndDropped() {
        float[] foreign = new float[8];
        float[] before = HostAccess.newStorage(8);
        try (GradientRecycler r = GradientRecycler.open()) {
            GradientRecycler.dropped(foreign);
            GradientRecycler.dropped(before);
            float[] mine = HostAccess.newStorage(8);
            assertNotSame(foreign, HostAccess.newResult(8));
            GradientRecycler.dropped(mine);
            GradientRecycler.dropped(mine); // twice: still handed out once
            assertSame(mine, HostAccess.newResult(8));
            float[] next = HostAccess.newResult(8);
            assertNotSame(mine, next);
            assertNotSame(before, next);
            GradientRecycler.dropped(next);
            assertNotSame(next, HostAccess.newResult(9), "lengths must match");
            assertSame(next, HostAccess.newResult(8));
        }
        float[] after = HostAccess.newStorage(8);
        GradientRecycler.dropped(after);
        assertNotSame(after, HostAccess.newResult(8), "closed: nothing is kept");
    }

    @Test
    void nestedSweepsKeepTheirOwnArraysAndCloseInOrder() {
        try (GradientRecycler outer = GradientRecycler.open()) {
            float[] a = HostAccess.newStorage(4);
            try (GradientRecycler inner = GradientRecycler.open()) {
                GradientRecycler.dropped(a); // created by the outer sweep: not the inner one's to hand on
                assertNotSame(a, HostAccess.newResult(4));
                assertThrows(IllegalStateException.class, outer::close);
            }
            GradientRecycler.dropped(a);
            assertSame(a, HostAccess.newResult(4));
        }
    }

    @Test
    void aListeningDeviceBackendTurnsItOff() {
        HostAccess.install(QuietDevice.LISTENER);
        try (GradientRecycler r = GradientRecycler.open()) {
            float[] a = HostAccess.newStorage(8);
            GradientRecycler.dropped(a);
            assertNotSame(a, HostAccess.newResult(8));
        }
    }

    /**
     * A graph with residual sums (whose gradient the left side takes over, or adds into the one it has), fan-out
     * (gradients added into an existing one, then dropped), a retained intermediate and fused kernels: every gradient has the same bits with recycling
     * as without it (a listener turns it off), and the retained one is not overwritten by later results.
     */
    @Test
    void gradientsAreTheSameBitsWithAndWithoutRecycling() {
        Result plain, recycled;
        HostAccess.install(QuietDevice.LISTENER);
        try {
            plain = run();
        } finally {
            HostAccess.install(null);
        }
        recycled = run();
        assertArrayEquals(plain.dx, recycled.dx);
        assertArrayEquals(plain.dw1, recycled.dw1);
        assertArrayEquals(plain.dw2, recycled.dw2);
        assertArrayEquals(plain.dgamma, recycled.dgamma);
        assertArrayEquals(plain.retained, recycled.retained);
        assertEquals(plain.loss, recycled.loss);
    }

    private record Result(float[] dx, float[] dw1, float[] dw2, float[] dgamma, float[] retained, float loss) {}

    private static Result run() {
        Random rng = new Random(7);
        Tensor x = random(rng, 2, 4, 6, 6).requiresGrad(true);
        Tensor w1 = random(rng, 4, 4, 3, 3).requiresGrad(true), w2 = random(rng, 4, 4, 3, 3).requiresGrad(true);
        Tensor gamma = random(rng, 4).requiresGrad(true), beta = random(rng, 4).requiresGrad(true);
        Tensor runMean = Tensor.zeros(4), runVar = Tensor.ones(4);
        Tensor h1 = Ops.relu(Ops.conv2d(x, w1, null, 1, 1));
        Tensor h2 = Ops.batchNorm(Ops.conv2d(h1, w2, null, 1, 1), gamma, beta, runMean, runVar, true, 0.1f, 1e-5f);
        Tensor r = Ops.relu(Ops.add(h2, x)).retainGrad();
        Tensor s = Ops.add(r, h1);
        Tensor t = Ops.mulScalar(Ops.tanh(s), 3f);
        Tensor u = Ops.add(t, Ops.mul(t, t));
        // u is the left side of a sum and read again after it, so it has a gradient when the sum hands its own on.
        Tensor q = Ops.mul(Ops.add(u, t), u);
        Tensor loss = Ops.sum(Ops.add(Ops.sigmoid(q), Ops.relu(Ops.neg(q))));
        loss.backward();
        return new Result(x.gradArray().clone(), w1.gradArray().clone(), w2.gradArray().clone(), gamma.gradArray().clone(),
                r.gradArray().clone(), loss.data()[0]);
    }

    private static Tensor random(Random rng, int... dims) {
        Tensor t = Tensor.zeros(dims);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
        return t;
    }
}
