package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.sparse.MeasuredKernelChoice;

/**
 * A fully connected layer (ReLU optionally fused) on the kernel measured faster for its
 * shape, density and batch ({@link KernelChoice}): dense GEMM, or the sparse Linear
 * kernel on the CSR weight (bias and ReLU fused), on the calling thread alone where that
 * measured faster for the batch size. Immutable, so concurrent callers are safe.
 */
public record LinearOp(String name, int inFeatures, int outFeatures, float[] dense, CsrMatrix csr, float[] bias, boolean relu, double density,
                     MeasuredKernelChoice.Policy compiledUnder, KernelChoice.Decisions decisions)
        implements CompiledOp {

    @Override public int[] inShape() { return new int[] {inFeatures}; }

    @Override public int[] outShape() { return new int[] {outFeatures}; }

    @Override public float[] run(Kernels k, float[] x, int batch, ActivationBuffers out) {
        return decisions.run(compiledUnder, this::workKey, density, batch, kernel(k, x, batch), out);
    }

    /** Whether the sparse kernel runs at this batch size (measured on first use). */
    public boolean sparseAt(Kernels k, int batch) {
        return decisions.sparse(compiledUnder, this::workKey, density, batch, kernel(k, KernelChoice.probe(batch * inFeatures), batch));
    }

    private String workKey() { return "infer-linear|" + inFeatures + "x" + outFeatures + "|relu=" + relu; }

    private KernelChoice.Kernel kernel(Kernels k, float[] x, int batch) {
        return (sparse, o) -> sparse ? runSparse(k, x, batch, o) : runDense(k, x, batch, o);
    }

    float[] runDense(Kernels k, float[] x, int batch, ActivationBuffers out) {
        float[] y = out.take(batch * outFeatures);
        k.gemm(false, true, batch, outFeatures, inFeatures, 1f, x, 0, inFeatures, dense, 0, inFeatures, 0f, y, 0, outFeatures);
        if (bias != null || relu) k.biasActivation(batch, outFeatures, 1, y, bias, relu);
        return y;
    }

    float[] runSparse(Kernels k, float[] x, int batch, ActivationBuffers out) {
        float[] y = out.take(batch * outFeatures);
        k.sparseLinear(csr, batch, x, 0, y, 0, bias, relu, false);
        return y;
    }
}
