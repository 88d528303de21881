package org.prune4j.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which Tensor accessors announce host access to a device backend, and which do not. */
class HostAccessTest {
    private final List<float[]> created = new ArrayList<>(), accessed = new ArrayList<>();
    private final HostAccess.Listener recorder = new HostAccess.Listener() {
        @Override public void onTensorStorage(float[] a) { created.add(a); }
        @Override public void beforeHostAccess(float[] a) { accessed.add(a); }
    };

    @AfterEach
    void uninstall() { HostAccess.install(null); }

    @Test
    void dataAndElementAccessSyncButBufferDoesNot() {
        HostAccess.install(recorder);
        Tensor t = Tensor.zeros(2, 3);
        assertSame(t.buffer(), created.get(0));
        t.buffer();
        assertTrue(accessed.isEmpty(), "buffer() is for kernels and must not sync");
        t.data();
        t.set(1f, 0, 1);
        t.get(0, 1);
        t.copy();
        assertEquals(4, accessed.size());
        for (float[] a : accessed) assertSame(t.buffer(), a);
    }

    @Test
    void gradientsAccumulateThroughKernelsAndSyncOnlyWhenTheHostReadsThem() {
        HostAccess.install(recorder);
        Tensor t = Tensor.zeros(4).requiresGrad(true);
        float[] g = {1, 2, 3, 4};
        t.accumulateGrad(g);
        t.accumulateGrad(g);
        assertTrue(accessed.isEmpty(), "a gradient made on the device must not come home to be accumulated: " + accessed.size());
        assertSame(t.gradBuffer(), created.get(created.size() - 1), "the gradient array is announced as storage, so it may stay on the device");
        assertEquals(2f, t.gradBuffer()[0]);
        t.gradArray();
        assertEquals(1, accessed.size());
        assertSame(t.gradBuffer(), accessed.get(0));
    }

    @Test
    void backwardHandsGradientsToNodesWithoutSyncing() {
        HostAccess.install(recorder);
        Tensor x = Tensor.of(new float[] {1, -2, 3}, 3).requiresGrad(true);
        Tensor y = org.prune4j.core.ops.Ops.mulScalar(org.prune4j.core.ops.Ops.relu(x), 3f);
        org.prune4j.core.ops.Ops.sum(y).backward();
        assertTrue(accessed.isEmpty(), "backward through relu, affine and sum syncs nothing: " + accessed.size() + " host accesses");
        assertEquals(3f, x.gradArray()[0]);
        assertEquals(0f, x.gradArray()[1]);
    }

    @Test
    void withoutAListenerNothingHappens() {
        Tensor t = Tensor.ones(3);
        assertEquals(1f, t.data()[2]);
        assertTrue(created.isEmpty() && accessed.isEmpty());
    }
}
