package org.prune4j.bench.cli.pipeline;

import org.prune4j.bench.cli.bench.Latency;
import org.prune4j.bench.cli.bench.LatencyMeter;
import org.prune4j.bench.cli.bench.CompiledLatency;
import org.prune4j.core.sparse.MeasuredKernelChoice.Policy;
import org.prune4j.nn.Module;
import org.prune4j.nn.flops.FlopCounter;
import org.prune4j.nn.flops.FlopReport;

/**
 * The cost side of a pruned model, all measured in this process: parameters and FLOPs
 * dense and effective (with ShrinkBench's compression ratio and theoretical speedup),
 * and inference latency at batch 1 and 64 of the dense model and of the pruned one,
 * both compiled for inference (the dense one on dense kernels, the pruned one with each
 * layer on whichever kernel it measured faster), so measured speedup sits beside the
 * theoretical one.
 */
public record ModelMeasurements(FlopReport flops, Latency dense1, Latency sparse1, Latency dense64, Latency sparse64) {
    public static final int SMALL_BATCH = 1, LARGE_BATCH = 64;

    public static ModelMeasurements of(Module dense, Module pruned, int[] sampleDims, LatencyMeter meter) {
        FlopReport f = FlopCounter.count(pruned, sampleDims);
        Latency d1 = CompiledLatency.measure(dense, sampleDims, SMALL_BATCH, Policy.DENSE, meter);
        Latency s1 = CompiledLatency.measure(pruned, sampleDims, SMALL_BATCH, Policy.AUTO, meter);
        Latency d64 = CompiledLatency.measure(dense, sampleDims, LARGE_BATCH, Policy.DENSE, meter);
        Latency s64 = CompiledLatency.measure(pruned, sampleDims, LARGE_BATCH, Policy.AUTO, meter);
        return new ModelMeasurements(f, d1, s1, d64, s64);
    }

    public double speedup1() { return dense1.medianMs() / sparse1.medianMs(); }

    public double speedup64() { return dense64.medianMs() / sparse64.medianMs(); }
}
