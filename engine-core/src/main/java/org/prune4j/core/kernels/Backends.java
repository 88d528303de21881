package org.prune4j.core.kernels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Chooses the active {@link Kernels} backend. Backends are found with ServiceLoader;
 * {@code -Dprune4j.backend=NAME} or {@code PRUNE4J_BACKEND=NAME} forces one, otherwise
 * the available backend with the highest priority wins. {@link ReferenceKernels}
 * is always available.
 */
public final class Backends {
    private static volatile Kernels active;

    private Backends() {}

    /** All backends that can run here, reference included, highest priority first. */
    public static List<Kernels> available() {
        List<Kernels> list = new ArrayList<>();
        list.add(new ReferenceKernels());
        for (ServiceLoader.Provider<Kernels> p : ServiceLoader.load(Kernels.class).stream().toList()) {
            try {
                Kernels k = p.get();
                if (!k.name().equals("reference")) list.add(k);
            } catch (Throwable e) {
                // A backend that cannot start here (missing native library, no device) is skipped.
                System.err.println("prune4j: backend " + p.type().getName() + " unavailable: " + e.getMessage());
            }
        }
        list.sort(Comparator.comparingInt(Kernels::priority).reversed());
        return list;
    }

    public static Kernels get() {
        Kernels k = active;
        if (k == null) {
            synchronized (Backends.class) {
                k = active;
                if (k == null) {
                    k = select(requestedName());
                    active = k;
                }
            }
        }
        return k;
    }

    private static String requestedName() {
        String v = System.getProperty("prune4j.backend");
        if (v == null || v.isBlank()) v = System.getenv("PRUNE4J_BACKEND");
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The backend with the given name, or the best available one when name is null. */
    public static Kernels select(String name) {
        List<Kernels> all = available();
        if (name == null) return all.get(0);
        for (Kernels k : all) if (k.name().equalsIgnoreCase(name)) return k;
        throw new IllegalArgumentException("unknown backend '" + name + "'; available: "
                + all.stream().map(Kernels::name).toList());
    }

    /** Makes k the active backend (tests and the CLI use this). */
    public static void use(Kernels k) {
        if (k == null) throw new IllegalArgumentException("backend must not be null");
        active = k;
    }

    /** "backend: NAME (details), threads: T" for banners and logs. */
    public static String describe() {
        return "backend: " + get().describe() + ", threads: " + Parallel.threads();
    }
}
