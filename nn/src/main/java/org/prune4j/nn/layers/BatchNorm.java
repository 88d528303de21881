package org.prune4j.nn.layers;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;

/**
 * Batch normalisation with PyTorch's state: {@code weight} (1), {@code bias} (0) and the
 * buffers {@code running_mean} (0), {@code running_var} (1) and
 * {@code num_batches_tracked} (a float scalar here: the engine stores float32 only; it is
 * exact up to 2^24 batches). Momentum 0.1, eps 1e-5 by default. The subclasses fix the
 * input rank.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {
    private final int numFeatures;
    private final float momentum;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    BatchNorm(String layer, int numFeatures, float momentum, float eps) {
        LayerChecks.positive(numFeatures, layer, "num_features");
        if (!(momentum >= 0f && momentum <= 1f)) throw new IllegalArgumentException(layer + ": momentum must be in [0, 1], got " + momentum);
        if (!(eps > 0f) || Float.isInfinite(eps)) throw new IllegalArgumentException(layer + ": eps must be positive and finite, got " + eps);
        this.numFeatures = numFeatures;
        this.momentum = momentum;
        this.eps = eps;
        this.weight = registerParameter("weight", new Parameter(Tensor.ones(numFeatures)));
        this.bias = registerParameter("bias", new Parameter(Tensor.zeros(numFeatures)));
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(numFeatures));
        this.runningVar = registerBuffer("running_var", Tensor.ones(numFeatures));
        this.numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0f));
    }

    /** Throws unless x has the rank this variant normalises. */
    abstract void checkInput(Tensor x);

    @Override public Tensor forward(Tensor x) {
        return forward(x, false);
    }

    /**
     * relu(forward(x)) as one op ({@link Ops#batchNormRelu}): the blocks that follow a batch norm with a ReLU call
     * this, so training makes one pass over the activations less each way. Same values as the two ops.
     */
    public Tensor forwardRelu(Tensor x) {
        return forward(x, true);
    }

    private Tensor forward(Tensor x, boolean relu) {
        checkInput(x);
        if (x.dim(1) != numFeatures) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): input has " + x.dim(1) + " channels, shape " + x.shape());
        }
        boolean training = isTraining();
        Tensor y = relu ? Ops.batchNormRelu(x, weight.tensor(), bias.tensor(), runningMean, runningVar, training, momentum, eps)
                : Ops.batchNorm(x, weight.tensor(), bias.tensor(), runningMean, runningVar, training, momentum, eps);
        if (training) numBatchesTracked.data()[0] += 1f;
        return y;
    }

    public int numFeatures() { return numFeatures; }

    public float momentum() { return momentum; }

    public float eps() { return eps; }

    public Parameter weight() { return weight; }

    public Parameter bias() { return bias; }

    public Tensor runningMean() { return runningMean; }

    public Tensor runningVar() { return runningVar; }

    public Tensor numBatchesTracked() { return numBatchesTracked; }
}
