package org.prune4j.bench.cli;

import java.nio.file.Path;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.tensor.Device;
import picocli.CommandLine.Option;

/** Flags shared by every command (a picocli mixin). */
public final class CommonOptions {
    @Option(names = "--threads", description = "Worker threads (default: PRUNE4J_THREADS or all cores).")
    Integer threads;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or opencl[:N] (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--backend", description = "CPU kernel backend: simd, reference (default: the fastest available).")
    String backend;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", description = "Data set directory (default: /usr/share/datasets/fashion-mnist for fashion-mnist).")
    Path dataDir;

    @Option(names = "--out", description = "Output directory (default: runs/<timestamp>-<command>/).")
    Path out;

    @Option(names = "--verbose", description = "Print stack traces on errors.")
    boolean verbose;

    /** Applies --threads, --device and --backend; call first in every command. */
    void apply() {
        if (threads != null) {
            if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
            Parallel.setThreads(threads);
        }
        Device d = Device.parse(device);
        if (d.kind() == Device.Kind.OPENCL) {
            if (backend != null && !backend.equalsIgnoreCase("opencl")) {
                throw new IllegalArgumentException("--device " + device + " conflicts with --backend " + backend);
            }
            Backends.use(openCl());
        } else if (backend != null) {
            if (backend.equalsIgnoreCase("opencl")) throw new IllegalArgumentException("use --device opencl to run on OpenCL, not --backend");
            Backends.use(Backends.select(backend));
        }
    }

    private static Kernels openCl() {
        for (Kernels k : Backends.available()) if (k.name().equalsIgnoreCase("opencl")) return k;
        throw new IllegalArgumentException("--device opencl: no OpenCL backend is available here (available: "
                + Backends.available().stream().map(Kernels::name).toList()
                + "); it needs the kernels-opencl module and an OpenCL platform (apt-get install pocl-opencl-icd ocl-icd-opencl-dev)");
    }

    public long seed() { return seed; }

    public Path dataDir() { return dataDir; }

    public Path out() { return out; }
}
