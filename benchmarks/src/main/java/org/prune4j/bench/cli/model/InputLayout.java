package org.prune4j.bench.cli.model;

import java.util.Arrays;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/**
 * How a batch of samples is shaped for a model. Convolutional models take images
 * [N, C, H, W]; FastGRNN takes sequences [N, T, F], so a one-channel image is read row
 * by row (Fashion-MNIST as 28 steps of 28 pixels); the MLP flattens whatever it gets.
 * Pairs that make no sense (a CNN on sensor sequences) are rejected with the reason.
 */
public record InputLayout(int[] sampleDims, int inChannels) {

    public static InputLayout of(String model, Shape sample) {
        int[] d = sample.dims();
        if (model.equals("mlp")) return new InputLayout(d, 1);
        if (model.equals("fastgrnn")) {
            if (d.length == 2) return new InputLayout(d, d[1]);
            if (d.length == 3 && d[0] == 1) return new InputLayout(new int[] {d[1], d[2]}, d[2]);
            throw new IllegalArgumentException("fastgrnn needs sequences [T, F] or one-channel images [1, H, W], got samples " + sample);
        }
        if (d.length != 3) {
            throw new IllegalArgumentException("model " + model + " needs images [C, H, W], but the dataset gives samples " + sample
                    + "; use fastgrnn or mlp for sequence data");
        }
        return new InputLayout(d, d[0]);
    }

    /** The batch x viewed as [N, sampleDims...] (no copy). */
    public Tensor apply(Tensor x) {
        int[] dims = new int[sampleDims.length + 1];
        dims[0] = x.dim(0);
        System.arraycopy(sampleDims, 0, dims, 1, sampleDims.length);
        return Arrays.equals(x.shape().dims(), dims) ? x : x.reshape(dims);
    }
}
