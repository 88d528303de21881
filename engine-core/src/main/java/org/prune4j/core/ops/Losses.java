package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.host;
import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Tensor;

/** Loss functions returning scalar tensors. */
public final class Losses {
    private Losses() {}

    /**
     * Mean cross-entropy of logits [B, classes] against labels with label smoothing ε in
     * [0, 1): the target is (1−ε)·onehot + ε/classes, as in PyTorch's CrossEntropyLoss.
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels, float smoothing) {
        OpSupport.requireRank(logits, 2, "cross_entropy", "logits", "[batch, classes]");
        if (labels == null) throw new IllegalArgumentException("cross_entropy: labels must not be null");
        int rows = logits.dim(0), cols = logits.dim(1);
        if (labels.length != rows) {
            throw new IllegalArgumentException("cross_entropy: " + labels.length + " labels for a batch of " + rows + " (logits " + logits.shape() + ")");
        }
        if (rows == 0) throw new IllegalArgumentException("cross_entropy: empty batch");
        for (int i = 0; i < rows; i++) {
            if (labels[i] < 0 || labels[i] >= cols) {
                throw new IllegalArgumentException("cross_entropy: label " + labels[i] + " at position " + i + " outside [0, " + cols + ")");
            }
        }
        if (!(smoothing >= 0f && smoothing < 1f)) throw new IllegalArgumentException("cross_entropy: label smoothing must be in [0, 1), got " + smoothing);
        Device dev = logits.device();
        Kernels k = k(dev);
        float[] prob = newArray(rows * cols); // only the backward kernel reads it
        // Index storage: a device keeps one copy for the forward and the backward kernel.
        int[] lab = org.prune4j.core.tensor.HostAccess.newIndexStorage(rows);
        System.arraycopy(labels, 0, lab, 0, rows);
        // The loss value comes home with the call: the one read a training step needs.
        Tensor out = Tensor.scalar(dev, k.crossEntropyForward(rows, cols, logits.buffer(), lab, smoothing, prob));
        if (Tensor.recording(logits)) {
            out.withGradFn(new Node("cross_entropy", logits) {
                @Override public void backward(float[] g) {
                    float[] d = newArray(rows * cols);
                    k.crossEntropyBackward(rows, cols, prob, lab, smoothing, host(g)[0], d);
                    logits.accumulateFreshGrad(d);
                }
            });
        }
        return out;
    }

    /** Mean squared error over all elements. */
    public static Tensor mse(Tensor pred, Tensor target) {
        OpSupport.nonNull(pred, "mse", "pred");
        OpSupport.requireShape(target, pred.shape(), "mse", "target");
        Tensor d = Elementwise.binary(org.prune4j.core.kernels.Binary.SUB, pred, target);
        return Reduce.meanAll(Elementwise.unary(org.prune4j.core.kernels.Unary.SQUARE, d));
    }
}
