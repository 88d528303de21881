package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;

/**
 * One immutable step of an {@link InferenceModel}: it reads a batch of samples of
 * {@link #inShape} and returns a batch of {@link #outShape} in an array taken from the
 * call's {@link ActivationBuffers} (or the input itself, when only the shape changes). Ops
 * never write to their input and hold no scratch, so any number of threads may run them at
 * once.
 */
public sealed interface CompiledOp permits ConvOp, LinearOp, ChannelAffineOp, ActivationOp, PoolOp, GlobalPoolOp, FlattenOp, ResidualOp {
    /** One sample's input shape. */
    int[] inShape();

    /** One sample's output shape. */
    int[] outShape();

    /** The result of a batch, in an array from out (overwritten in full) or x itself. */
    float[] run(Kernels k, float[] x, int batch, ActivationBuffers out);

    /** {@link #run(Kernels, float[], int, ActivationBuffers)} into a new array. */
    default float[] run(Kernels k, float[] x, int batch) { return run(k, x, batch, ActivationBuffers.NONE); }

    static int size(int[] shape) {
        int s = 1;
        for (int d : shape) s *= d;
        return s;
    }
}
