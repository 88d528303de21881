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
    void gradientsAreSyncedBeforeTheHostSeesThem() {
        HostAccess.install(recorder);
        Tensor t = Tensor.zeros(4).requiresGrad(true);
        float[] g = {1, 2, 3, 4};
        t.accumulateGrad(g);
        assertSame(g, accessed.get(0), "a kernel may have produced g on the device before it is cloned");
        accessed.clear();
        t.gradArray();
        assertEquals(1, accessed.size());
    }

    @Test
    void withoutAListenerNothingHappens() {
        Tensor t = Tensor.ones(3);
        assertEquals(1f, t.data()[2]);
        assertTrue(created.isEmpty() && accessed.isEmpty());
    }
}
