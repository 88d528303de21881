package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;

/**
 * One immutable step of an {@link InferenceModel}: it reads a batch of samples of
 * {@link #inShape} and returns a newly allocated batch of {@link #outShape}. Ops never
 * write to their input and hold no scratch, so any number of threads may run them at
 * once.
 */
public sealed interface CompiledOp permits ConvOp, LinearOp, ChannelAffineOp, ActivationOp, PoolOp, GlobalPoolOp, FlattenOp, ResidualOp {
    /** One sample's input shape. */
    int[] inShape();

    /** One sample's output shape. */
    int[] outShape();

    float[] run(Kernels k, float[] x, int batch);

    static int size(int[] shape) {
        int s = 1;
        for (int d : shape) s *= d;
        return s;
    }
}
