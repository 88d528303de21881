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
 *
 * <p>Choosing constructs only the backend chosen (and any that failed to start before it): providers
 * declare their name and priority with {@link BackendInfo}. Constructing every provider, as this class
 * once did, started the OpenCL backend in every process that had it on the class path, and on PoCL
 * that loads LLVM, which replaces the JVM's SIGSEGV handler with one that resets itself on first use
 * (SA_RESETHAND): when two threads then hit an armed safepoint poll at once, the second fault found
 * no handler and the process died with exit code 139 and no hs_err file (a dense training step
 * under JMH lost ~1 fork in 4). {@link #available()} still constructs every backend: it is for
 * listing them. A process that uses the OpenCL backend on PoCL should preload the JVM's
 * signal-chaining library ({@code LD_PRELOAD=$JAVA_HOME/lib/libjsig.so}, as the prune4j launcher does).
 */
public final class Backends {
    private static volatile Kernels active;

    private Backends() {}

    /** All backends that can run here, reference included, highest priority first: constructs every one of them. */
    public static List<Kernels> available() {
        List<Kernels> list = new ArrayList<>();
        list.add(new ReferenceKernels());
        for (ServiceLoader.Provider<Kernels> p : ServiceLoader.load(Kernels.class).stream().toList()) {
            Kernels k = start(p);
            if (k != null && !k.name().equals("reference")) list.add(k);
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

    /**
     * The backend with the given name, or the best available one when name is null, constructing no backend
     * that a declared name or priority ({@link BackendInfo}) rules out.
     */
    public static Kernels select(String name) {
        Kernels reference = new ReferenceKernels();
        if (name != null && name.equalsIgnoreCase(reference.name())) return reference;
        List<ServiceLoader.Provider<Kernels>> providers = new ArrayList<>(ServiceLoader.load(Kernels.class).stream().toList());
        // Declared priorities first, highest first; undeclared ones are constructed in turn to learn theirs.
        providers.sort(Comparator.comparingInt((ServiceLoader.Provider<Kernels> p) -> {
            BackendInfo info = p.type().getAnnotation(BackendInfo.class);
            return info == null ? Integer.MAX_VALUE : info.priority();
        }).reversed());
        Kernels best = name == null ? reference : null;
        List<String> names = new ArrayList<>(List.of(reference.name()));
        for (ServiceLoader.Provider<Kernels> p : providers) {
            BackendInfo info = p.type().getAnnotation(BackendInfo.class);
            if (info != null) {
                names.add(info.name());
                if (name != null ? !info.name().equalsIgnoreCase(name) : info.priority() <= best.priority()) continue;
            }
            Kernels k = start(p);
            if (k == null || k.name().equals(reference.name())) continue;
            if (info == null) names.add(k.name());
            if (name != null ? k.name().equalsIgnoreCase(name) : k.priority() > best.priority()) {
                if (name != null) return k;
                best = k;
            }
        }
        if (best != null) return best;
        throw new IllegalArgumentException("unknown or unavailable backend '" + name + "'; known: " + names
                + " (a backend that failed to start says why on stderr)");
    }

    private static Kernels start(ServiceLoader.Provider<Kernels> p) {
        try {
            return p.get();
        } catch (Throwable e) {
            // A backend that cannot start here (missing native library, no device) is skipped.
            System.err.println("prune4j: backend " + p.type().getName() + " unavailable: " + e.getMessage());
            return null;
        }
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
