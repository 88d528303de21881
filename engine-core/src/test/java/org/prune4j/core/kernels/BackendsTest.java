package org.prune4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Backends.select constructs only what it chooses: a provider that declares a name and priority
 * ({@link BackendInfo}) that rule it out is never constructed (the OpenCL backend on PoCL replaces the
 * JVM's signal handlers when it starts), an undeclared one is, and a declared one that fails to start is
 * skipped. The three fakes are registered in this module's test resources.
 */
class BackendsTest {
    static final AtomicInteger LOW = new AtomicInteger(), UNDECLARED = new AtomicInteger(), BROKEN = new AtomicInteger();

    @BackendInfo(name = "fake-low", priority = -5)
    public static final class DeclaredLow extends ReferenceKernels {
        public DeclaredLow() { LOW.incrementAndGet(); }
        @Override public String name() { return "fake-low"; }
        @Override public int priority() { return -5; }
    }

    public static final class Undeclared extends ReferenceKernels {
        public Undeclared() { UNDECLARED.incrementAndGet(); }
        @Override public String name() { return "fake-undeclared"; }
        @Override public int priority() { return -7; }
    }

    @BackendInfo(name = "fake-broken", priority = 50)
    public static final class DeclaredBroken extends ReferenceKernels {
        public DeclaredBroken() {
            BROKEN.incrementAndGet();
            throw new IllegalStateException("no device here");
        }
        @Override public String name() { return "fake-broken"; }
        @Override public int priority() { return 50; }
    }

    @Test
    void defaultChoiceConstructsNoDeclaredBackendOfLowerPriority() {
        int low = LOW.get(), undeclared = UNDECLARED.get(), broken = BROKEN.get();
        Kernels k = Backends.select(null);
        assertEquals("reference", k.name(), "the broken priority-50 backend is skipped, the low ones lose to reference");
        assertEquals(low, LOW.get(), "a declared priority-(-5) backend must not be constructed for the default choice");
        assertEquals(undeclared + 1, UNDECLARED.get(), "an undeclared backend is constructed to learn its priority");
        assertEquals(broken + 1, BROKEN.get(), "the declared best is tried first");
    }

    @Test
    void namedChoiceConstructsOnlyTheNamedDeclaredBackend() {
        int low = LOW.get(), broken = BROKEN.get();
        assertEquals("fake-low", Backends.select("FAKE-LOW").name());
        assertEquals(low + 1, LOW.get());
        assertEquals(broken, BROKEN.get(), "a declared backend of another name must not be constructed");
        assertEquals("reference", Backends.select("reference").name());
        assertEquals(low + 1, LOW.get());
    }

    @Test
    void unknownOrBrokenNameSaysWhatIsKnown() {
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.select("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("fake-low") && e.getMessage().contains("reference"),
                e.getMessage());
        var broken = assertThrows(IllegalArgumentException.class, () -> Backends.select("fake-broken"));
        assertTrue(broken.getMessage().contains("fake-broken"), broken.getMessage());
    }
}
