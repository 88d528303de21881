package org.prune4j.core.tensor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Free float arrays kept by length for reuse, up to a byte limit: the store behind {@link GradientRecycler} (a
 * backward sweep's dropped gradients), {@link StepArena} (a training step's activations) and compiled inference's
 * per-call activation buffers. An array taken out is the taker's; its contents are whatever it last held. Not
 * thread-safe: each user keeps its pool to one thread at a time.
 */
public final class ArrayPool {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final long maxBytes;
    private long bytes;

    /** A pool holding at most maxBytes of free arrays (Long.MAX_VALUE: no limit). */
    public ArrayPool(long maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException("ArrayPool: maxBytes must be >= 0, got " + maxBytes);
        this.maxBytes = maxBytes;
    }

    /** A free array of length n, now the caller's, or null when the pool has none of that length. */
    public float[] take(int n) {
        ArrayDeque<float[]> q = free.get(n);
        if (q == null || q.isEmpty()) return null;
        bytes -= 4L * n;
        return q.pop();
    }

    /** Keeps a (which no one may use any more) for a later take; false, and a is left to the collector, past the limit. */
    public boolean give(float[] a) {
        long size = 4L * a.length;
        if (bytes + size > maxBytes) return false;
        free.computeIfAbsent(a.length, n -> new ArrayDeque<>()).push(a);
        bytes += size;
        return true;
    }

    /** Bytes of the free arrays held. */
    public long bytes() { return bytes; }

    /** Drops every free array (to the collector). */
    public void clear() {
        free.clear();
        bytes = 0;
    }
}
