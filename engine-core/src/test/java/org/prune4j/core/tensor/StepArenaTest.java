package org.prune4j.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.ops.Ops;

/** What a training step's arena hands to the next step, what it releases, and that training comes out the same bits. */
class StepArenaTest {
    @AfterEach
    void uninstall() { HostAccess.install(null); }

    @Test
    void outsideAStepResultsAreNewZeroedAndNeverReleased() {
        StepArena arena = new StepArena();
        try (StepArena.Step s = arena.step()) {
            Ops.relu(Tensor.full(2f, 8));
        }
        assertEquals(32, arena.freeBytes());
        Tensor a = Tensor.result(Device.CPU, 8), b = Ops.relu(Tensor.full(3f, 8));
        assertArrayEquals(new float[8], a.data(), "no step open: a new zeroed array");
        assertEquals(0, arena.reusedArrays());
        assertEquals(32, arena.freeBytes(), "the arena's free array waits for its next step");
        try (StepArena.Step s = arena.step()) {
            Ops.relu(Tensor.full(1f, 8));
        }
        assertFalse(a.isReleased());
        assertFalse(b.isReleased());
        assertArrayEquals(new float[] {3, 3, 3, 3, 3, 3, 3, 3}, b.data());
    }

    @Test
    void aStepReleasesItsResultsAndTheirViewsAndTheNextStepTakesTheirArrays() {
        StepArena arena = new StepArena();
        Tensor x = Tensor.full(-1f, 2, 3).requiresGrad(true);
        Tensor scaled, y, view, detached, kept;
        float[] a, b;
        try (StepArena.Step s = arena.step()) {
            scaled = Ops.mulScalar(x, -2f);
            y = Ops.relu(scaled);
            a = scaled.buffer();
            b = y.buffer();
            view = y.reshape(3, 2);
            detached = y.detach();
            kept = y.copy();
            Ops.sum(y).backward();
        }
        assertEquals(2, arena.createdArrays(), "the affine and relu results (the sum is not an arena result)");
        for (Tensor t : List.of(scaled, y, view, detached)) {
            assertTrue(t.isReleased());
            IllegalStateException e = assertThrows(IllegalStateException.class, t::data);
            assertTrue(e.getMessage().contains("released when the training step that computed it ended"), e.getMessage());
            assertThrows(IllegalStateException.class, t::buffer);
            assertThrows(IllegalStateException.class, t::copy);
            assertThrows(IllegalStateException.class, () -> t.reshape(6));
            assertTrue(t.toString().contains("released"), t.toString());
        }
        assertArrayEquals(new float[] {2, 2, 2, 2, 2, 2}, kept.data(), "a copy made in the step is the caller's");
        assertFalse(x.isReleased(), "inputs made outside the step are untouched");
        assertArrayEquals(new float[] {-2, -2, -2, -2, -2, -2}, x.gradArray(), "gradients are not the arena's");
        try (StepArena.Step s = arena.step()) {
            Tensor t = Ops.mulScalar(x, 3f), z = Ops.relu(t);
            assertEquals(2, arena.reusedArrays());
            assertTrue((t.buffer() == a && z.buffer() == b) || (t.buffer() == b && z.buffer() == a), "the freed arrays");
            assertArrayEquals(new float[6], z.data(), "the kernels overwrote the old step's values");
            assertArrayEquals(new float[] {-3, -3, -3, -3, -3, -3}, t.data());
        }
    }

    @Test
    void betweenStepsItHoldsTheLastStepsArraysOnly() {
        StepArena arena = new StepArena();
        try (StepArena.Step s = arena.step()) {
            Ops.relu(Tensor.full(1f, 8));
            Ops.relu(Tensor.full(1f, 16));
        }
        assertEquals(4L * (8 + 16), arena.freeBytes());
        float[] kept;
        try (StepArena.Step s = arena.step()) { // a short step: the 16-float array is not needed
            kept = Ops.relu(Tensor.full(1f, 8)).buffer();
            Ops.relu(Tensor.full(1f, 4));
        }
        assertEquals(4L * (8 + 4), arena.freeBytes(), "the unused 16-float array went to the collector");
        try (StepArena.Step s = arena.step()) {
            assertSame(kept, Ops.relu(Tensor.full(1f, 8)).buffer());
        }
    }

    @Test
    void nestedStepsReleaseTheirOwnResultsAndMustCloseInOrder() {
        StepArena arena = new StepArena();
        Tensor x = Tensor.full(1f, 4);
        try (StepArena.Step outer = arena.step()) {
            Tensor a = Ops.relu(x);
            Tensor b;
            Tensor viewOfA;
            try (StepArena.Step inner = arena.step()) {
                b = Ops.relu(x);
                viewOfA = a.reshape(2, 2); // a view made in the inner step of the outer step's result
                assertThrows(IllegalStateException.class, outer::close);
            }
            assertTrue(b.isReleased());
            assertFalse(a.isReleased());
            assertFalse(viewOfA.isReleased());
            outer.close();
            assertTrue(a.isReleased());
            assertTrue(viewOfA.isReleased(), "released with the array it shares");
        }
    }

    @Test
    void aListeningDeviceBackendOrAZeroCapTurnsItOff() {
        HostAccess.install(QuietDevice.LISTENER);
        StepArena arena = new StepArena();
        Tensor y;
        try (StepArena.Step s = arena.step()) {
            y = Ops.relu(Tensor.full(1f, 4));
        }
        assertFalse(y.isReleased());
        assertEquals(0, arena.createdArrays());
        HostAccess.install(null);
        StepArena none = new StepArena(0);
        float[] first;
        try (StepArena.Step s = none.step()) {
            first = Ops.relu(Tensor.full(1f, 4)).buffer();
        }
        try (StepArena.Step s = none.step()) {
            assertNotSame(first, Ops.relu(Tensor.full(1f, 4)).buffer());
        }
        assertEquals(0, none.reusedArrays());
        assertEquals(0, none.freeBytes());
        assertThrows(IllegalArgumentException.class, () -> new StepArena(-1));
    }

    /**
     * Five SGD steps through convolutions, batch norm, ReLU, residual sums and elementwise ops: the weights, running
     * statistics and losses have the same bits whether each step's results reuse the last step's arrays or not, and
     * the arena did hand arrays on.
     */
    @Test
    void trainingIsTheSameBitsWithAndWithoutTheArena() {
        StepArena arena = new StepArena();
        float[][] plain = train(null), reused = train(arena);
        assertTrue(arena.reusedArrays() > 0, "the arena handed arrays on");
        for (int i = 0; i < plain.length; i++) assertArrayEquals(plain[i], reused[i], "tensor " + i);
    }

    private static float[][] train(StepArena arena) {
        Random rng = new Random(7);
        Tensor x = random(rng, 2, 4, 6, 6);
        Tensor w1 = random(rng, 4, 4, 3, 3).requiresGrad(true), w2 = random(rng, 4, 4, 3, 3).requiresGrad(true);
        Tensor gamma = random(rng, 4).requiresGrad(true), beta = random(rng, 4).requiresGrad(true);
        Tensor runMean = Tensor.zeros(4), runVar = Tensor.ones(4);
        List<Tensor> params = List.of(w1, w2, gamma, beta);
        float[] losses = new float[5];
        for (int step = 0; step < losses.length; step++) {
            try (StepArena.Step s = arena == null ? null : arena.step()) {
                Tensor h1 = Ops.relu(Ops.conv2d(x, w1, null, 1, 1));
                Tensor h2 = Ops.batchNorm(Ops.conv2d(h1, w2, null, 1, 1), gamma, beta, runMean, runVar, true, 0.1f, 1e-5f);
                Tensor r = Ops.relu(Ops.add(h2, x));
                Tensor t = Ops.mulScalar(Ops.tanh(Ops.add(r, h1)), 0.5f);
                Tensor loss = Ops.sum(Ops.mul(t, t));
                losses[step] = loss.item();
                loss.backward();
                for (Tensor p : params) {
                    float[] d = p.data(), g = p.gradArray();
                    for (int i = 0; i < d.length; i++) d[i] -= 0.01f * g[i];
                    p.zeroGrad();
                }
            }
        }
        return new float[][] {w1.data().clone(), w2.data().clone(), gamma.data().clone(), beta.data().clone(),
                runMean.data().clone(), runVar.data().clone(), losses};
    }

    private static Tensor random(Random rng, int... dims) {
        Tensor t = Tensor.zeros(dims);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
        return t;
    }
}
