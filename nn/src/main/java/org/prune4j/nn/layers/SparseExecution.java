package org.prune4j.nn.layers;

import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.kernels.Devices;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.ops.SparseOps;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.sparse.SparseWeight;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Parameter;

/**
 * How a masked Conv2d or Linear runs: densely on w ⊙ m, or from the nonzeros only
 * (CSR SpMM / direct sparse convolution, transposed CSR for the input gradient, SDDMM
 * for the weight gradient). The choice is measured per shape, density and mode
 * ({@link MeasuredKernelChoice}); in training the measurement covers forward and both
 * backward passes, since that is what a step costs. The CSR structure is cached here
 * and rebuilt only when the mask changes.
 */
final class SparseExecution {
    private SparseWeight sparse;
    private Mask forMask;

    private SparseWeight sparseWeight(Mask m, int rows, int cols) {
        if (sparse == null || forMask != m) {
            sparse = new SparseWeight(m, rows, cols);
            forMask = m;
        }
        return sparse;
    }

    /** Whether the sparse path wins for this call (always false for an unmasked weight). */
    private static boolean training(Tensor x, Parameter w) {
        return GradMode.isEnabled() && (x.requiresGrad() || w.tensor().requiresGrad());
    }

    Tensor conv2d(Tensor x, Parameter w, Tensor bias, ConvGeometry g) {
        Mask m = w.mask();
        if (m == null) return Ops.conv2d(x, w.tensor(), bias, g.strideH(), g.padH(), g.dilationH(), g.groups());
        SparseWeight sw = sparseWeight(m, g.outChannels(), g.patchSize());
        boolean train = training(x, w);
        boolean denseGrad = w.denseGradient();
        // The winner depends on the device, so it is part of the key; the work runs on its kernels.
        String key = "conv" + g + (train ? "|train" + (denseGrad ? "|dg" : "") : "|infer") + "|" + x.device();
        Kernels k = Devices.kernels(x.device());
        MeasuredKernelChoice.Path path = MeasuredKernelChoice.choose(key, m.density(),
                () -> denseConvWork(k, g, x.buffer(), w.tensor().buffer(), train),
                () -> sparseConvWork(k, g, x.buffer(), sw.refresh(k, w.tensor().buffer()), sw, train, denseGrad));
        if (path == MeasuredKernelChoice.Path.SPARSE) {
            return SparseOps.conv2d(x, w.tensor(), sw, bias, g, false, denseGrad);
        }
        return Ops.conv2d(x, w.effective(), bias, g.strideH(), g.padH(), g.dilationH(), g.groups());
    }

    Tensor linear(Tensor x, Parameter w, Tensor bias) {
        Mask m = w.mask();
        if (m == null) return Ops.linear(x, w.tensor(), bias);
        int batch = x.dim(0), in = w.shape().dim(1), out = w.shape().dim(0);
        SparseWeight sw = sparseWeight(m, out, in);
        boolean train = training(x, w);
        boolean denseGrad = w.denseGradient();
        String key = "linear" + batch + "x" + in + "->" + out + (train ? "|train" + (denseGrad ? "|dg" : "") : "|infer") + "|" + x.device();
        Kernels k = Devices.kernels(x.device());
        MeasuredKernelChoice.Path path = MeasuredKernelChoice.choose(key, m.density(),
                () -> denseLinearWork(k, batch, in, out, x.buffer(), w.tensor().buffer(), train),
                () -> sparseLinearWork(k, batch, in, out, x.buffer(), sw.refresh(k, w.tensor().buffer()), sw, train, denseGrad));
        if (path == MeasuredKernelChoice.Path.SPARSE) return SparseOps.linear(x, w.tensor(), sw, bias, denseGrad);
        return Ops.linear(x, w.effective(), bias);
    }

    // The measured work mirrors what the op does, on scratch outputs, without touching the tape.

    private static void denseConvWork(Kernels k, ConvGeometry g, float[] x, float[] w, boolean train) {
        float[] y = new float[g.outputSize()];
        k.conv2dForward(g, x, w, null, y);
        if (train) {
            k.conv2dBackwardData(g, y, w, new float[g.inputSize()]);
            k.conv2dBackwardWeight(g, x, y, new float[g.weightSize()]);
        }
    }

    private static void sparseConvWork(Kernels k, ConvGeometry g, float[] x, CsrMatrix csr, SparseWeight sw, boolean train, boolean denseGrad) {
        float[] y = new float[g.outputSize()];
        int hw = g.inH() * g.inW();
        if (g.isPointwise()) {
            k.spmmImages(csr, hw, g.batch(), x, 0, y, 0, null, false);
        } else {
            k.sparseConv2dForward(g, csr, x, null, false, y);
        }
        if (!train) return;
        float[] dx = new float[g.inputSize()];
        if (SparseOps.backwardInOneCall(g, denseGrad)) {
            // Both gradients in one call, as SparseOps.conv2d's backward makes them.
            k.sparseConv2dBackward(g, csr, x, y, dx, new float[csr.nnz()]);
            return;
        }
        if (g.isPointwise()) {
            k.spmmImages(sw.transposed(k), hw, g.batch(), y, 0, dx, 0, null, false);
        } else {
            k.sparseConv2dBackwardData(g, csr, y, dx);
        }
        if (denseGrad) {
            k.conv2dBackwardWeight(g, x, y, new float[g.weightSize()]);
        } else if (g.isPointwise()) {
            float[] vals = new float[csr.nnz()];
            k.sddmmImages(csr, hw, g.batch(), y, 0, x, 0, vals);
        } else {
            k.sparseConv2dBackwardWeight(g, csr, x, y, new float[csr.nnz()]);
        }
    }

    private static void denseLinearWork(Kernels k, int batch, int in, int out, float[] x, float[] w, boolean train) {
        float[] y = new float[batch * out];
        k.gemm(false, true, batch, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out);
        if (train) {
            k.gemm(false, false, batch, in, out, 1f, y, 0, out, w, 0, in, 0f, new float[batch * in], 0, in);
            k.gemm(true, false, out, in, batch, 1f, y, 0, out, x, 0, in, 0f, new float[out * in], 0, in);
        }
    }

    private static void sparseLinearWork(Kernels k, int batch, int in, int out, float[] x, CsrMatrix csr, SparseWeight sw, boolean train, boolean denseGrad) {
        float[] y = new float[batch * out];
        k.sparseLinear(csr, batch, x, 0, y, 0, null, false, false);
        if (!train) return;
        k.sparseLinear(sw.transposed(k), batch, y, 0, new float[batch * in], 0, null, false, false);
        if (denseGrad) {
            k.gemm(true, false, out, in, batch, 1f, y, 0, out, x, 0, in, 0f, new float[out * in], 0, in);
        } else {
            float[] yt = new float[out * batch], xt = new float[in * batch];
            k.permute(new int[] {batch, out}, new int[] {1, 0}, y, yt);
            k.permute(new int[] {batch, in}, new int[] {1, 0}, x, xt);
            k.sddmm(csr, batch, yt, 0, xt, 0, new float[csr.nnz()], false);
        }
    }
}
