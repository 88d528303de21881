package org.prune4j.core.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.core.testkit.GradCheck;

/** A finite-difference gradient check for every differentiable op. */
class OpsGradCheckTest {
    private final Rng rng = new Rng(7);

    private Tensor randn(int... dims) { return Tensor.randn(rng, dims).requiresGrad(true); }

    /** Values bounded away from 0 so kinks (relu, abs, max) are not straddled by ±eps. */
    private Tensor awayFromZero(int... dims) {
        Tensor t = randn(dims);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = d[i] >= 0 ? d[i] + 0.1f : d[i] - 0.1f;
        return t;
    }

    private Tensor positive(int... dims) {
        Tensor t = Tensor.rand(rng, dims).requiresGrad(true);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = 0.5f + d[i];
        return t;
    }

    @Test void addSubMulDivWithBroadcasting() {
        GradCheck.check("add", in -> Ops.add(in[0], in[1]), randn(2, 3, 4), randn(3, 1));
        GradCheck.check("sub", in -> Ops.sub(in[0], in[1]), randn(4), randn(2, 3, 4));
        GradCheck.check("mul", in -> Ops.mul(in[0], in[1]), randn(2, 1, 4), randn(1, 3, 1));
        GradCheck.check("div", in -> Ops.div(in[0], in[1]), randn(2, 3), positive(2, 3));
        GradCheck.check("div-bcast", in -> Ops.div(in[0], in[1]), randn(2, 3), positive(3));
    }

    /**
     * A sum or difference whose inputs have the output's shape hands g itself to accumulateGrad: same shapes, a
     * broadcast left side, one tensor on both sides, and inputs that already hold a gradient from another use.
     */
    @Test void sumsPassTheirGradientOn() {
        GradCheck.check("add-same", in -> Ops.add(in[0], in[1]), randn(2, 3, 4), randn(2, 3, 4));
        GradCheck.check("add-bcast-left", in -> Ops.add(in[0], in[1]), randn(3, 1), randn(2, 3, 4));
        GradCheck.check("sub-same", in -> Ops.sub(in[0], in[1]), randn(3, 4), randn(3, 4));
        GradCheck.check("add-self", in -> Ops.add(in[0], in[0]), randn(3, 4));
        GradCheck.check("sub-self-used-twice", in -> Ops.mul(Ops.sub(in[0], in[1]), Ops.add(in[1], in[0])), randn(3, 4), randn(3, 4));
    }

    @Test void maxMin() {
        Tensor a = awayFromZero(3, 4), b = awayFromZero(3, 4);
        // Separate the two so no pair is within eps of a tie.
        for (int i = 0; i < a.size(); i++) if (Math.abs(a.data()[i] - b.data()[i]) < 0.1f) b.data()[i] += 0.3f;
        GradCheck.check("maximum", in -> Ops.maximum(in[0], in[1]), a, b);
        GradCheck.check("minimum", in -> Ops.minimum(in[0], in[1]), a, b);
    }

    @Test void scalarOps() {
        GradCheck.check("affine", in -> Ops.affine(in[0], -1.5f, 2f), randn(5, 3));
        GradCheck.check("rsub", in -> Ops.rsubScalar(in[0], 1f), randn(7));
    }

    @Test void unaryFunctions() {
        GradCheck.check("relu", in -> Ops.relu(in[0]), awayFromZero(4, 5));
        Tensor r6 = awayFromZero(4, 5);
        for (int i = 0; i < r6.size(); i++) r6.data()[i] *= 4f; // values on both sides of 6
        for (int i = 0; i < r6.size(); i++) if (Math.abs(r6.data()[i] - 6f) < 0.2f) r6.data()[i] = 7f;
        GradCheck.check("relu6", in -> Ops.relu6(in[0]), r6);
        GradCheck.check("sigmoid", in -> Ops.sigmoid(in[0]), randn(4, 5));
        GradCheck.check("tanh", in -> Ops.tanh(in[0]), randn(4, 5));
        GradCheck.check("exp", in -> Ops.exp(in[0]), randn(4, 5));
        GradCheck.check("log", in -> Ops.log(in[0]), positive(4, 5));
        GradCheck.check("neg", in -> Ops.neg(in[0]), randn(6));
        GradCheck.check("abs", in -> Ops.abs(in[0]), awayFromZero(6));
        GradCheck.check("sqrt", in -> Ops.sqrt(in[0]), positive(6));
        GradCheck.check("square", in -> Ops.square(in[0]), randn(6));
    }

    @Test void reductions() {
        GradCheck.check("sum", in -> Ops.sum(in[0]), randn(3, 4));
        GradCheck.check("mean", in -> Ops.mean(in[0]), randn(3, 4));
        GradCheck.check("sum-axes", in -> Ops.sum(in[0], false, 0, 2), randn(2, 3, 4));
        GradCheck.check("mean-keep", in -> Ops.mean(in[0], true, -1), randn(2, 3, 4));
    }

    @Test void matmulAndLinear() {
        GradCheck.check("matmul2d", in -> Ops.matmul(in[0], in[1]), randn(3, 5), randn(5, 4));
        GradCheck.check("bmm", in -> Ops.matmul(in[0], in[1]), randn(2, 3, 5), randn(2, 5, 4));
        GradCheck.check("bmm-shared", in -> Ops.matmul(in[0], in[1]), randn(3, 2, 5), randn(5, 4));
        GradCheck.check("linear", in -> Ops.linear(in[0], in[1], in[2]), randn(4, 6), randn(3, 6), randn(3));
        GradCheck.check("linear-nobias", in -> Ops.linear(in[0], in[1], null), randn(4, 6), randn(3, 6));
    }

    @Test void convolutions() {
        GradCheck.check("conv3x3", in -> Ops.conv2d(in[0], in[1], in[2], 1, 1), randn(2, 3, 5, 5), randn(4, 3, 3, 3), randn(4));
        GradCheck.check("conv-stride2", in -> Ops.conv2d(in[0], in[1], null, 2, 1), randn(2, 3, 7, 6), randn(4, 3, 3, 3));
        GradCheck.check("conv-dilation", in -> Ops.conv2d(in[0], in[1], null, 1, 2, 2, 1), randn(1, 2, 6, 6), randn(3, 2, 3, 3));
        GradCheck.check("conv-groups", in -> Ops.conv2d(in[0], in[1], in[2], 1, 1, 1, 2), randn(2, 4, 5, 5), randn(6, 2, 3, 3), randn(6));
        GradCheck.check("conv-depthwise", in -> Ops.conv2d(in[0], in[1], null, 2, 1, 1, 3), randn(2, 3, 6, 6), randn(3, 1, 3, 3));
        GradCheck.check("conv1x1", in -> Ops.conv2d(in[0], in[1], in[2], 1, 0), randn(2, 5, 4, 3), randn(3, 5, 1, 1), randn(3));
    }

    @Test void pooling() {
        Tensor x = randn(2, 3, 6, 6);
        // Make values distinct and well separated so the argmax cannot flip under ±eps.
        for (int i = 0; i < x.size(); i++) x.data()[i] = (float) ((i * 37 % x.size()) * 0.05);
        GradCheck.check("maxpool", in -> Ops.maxPool2d(in[0], 2, 2, 0), x);
        GradCheck.check("maxpool-pad", in -> Ops.maxPool2d(in[0], 3, 2, 1), x);
        GradCheck.check("avgpool", in -> Ops.avgPool2d(in[0], 3, 2, 1), randn(2, 3, 6, 5));
        GradCheck.check("gap", in -> Ops.globalAvgPool(in[0]), randn(2, 3, 4, 4));
    }

    @Test void batchNorm() {
        Tensor gamma = randn(3), beta = randn(3);
        Tensor rm = Tensor.zeros(3), rv = Tensor.ones(3);
        GradCheck.check("bn-train", in -> Ops.batchNorm(in[0], in[1], in[2], rm, rv, true, 0.1f, 1e-5f), 5e-3, 3e-2, 48, randn(4, 3, 3, 3), gamma, beta);
        GradCheck.check("bn-train-2d", in -> Ops.batchNorm(in[0], in[1], in[2], rm, rv, true, 0.1f, 1e-5f), 5e-3, 3e-2, 48, randn(6, 3), gamma, beta);
        Tensor rm2 = Tensor.randn(rng, 3), rv2 = Tensor.rand(rng, 3);
        GradCheck.check("bn-eval", in -> Ops.batchNorm(in[0], in[1], in[2], rm2, rv2, false, 0.1f, 1e-5f), randn(2, 3, 2, 2), gamma, beta);
    }

    /**
     * The fused op gives what relu(batchNorm) gives, values, gradients and running statistics, in training and eval
     * (the same bits on the reference kernels, whose fused pair is the two kernels). Not a finite-difference check: a
     * shift of beta moves whole channels across the ReLU's kink, and both ops it equals are checked above.
     */
    @Test void batchNormReluIsReluOfBatchNorm() {
        for (boolean training : new boolean[] {true, false}) {
            float[][] fused = bnRelu(true, training), plain = bnRelu(false, training);
            for (int i = 0; i < fused.length; i++) org.junit.jupiter.api.Assertions.assertArrayEquals(plain[i], fused[i], "training=" + training + " array " + i);
        }
    }

    private float[][] bnRelu(boolean fused, boolean training) {
        org.prune4j.core.tensor.Rng r = new org.prune4j.core.tensor.Rng(21);
        Tensor x = Tensor.randn(r, 4, 3, 5, 5).requiresGrad(true), gamma = Tensor.randn(r, 3).requiresGrad(true), beta = Tensor.randn(r, 3).requiresGrad(true);
        Tensor rm = Tensor.randn(r, 3), rv = Tensor.rand(r, 3), w = Tensor.randn(r, 4, 3, 5, 5);
        Tensor y = fused ? Ops.batchNormRelu(x, gamma, beta, rm, rv, training, 0.1f, 1e-5f)
                : Ops.relu(Ops.batchNorm(x, gamma, beta, rm, rv, training, 0.1f, 1e-5f));
        Ops.sum(Ops.mul(y, w)).backward();
        return new float[][] {y.data().clone(), x.gradArray().clone(), gamma.gradArray().clone(), beta.gradArray().clone(), rm.data().clone(), rv.data().clone()};
    }

    @Test void softmaxFamily() {
        GradCheck.check("softmax", in -> Ops.softmax(in[0], -1), randn(3, 5));
        GradCheck.check("softmax-axis0", in -> Ops.softmax(in[0], 0), randn(3, 5));
        GradCheck.check("log_softmax", in -> Ops.logSoftmax(in[0], 1), randn(2, 4, 3));
        int[] labels = {0, 3, 2, 4};
        GradCheck.check("cross_entropy", in -> Ops.crossEntropy(in[0], labels), randn(4, 5));
        GradCheck.check("cross_entropy_ls", in -> Ops.crossEntropy(in[0], labels, 0.1f), randn(4, 5));
        GradCheck.check("mse", in -> Ops.mse(in[0], in[1]), randn(3, 4), randn(3, 4));
    }

    @Test void dropoutAndLayout() {
        GradCheck.check("dropout", in -> Ops.dropout(in[0], 0.3f, true, new Rng(5)), randn(4, 6));
        GradCheck.check("reshape", in -> Ops.mul(Ops.reshape(in[0], 3, -1), Ops.reshape(in[0], 3, -1)), randn(2, 3, 2));
        GradCheck.check("flatten", in -> Ops.square(Ops.flatten(in[0])), randn(2, 3, 2));
        GradCheck.check("permute", in -> Ops.permute(in[0], 2, 0, 1), randn(2, 3, 4));
        GradCheck.check("transpose", in -> Ops.transpose(in[0], 0, 1), randn(3, 5));
        GradCheck.check("concat", in -> Ops.concat(1, in[0], in[1]), randn(2, 3, 2), randn(2, 1, 2));
        GradCheck.check("slice", in -> Ops.slice(in[0], 1, 1, 3), randn(2, 4, 2));
    }

    @Test void maskedWeight() {
        Tensor w = randn(4, 5);
        float[] m = new float[20];
        for (int i = 0; i < 20; i++) m[i] = i % 3 == 0 ? 0f : 1f;
        Mask mask = Mask.of(Shape.of(4, 5), m);
        Tensor x = randn(3, 5);
        GradCheck.check("masked-linear", in -> Ops.linear(in[0], Ops.masked(in[1], mask), null), x, w);
        // The masked gradient is exactly zero at pruned positions.
        w.zeroGrad();
        Ops.sum(Ops.linear(x, Ops.masked(w, mask), null)).backward();
        for (int i = 0; i < 20; i++) if (m[i] == 0f && w.gradArray()[i] != 0f) throw new AssertionError("pruned weight got gradient at " + i);
        // With dense gradients (FORCE), pruned weights see the full gradient.
        w.zeroGrad();
        Ops.sum(Ops.linear(x, Ops.masked(w, mask, true), null)).backward();
        boolean anyPrunedNonzero = false;
        for (int i = 0; i < 20; i++) if (m[i] == 0f && w.gradArray()[i] != 0f) anyPrunedNonzero = true;
        if (!anyPrunedNonzero) throw new AssertionError("dense gradient did not reach pruned weights");
    }

    @Test void wrongGradientIsCaught() {
        // The checker itself must fail on a wrong backward: a node that doubles its gradient.
        Tensor x = randn(3);
        assertThrows(AssertionError.class, () -> GradCheck.check("wrong", in -> {
            Tensor out = Tensor.zeros(3);
            System.arraycopy(in[0].data(), 0, out.data(), 0, 3);
            if (Tensor.recording(in[0])) {
                out.withGradFn(new org.prune4j.core.autograd.Node("twice", in[0]) {
                    @Override public void backward(float[] g) {
                        float[] d = g.clone();
                        for (int i = 0; i < d.length; i++) d[i] *= 2f;
                        in[0].accumulateGrad(d);
                    }
                });
            }
            return out;
        }, x));
    }
}
