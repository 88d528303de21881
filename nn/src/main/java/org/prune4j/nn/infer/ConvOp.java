package org.prune4j.nn.infer;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.sparse.MeasuredKernelChoice;

/**
 * A convolution with BatchNorm already folded into its weight and bias and ReLU fused,
 * on the kernel measured faster for its shape, density and batch ({@link KernelChoice}):
 * dense ({@code conv2dForward} + {@code biasActivation}) or sparse (CSR SpMM for 1×1
 * convs, direct sparse convolution otherwise, bias and ReLU fused in the kernel), on the
 * calling thread alone where that measured faster for the batch size (small layers at batch 1).
 * geometry has batch 1; the batch is set per call. Immutable, so concurrent callers are safe.
 */
public record ConvOp(String name, ConvGeometry geometry, float[] dense, CsrMatrix csr, float[] bias, boolean relu, double density,
                     MeasuredKernelChoice.Policy compiledUnder, KernelChoice.Decisions decisions)
        implements CompiledOp {

    @Override public int[] inShape() { return new int[] {geometry.inChannels(), geometry.inH(), geometry.inW()}; }

    @Override public int[] outShape() { return new int[] {geometry.outChannels(), geometry.outH(), geometry.outW()}; }

    @Override public float[] run(Kernels k, float[] x, int batch, ActivationBuffers out) {
        return decisions.run(compiledUnder, this::workKey, density, batch, kernel(k, x, batch), out);
    }

    /** Whether the sparse kernel runs at this batch size (measured on first use). */
    public boolean sparseAt(Kernels k, int batch) {
        return decisions.sparse(compiledUnder, this::workKey, density, batch, kernel(k, KernelChoice.probe(batch * geometry.inputSize()), batch));
    }

    private String workKey() { return "infer-conv|" + geometry + "|relu=" + relu; }

    private KernelChoice.Kernel kernel(Kernels k, float[] x, int batch) {
        return (sparse, o) -> sparse ? runSparse(k, x, batch, o) : runDense(k, x, batch, o);
    }

    float[] runDense(Kernels k, float[] x, int batch, ActivationBuffers out) {
        ConvGeometry g = geometry.withBatch(batch);
        float[] y = out.take(g.outputSize());
        k.conv2dForward(g, x, dense, null, y);
        if (bias != null || relu) k.biasActivation(batch, g.outChannels(), g.outH() * g.outW(), y, bias, relu);
        return y;
    }

    float[] runSparse(Kernels k, float[] x, int batch, ActivationBuffers out) {
        ConvGeometry g = geometry.withBatch(batch);
        float[] y = out.take(g.outputSize());
        if (g.isPointwise()) {
            int hw = g.inH() * g.inW();
            k.spmmImages(csr, hw, batch, x, 0, y, 0, bias, relu);
        } else {
            k.sparseConv2dForward(g, csr, x, bias, relu, y);
        }
        return y;
    }
}
