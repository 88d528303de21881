package org.prune4j.core.tensor;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Gradient arrays that a backward sweep has dropped, handed to the same sweep's next kernel results of the same
 * length ({@link HostAccess#newResult}), so the sweep does not pay the JVM's zeroing of a new array for each of them.
 *
 * <p>Why: a new Java array is zeroed by the allocating thread while the kernel threads wait. In the 90%-sparse
 * ResNet-32 training step (batch 128) that zeroing took 31% of the calling thread's time, about half of it for the
 * gradients of the backward sweep (perf, docs/sittings/2026-12-03-s20/README.md). Those gradients die within the
 * sweep: each is read by one node and then dropped, and the next nodes need arrays of the same few sizes.
 *
 * <p>Which arrays may be handed on: only arrays {@link HostAccess#newStorage created} on this thread during this
 * sweep (never a caller's seed, a user's array or a forward result), only when the sweep has dropped them (an
 * intermediate's gradient after its node ran and no input of the node took the array over, or an array a node
 * added into a gradient and no longer needs), and only without a device backend listening, since a device backend
 * tracks arrays by identity. A recycled array's contents are arbitrary, so only results that a kernel overwrites
 * take one; the shared kernel conformance suite fills every kernel output with NaN first, which makes a kernel
 * that reads what it should overwrite fail there. Sweeps nest (a backward inside a node's backward keeps its own);
 * at most {@link #MAX_BYTES} wait at a time, and the rest are left to the collector as before.
 */
public final class GradientRecycler implements AutoCloseable {
    /** Bytes of dropped arrays one sweep keeps for reuse. */
    static final long MAX_BYTES = 256L << 20;

    private static final ThreadLocal<GradientRecycler> ACTIVE = new ThreadLocal<>();

    private final GradientRecycler outer;
    private final Map<float[], Boolean> born = new IdentityHashMap<>();
    private final ArrayPool free = new ArrayPool(MAX_BYTES);

    private GradientRecycler(GradientRecycler outer) {
        this.outer = outer;
    }

    /** Starts a sweep's recycling on this thread; close it when the sweep ends, however it ends. */
    public static GradientRecycler open() {
        GradientRecycler r = new GradientRecycler(ACTIVE.get());
        ACTIVE.set(r);
        return r;
    }

    @Override
    public void close() {
        if (ACTIVE.get() != this) throw new IllegalStateException("gradient recycler closed out of order");
        if (outer == null) ACTIVE.remove();
        else ACTIVE.set(outer);
        born.clear();
        free.clear();
    }

    /**
     * The sweep no longer references a: it may go to a later result of the same length if this thread's sweep
     * created it. Anything else (no sweep, a device backend, an array from elsewhere, the cap reached) is ignored.
     */
    public static void dropped(float[] a) {
        GradientRecycler r = ACTIVE.get();
        if (r == null || a == null || HostAccess.listener() != null || r.born.remove(a) == null) return;
        r.free.give(a);
    }

    /** Records an array created on this thread during the sweep (no-op outside one). */
    static void created(float[] a) {
        GradientRecycler r = ACTIVE.get();
        if (r != null) r.born.put(a, Boolean.TRUE);
    }

    /** A dropped array of length n, taken from the pool (and owned by the sweep again), or null. */
    static float[] take(int n) {
        GradientRecycler r = ACTIVE.get();
        if (r == null) return null;
        float[] a = r.free.take(n);
        if (a != null) r.born.put(a, Boolean.TRUE);
        return a;
    }
}
