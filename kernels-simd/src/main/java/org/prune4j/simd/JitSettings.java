package org.prune4j.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Checks, once, that HotSpot will collect the type profiles the Vector API kernels need, and warns if not.
 *
 * <p>Every Vector API operation is a virtual call on the abstract {@code FloatVector} ({@code b.fma(a, c)} reaches
 * {@code Float512Vector.lanewise}). C2 turns those into single instructions only when it can inline them, and in a
 * kernel it learns the receiver's class from the type profile of the API's shared methods. HotSpot's tiered policy
 * compiles a method at tier 2 (C1 without type profiling) instead of tier 3 while C2's queue is longer than
 * {@code Tier3DelayOn} (default 5) methods per C2 thread, which on a 2-core machine is the case for much of a JVM's
 * first seconds. When {@code FloatVector.fma} and its kin land there, C2 later compiles the kernels with virtual calls
 * that it inlines only late, and the vectors stay boxed: an allocation per operation. Measured (session 27,
 * docs/BENCHMARKS.md): MobileNet's 7×7 512→1024 1×1 forward at batch 64 ran at 85–320 ms instead of ~11 in 7 of 20
 * JMH forks for good, and in 0 of 20 with {@code -XX:Tier3DelayOn=100000}, which keeps tier 3 (profiled) at any
 * queue length. The launcher, the JMH forks and the test JVMs pass that flag; an embedding application should too.
 */
final class JitSettings {
    /** The flag the launcher passes. */
    static final String ADVISED = "-XX:Tier3DelayOn=100000";
    /** Queue lengths per C2 thread at or above this never reach in a JVM (C2 compiles a few hundred methods). */
    static final long ENOUGH = 10_000;

    private JitSettings() {}

    /**
     * The warning for a JVM whose options read as given (HotSpot's {@code TieredCompilation} and
     * {@code Tier3DelayOn} values), or null when its kernels' profiles are safe: tiered compilation off (the
     * interpreter profiles everything before C2) or tier 3 kept at any queue length.
     */
    static String advice(String tieredCompilation, String tier3DelayOn) {
        if (!Boolean.parseBoolean(tieredCompilation)) return null;
        long delay;
        try {
            delay = Long.parseLong(tier3DelayOn.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (delay >= ENOUGH) return null;
        return "Prune4J: this JVM runs with -XX:Tier3DelayOn=" + delay + ": while the JIT is busy, HotSpot compiles "
                + "methods without type profiles, and a Vector API kernel compiled after that may keep its vectors boxed "
                + "and run ~10x slower for the life of the JVM (measured: 7 of 20 JVMs on one layer). Add " + ADVISED
                + " to the java command line.";
    }

    /** Logs {@link #advice} once for this JVM, when it is HotSpot with the management module; silent otherwise. */
    static void check() {
        String message;
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null) return;
            message = advice(vm.getVMOption("TieredCompilation").getValue(), vm.getVMOption("Tier3DelayOn").getValue());
        } catch (LinkageError | RuntimeException e) {
            return; // not HotSpot, or a runtime without jdk.management: nothing to read, nothing to advise
        }
        if (message != null) System.getLogger("org.prune4j.simd").log(System.Logger.Level.WARNING, message);
    }
}
