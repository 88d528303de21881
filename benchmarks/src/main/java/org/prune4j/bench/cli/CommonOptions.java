package org.prune4j.bench.cli;

import java.nio.file.Path;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Parallel;
import picocli.CommandLine.Option;

/** Flags shared by every command (a picocli mixin). */
public final class CommonOptions {
    @Option(names = "--threads", description = "Worker threads (default: PRUNE4J_THREADS or all cores).")
    Integer threads;

    @Option(names = "--backend", description = "Kernel backend: simd, reference, opencl (default: the fastest available).")
    String backend;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", description = "Data set directory (default: /usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--out", description = "Output directory (default: runs/<timestamp>/).")
    Path out;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    /** Applies --threads and --backend; call first in every command. */
    void apply() {
        if (threads != null) {
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            Parallel.setThreads(threads);
        }
        if (backend != null) Backends.use(Backends.select(backend));
    }
}
