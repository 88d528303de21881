package org.prune4j.core.ops;

import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;

/**
 * The functional API in one place, in the spirit of torch.nn.functional: every op a
 * user calls, each delegating to its own small class where forward and backward sit
 * side by side.
 */
public final class Ops {
    private Ops() {}

    public static Tensor add(Tensor a, Tensor b) { return Elementwise.binary(Binary.ADD, a, b); }
    public static Tensor sub(Tensor a, Tensor b) { return Elementwise.binary(Binary.SUB, a, b); }
    public static Tensor mul(Tensor a, Tensor b) { return Elementwise.binary(Binary.MUL, a, b); }
    public static Tensor div(Tensor a, Tensor b) { return Elementwise.binary(Binary.DIV, a, b); }
    public static Tensor maximum(Tensor a, Tensor b) { return Elementwise.binary(Binary.MAX, a, b); }
    public static Tensor minimum(Tensor a, Tensor b) { return Elementwise.binary(Binary.MIN, a, b); }
    public static Tensor addScalar(Tensor x, float s) { return Elementwise.affine(x, 1f, s); }
    public static Tensor mulScalar(Tensor x, float s) { return Elementwise.affine(x, s, 0f); }
    /** y = alpha·x + beta. */
    public static Tensor affine(Tensor x, float alpha, float beta) { return Elementwise.affine(x, alpha, beta); }
    /** s − x. */
    public static Tensor rsubScalar(Tensor x, float s) { return Elementwise.affine(x, -1f, s); }

    public static Tensor relu(Tensor x) { return Elementwise.unary(Unary.RELU, x); }
    public static Tensor relu6(Tensor x) { return Elementwise.unary(Unary.RELU6, x); }
    public static Tensor sigmoid(Tensor x) { return Elementwise.unary(Unary.SIGMOID, x); }
    public static Tensor tanh(Tensor x) { return Elementwise.unary(Unary.TANH, x); }
    public static Tensor exp(Tensor x) { return Elementwise.unary(Unary.EXP, x); }
    public static Tensor log(Tensor x) { return Elementwise.unary(Unary.LOG, x); }
    public static Tensor neg(Tensor x) { return Elementwise.unary(Unary.NEG, x); }
    public static Tensor abs(Tensor x) { return Elementwise.unary(Unary.ABS, x); }
    public static Tensor sqrt(Tensor x) { return Elementwise.unary(Unary.SQRT, x); }
    public static Tensor square(Tensor x) { return Elementwise.unary(Unary.SQUARE, x); }

    public static Tensor sum(Tensor x) { return Reduce.sumAll(x); }
    public static Tensor mean(Tensor x) { return Reduce.meanAll(x); }
    public static Tensor sum(Tensor x, boolean keepDims, int... axes) { return Reduce.sum(x, keepDims, axes); }
    public static Tensor mean(Tensor x, boolean keepDims, int... axes) { return Reduce.mean(x, keepDims, axes); }

    public static Tensor matmul(Tensor a, Tensor b) { return MatMul.matmul(a, b); }
    public static Tensor linear(Tensor x, Tensor w, Tensor b) { return MatMul.linear(x, w, b); }

    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding) { return Conv2d.conv2d(x, w, b, stride, padding, 1, 1); }
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int stride, int padding, int dilation, int groups) {
        return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) { return Pool.maxPool2d(x, kernel, stride, padding); }
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) { return Pool.avgPool2d(x, kernel, stride, padding); }
    public static Tensor globalAvgPool(Tensor x) { return Pool.globalAvgPool(x); }

    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar, boolean training, float momentum, float eps) {
        return BatchNorm.batchNorm(x, gamma, beta, runMean, runVar, training, momentum, eps);
    }

    /** relu(batchNorm(...)) as one op: one pass over the activations less forward and backward in training. */
    public static Tensor batchNormRelu(Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar, boolean training, float momentum, float eps) {
        return BatchNorm.batchNormRelu(x, gamma, beta, runMean, runVar, training, momentum, eps);
    }

    public static Tensor softmax(Tensor x, int axis) { return Softmax.softmax(x, axis); }
    public static Tensor logSoftmax(Tensor x, int axis) { return Softmax.logSoftmax(x, axis); }
    public static Tensor crossEntropy(Tensor logits, int[] labels) { return Losses.crossEntropy(logits, labels, 0f); }
    public static Tensor crossEntropy(Tensor logits, int[] labels, float labelSmoothing) { return Losses.crossEntropy(logits, labels, labelSmoothing); }
    public static Tensor mse(Tensor pred, Tensor target) { return Losses.mse(pred, target); }

    public static Tensor dropout(Tensor x, float p, boolean training, Rng rng) { return Dropout.dropout(x, p, training, rng); }

    public static Tensor reshape(Tensor x, int... dims) { return x.reshape(dims); }
    public static Tensor flatten(Tensor x) { return x.flatten(); }
    public static Tensor permute(Tensor x, int... perm) { return Layout.permute(x, perm); }
    public static Tensor transpose(Tensor x, int a, int b) { return Layout.transpose(x, a, b); }
    public static Tensor concat(int axis, Tensor... xs) { return Layout.concat(axis, xs); }
    public static Tensor slice(Tensor x, int axis, int start, int end) { return Layout.slice(x, axis, start, end); }

    public static Tensor masked(Tensor w, Mask m) { return MaskedWeight.apply(w, m, false); }
    public static Tensor masked(Tensor w, Mask m, boolean denseGradient) { return MaskedWeight.apply(w, m, denseGradient); }
}
