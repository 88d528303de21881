package org.prune4j.core.autograd;

/**
 * Whether ops record the tape, per thread. {@code try (var ng = GradMode.noGrad()) {...}}
 * turns recording off for the block and restores the previous state.
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    public static boolean isEnabled() { return ENABLED.get()[0]; }

    /** A scope with gradients off. */
    public static Scope noGrad() { return set(false); }

    /** A scope with gradients on (inside a no-grad region). */
    public static Scope enableGrad() { return set(true); }

    private static Scope set(boolean on) {
        boolean[] cell = ENABLED.get();
        boolean prev = cell[0];
        cell[0] = on;
        return () -> cell[0] = prev;
    }

    /** A scope that restores the previous mode when closed. */
    public interface Scope extends AutoCloseable {
        @Override void close();
    }
}
