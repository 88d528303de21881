package org.prune4j.bench.cli.bench;

import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.infer.InferenceCompiler;
import org.prune4j.nn.infer.InferenceModel;

/**
 * Latency of a model as it would be deployed: compiled to an {@link InferenceModel}
 * (BatchNorm folded, ReLU fused, each layer on its measured-faster kernel under the
 * given policy) and run on a fixed random batch. Models the compiler cannot export
 * (recurrent ones) are timed as modules instead.
 */
public final class CompiledLatency {
    private CompiledLatency() {}

    public static Latency measure(Module model, int[] sampleDims, int batch, MeasuredKernelChoice.Policy policy, LatencyMeter meter) {
        InferenceModel compiled;
        try {
            compiled = compile(model, sampleDims, policy);
        } catch (IllegalArgumentException notExportable) {
            return ModelLatency.measure(model, sampleDims, batch, policy, meter);
        }
        return measure(compiled, sampleDims, batch, meter);
    }

    /**
     * Latency of a compiled model on a fixed random batch. Its layers decide dense or sparse for this
     * batch first (then pooled or on the caller alone), outside the warm-up: each decision times both kernels for 0.1-2 s, and a warm-up
     * that swallowed them left the first timed runs on cold kernels (the demo's pruned ResNet-8 at
     * batch 64: 9.5 ms measured against 7.2 ms once settled).
     */
    public static Latency measure(InferenceModel compiled, int[] sampleDims, int batch, LatencyMeter meter) {
        int size = batch;
        for (int d : sampleDims) size *= d;
        float[] x = new float[size];
        Rng rng = new Rng(42);
        for (int i = 0; i < size; i++) x[i] = (float) rng.gaussian();
        compiled.sparseLayers(batch);
        compiled.forward(x, batch); // and whether each layer runs on the caller alone, timed as the kernels were
        return meter.measure(() -> compiled.forward(x, batch));
    }

    /** Compiles under a kernel policy (DENSE: every layer on the dense kernel; AUTO: measured per layer). */
    public static InferenceModel compile(Module model, int[] sampleDims, MeasuredKernelChoice.Policy policy) {
        MeasuredKernelChoice.Policy before = MeasuredKernelChoice.policy();
        MeasuredKernelChoice.setPolicy(policy);
        try {
            return InferenceCompiler.compile(model, sampleDims);
        } finally {
            MeasuredKernelChoice.setPolicy(before);
        }
    }
}
