package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * y = x·Wᵀ + b (ReLU fused when set) on the measured faster kernel: dense GEMM +
 * {@code biasActivation}, or CSR SpMM computing Yᵀ = W·Xᵀ with bias and ReLU fused.
 */
public record LinearOp(String name, int inFeatures, int outFeatures, float[] dense, CsrMatrix csr, float[] bias, boolean relu, KernelChoice choice)
        implements CompiledOp {

    @Override public int[] inShape() { return new int[] {inFeatures}; }

    @Override public int[] outShape() { return new int[] {outFeatures}; }

    @Override public float[] run(Kernels k, float[] x, int batch) {
        float[] y = new float[batch * outFeatures];
        if (!choice.sparse()) {
            k.gemm(false, true, batch, outFeatures, inFeatures, 1f, x, 0, inFeatures, dense, 0, inFeatures, 0f, y, 0, outFeatures);
            if (bias != null || relu) k.biasActivation(batch, outFeatures, 1, y, bias, relu);
            return y;
        }
        float[] xt = new float[inFeatures * batch];
        k.permute(new int[] {batch, inFeatures}, new int[] {1, 0}, x, xt);
        float[] yt = new float[outFeatures * batch];
        k.spmm(csr, batch, xt, 0, yt, 0, bias, relu, false);
        k.permute(new int[] {outFeatures, batch}, new int[] {1, 0}, yt, y);
        return y;
    }
}
