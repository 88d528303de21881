package org.prune4j.bench.cli.bench;

import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;

/**
 * Inference latency of a model at a batch size, in eval mode without gradients, on a
 * fixed random input. The layer policy selects how masked layers run: DENSE computes
 * w ⊙ m with the dense kernels (what an unaware engine pays), SPARSE forces the CSR
 * kernels, AUTO lets each layer use whichever it measured faster.
 */
public final class ModelLatency {
    private ModelLatency() {}

    public static Latency measure(Module model, int[] sampleDims, int batch, MeasuredKernelChoice.Policy policy, LatencyMeter meter) {
        int[] dims = new int[sampleDims.length + 1];
        dims[0] = batch;
        System.arraycopy(sampleDims, 0, dims, 1, sampleDims.length);
        int size = 1;
        for (int d : dims) size *= d;
        float[] x = new float[size];
        Rng rng = new Rng(42);
        for (int i = 0; i < size; i++) x[i] = (float) rng.gaussian();
        Tensor input = Tensor.of(x, dims);
        boolean wasTraining = model.isTraining();
        MeasuredKernelChoice.Policy before = MeasuredKernelChoice.policy();
        model.eval();
        MeasuredKernelChoice.setPolicy(policy);
        try (var ng = GradMode.noGrad()) {
            return meter.measure(() -> model.forward(input));
        } finally {
            MeasuredKernelChoice.setPolicy(before);
            model.train(wasTraining);
        }
    }
}
