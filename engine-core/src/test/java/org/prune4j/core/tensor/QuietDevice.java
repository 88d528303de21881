package org.prune4j.core.tensor;

/**
 * A {@link HostAccess} listener that does nothing, for tests of what the engine turns off while a device backend
 * listens (the recyclers of {@link GradientRecycler} and {@link StepArena}). Tests that install it uninstall it
 * after each test.
 */
final class QuietDevice {
    static final HostAccess.Listener LISTENER = new HostAccess.Listener() {
        @Override public void onTensorStorage(float[] a) {}
        @Override public void beforeHostAccess(float[] a) {}
    };

    private QuietDevice() {}
}
