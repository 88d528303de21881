package org.prune4j.nn.infer;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * A convolution with BatchNorm already folded into its weight and bias and ReLU fused,
 * on the kernel measured faster for its shape and density: dense
 * ({@code conv2dForward} + {@code biasActivation}) or sparse (CSR SpMM for 1×1 convs,
 * direct sparse convolution otherwise, bias and ReLU fused in the kernel). geometry has
 * batch 1; the batch is set per call.
 */
public record ConvOp(String name, ConvGeometry geometry, float[] dense, CsrMatrix csr, float[] bias, boolean relu, KernelChoice choice)
        implements CompiledOp {

    @Override public int[] inShape() { return new int[] {geometry.inChannels(), geometry.inH(), geometry.inW()}; }

    @Override public int[] outShape() { return new int[] {geometry.outChannels(), geometry.outH(), geometry.outW()}; }

    @Override public float[] run(Kernels k, float[] x, int batch) {
        ConvGeometry g = geometry.withBatch(batch);
        float[] y = new float[g.outputSize()];
        if (!choice.sparse()) {
            k.conv2dForward(g, x, dense, null, y);
            if (bias != null || relu) k.biasActivation(batch, g.outChannels(), g.outH() * g.outW(), y, bias, relu);
        } else if (g.isPointwise()) {
            int hw = g.inH() * g.inW();
            for (int n = 0; n < batch; n++) k.spmm(csr, hw, x, n * g.inChannels() * hw, y, n * g.outChannels() * hw, bias, relu, false);
        } else {
            k.sparseConv2dForward(g, csr, x, bias, relu, y);
        }
        return y;
    }
}
