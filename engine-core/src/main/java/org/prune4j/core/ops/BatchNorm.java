package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.host;
import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;
import static org.prune4j.core.ops.OpSupport.newResult;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/**
 * Batch normalisation over [N, C, ...] (per channel C). In training it normalises with
 * the batch statistics and updates the running mean and the unbiased running variance
 * with the given momentum (PyTorch's convention: run = (1−m)·run + m·batch); in eval
 * it uses the running statistics.
 */
public final class BatchNorm {
    private BatchNorm() {}

    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar,
                                   boolean training, float momentum, float eps) {
        return batchNorm(x, gamma, beta, runMean, runVar, training, momentum, eps, false);
    }

    /**
     * ReLU(batchNorm(...)) as one op: in training the kernels write the activation once and read the ReLU's mask
     * inside the batch norm's backward ({@link Kernels#batchNormReluTrainForward}), instead of a batch-norm output,
     * a ReLU output and a masked gradient, each a pass over the activations. In eval, the two ops.
     */
    public static Tensor batchNormRelu(Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar,
                                       boolean training, float momentum, float eps) {
        if (!training) return Elementwise.unary(org.prune4j.core.kernels.Unary.RELU,
                batchNorm(x, gamma, beta, runMean, runVar, false, momentum, eps, false));
        return batchNorm(x, gamma, beta, runMean, runVar, true, momentum, eps, true);
    }

    private static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar,
                                    boolean training, float momentum, float eps, boolean relu) {
        OpSupport.nonNull(x, "batch_norm", "input");
        if (x.rank() < 2) throw new IllegalArgumentException("batch_norm: input must be [N, C, ...], got " + x.shape());
        int n = x.dim(0), c = x.dim(1), s = x.shape().prod(2, x.rank());
        Shape ch = Shape.of(c);
        OpSupport.requireShape(gamma, ch, "batch_norm", "weight");
        OpSupport.requireShape(beta, ch, "batch_norm", "bias");
        OpSupport.requireShape(runMean, ch, "batch_norm", "running_mean");
        OpSupport.requireShape(runVar, ch, "batch_norm", "running_var");
        OpSupport.requireFinitePositive(eps, "batch_norm", "eps");
        Device dev = OpSupport.device("batch_norm", x, gamma, beta, runMean, runVar);
        Kernels k = k(dev);
        Tensor out = Tensor.result(dev, x.shape());
        if (!training) {
            k.batchNormEvalForward(n, c, s, x.buffer(), gamma.buffer(), beta.buffer(), runMean.buffer(), runVar.buffer(), eps, out.buffer());
            if (Tensor.recording(x, gamma, beta)) {
                out.withGradFn(new Node("batch_norm_eval", x, gamma, beta) {
                    @Override public void backward(float[] g) { evalBackward(g, x, gamma, beta, runMean, runVar, eps, n, c, s); }
                });
            }
            return out;
        }
        if (n * s < 2) {
            throw new IllegalArgumentException("batch_norm: training needs more than one value per channel, got input " + x.shape());
        }
        // Batch mean and invStd live where the activations do, and the backend updates the
        // running statistics there: nothing of a training step comes home.
        float[] mean = newArray(c), invStd = newArray(c);
        if (relu) k.batchNormReluTrainForward(n, c, s, x.buffer(), gamma.buffer(), beta.buffer(), eps, out.buffer(), mean, invStd);
        else k.batchNormTrainForward(n, c, s, x.buffer(), gamma.buffer(), beta.buffer(), eps, out.buffer(), mean, invStd);
        k.batchNormUpdateRunning(c, mean, invStd, eps, (long) n * s, momentum, runMean.buffer(), runVar.buffer());
        if (Tensor.recording(x, gamma, beta)) {
            float[] y = out.buffer(); // only the backward kernel reads it (the ReLU's mask)
            out.withGradFn(new Node(relu ? "batch_norm_relu" : "batch_norm", x, gamma, beta) {
                @Override public void backward(float[] g) {
                    float[] dx = newResult(x.size()), dg = newResult(c), db = newResult(c);
                    if (relu) k.batchNormReluBackward(n, c, s, x.buffer(), y, g, gamma.buffer(), mean, invStd, dx, dg, db);
                    else k.batchNormBackward(n, c, s, x.buffer(), g, gamma.buffer(), mean, invStd, dx, dg, db);
                    if (x.requiresGrad()) x.accumulateFreshGrad(dx);
                    if (gamma.requiresGrad()) gamma.accumulateFreshGrad(dg);
                    if (beta.requiresGrad()) beta.accumulateFreshGrad(db);
                }
            });
        }
        return out;
    }

    private static void evalBackward(float[] g, Tensor x, Tensor gamma, Tensor beta, Tensor runMean, Tensor runVar,
                                     float eps, int n, int c, int s) {
        // Eval-mode backward (rare: fine-tuning with frozen statistics) runs on the host.
        float[] dx = new float[x.size()], dg = new float[c], db = new float[c];
        float[] xd = x.data();
        g = host(g);
        for (int ch = 0; ch < c; ch++) {
            double is = 1.0 / Math.sqrt(runVar.data()[ch] + (double) eps);
            double sg = 0, sb = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < s; j++) {
                    int idx = (i * c + ch) * s + j;
                    dx[idx] = (float) (g[idx] * gamma.data()[ch] * is);
                    sg += g[idx] * (xd[idx] - runMean.data()[ch]) * is;
                    sb += g[idx];
                }
            dg[ch] = (float) sg;
            db[ch] = (float) sb;
        }
        if (x.requiresGrad()) x.accumulateGrad(dx);
        if (gamma.requiresGrad()) gamma.accumulateGrad(dg);
        if (beta.requiresGrad()) beta.accumulateGrad(db);
    }
}
