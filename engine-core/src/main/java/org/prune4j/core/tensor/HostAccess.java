package org.prune4j.core.tensor;

/**
 * The hook through which a device backend keeps tensor storage on an accelerator
 * between kernel calls. Without a listener (the default, and with every CPU backend)
 * each method is a single null check.
 *
 * <p>The contract for engine code: an array held by a {@link Tensor} may be newer on
 * the device than on the host. {@link Tensor#data()} (and {@link Tensor#gradArray()})
 * therefore calls {@link #beforeHostAccess} first, which downloads it if needed and
 * marks the host copy as the one that may now change. Code that only hands an
 * array to a kernel uses {@link Tensor#buffer()}, which does not sync, so data stays
 * on the device across ops. Host code must not keep a raw array across kernel calls
 * and write to it later: it calls {@code data()} again before each host access.
 */
public final class HostAccess {
    /** Implemented by a device backend; calls may come from any thread. */
    public interface Listener {
        /** Tensor storage was created: the backend may keep it on the device from now on. */
        void onTensorStorage(float[] array);

        /** Host code is about to read or write array: make the host copy current. */
        void beforeHostAccess(float[] array);

        /** An index array only kernels read (max-pool argmax): the backend may keep it on the device. */
        default void onIndexStorage(int[] array) {}
    }

    private static volatile Listener listener;

    private HostAccess() {}

    /** Installs (or, with null, removes) the listener; returns the previous one. */
    public static synchronized Listener install(Listener l) {
        Listener old = listener;
        listener = l;
        return old;
    }

    public static Listener listener() { return listener; }

    static void created(float[] array) {
        Listener l = listener;
        if (l != null) l.onTensorStorage(array);
    }

    /**
     * A new zeroed array for kernel results that are not tensors (gradients inside
     * backward, statistics): announced like tensor storage, so a device backend may
     * keep it on the device. Whoever reads it on the host calls {@link #beforeHostAccess} first.
     */
    public static float[] newStorage(int n) {
        float[] a = new float[n];
        created(a);
        GradientRecycler.created(a);
        return a;
    }

    /**
     * {@link #newStorage} for a result that a kernel overwrites in full (every element written, none read first):
     * during a backward sweep on the host, an array of length n the sweep has dropped ({@link GradientRecycler}),
     * whose contents are arbitrary; otherwise a new one.
     */
    public static float[] newResult(int n) {
        float[] a = listener == null ? GradientRecycler.take(n) : null;
        return a != null ? a : newStorage(n);
    }

    /** A new zeroed index array that only kernels read (never the host), announced so it may stay on the device. */
    public static int[] newIndexStorage(int n) {
        int[] a = new int[n];
        Listener l = listener;
        if (l != null) l.onIndexStorage(a);
        return a;
    }

    /** Makes the host copy of array current before host code touches it; returns array. */
    public static float[] beforeHostAccess(float[] array) {
        Listener l = listener;
        if (l != null && array != null) l.beforeHostAccess(array);
        return array;
    }
}
