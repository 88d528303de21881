package org.prune4j.bench.cli;

import java.util.concurrent.Callable;
import jdk.incubator.vector.FloatVector;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints the machine, the available backends and the one that would run. */
@Command(name = "info", description = "Show the JDK, vector width, threads and available backends.")
final class InfoCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override public Integer call() {
        common.apply();
        System.out.println(Prune4jCli.banner());
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", max heap: "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, preferred vector: "
                + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
        System.out.println("available backends (highest priority first):");
        for (Kernels k : Backends.available()) System.out.println("  " + k.name() + "  - " + k.describe());
        return 0;
    }
}
