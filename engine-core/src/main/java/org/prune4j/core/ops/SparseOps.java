package org.prune4j.core.ops;

import static org.prune4j.core.ops.OpSupport.k;
import static org.prune4j.core.ops.OpSupport.newArray;
import static org.prune4j.core.ops.OpSupport.newResult;

import org.prune4j.core.autograd.Node;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.tensor.Device;
import org.prune4j.core.tensor.GradientRecycler;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.sparse.SparseWeight;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/**
 * Convolution and linear layers computed from the nonzeros of a masked weight only.
 * Forward uses CSR SpMM (1x1 convolution, linear) or direct sparse convolution (kxk);
 * the input gradient flows through the transposed CSR; the weight gradient is computed
 * at the mask's nonzeros only (SDDMM) and is exactly zero elsewhere — unless
 * denseWeightGradient is set, for methods that score pruned weights (FORCE, FGGP,
 * regrowth), which then get the full dense gradient.
 */
public final class SparseOps {
    private SparseOps() {}

    public static Tensor conv2d(Tensor x, Tensor w, SparseWeight sw, Tensor bias, ConvGeometry g, boolean relu, boolean denseWeightGradient) {
        OpSupport.requireConvOperands(x, w, g, "sparse_conv2d");
        if (sw == null) throw new IllegalArgumentException("sparse_conv2d: sparse weight must not be null");
        if (bias != null) OpSupport.requireShape(bias, Shape.of(g.outChannels()), "sparse_conv2d", "bias");
        if (sw.rows() != g.outChannels() || sw.cols() != g.patchSize()) {
            throw new IllegalArgumentException("sparse_conv2d: sparse weight is " + sw.rows() + "x" + sw.cols() + ", geometry needs "
                    + g.outChannels() + "x" + g.patchSize());
        }
        Device dev = OpSupport.device("sparse_conv2d", x, w, bias);
        Kernels k = k(dev);
        // The CSR values are gathered by the kernels from the weight where it lives.
        CsrMatrix csr = sw.refresh(k, w.buffer());
        Tensor out = Tensor.result(dev, g.batch(), g.outChannels(), g.outH(), g.outW());
        float[] b = bias == null ? null : bias.buffer();
        int hw = g.inH() * g.inW();
        if (g.isPointwise()) {
            k.spmmImages(csr, hw, g.batch(), x.buffer(), 0, out.buffer(), 0, b, relu);
        } else {
            k.sparseConv2dForward(g, csr, x.buffer(), b, relu, out.buffer());
        }
        if (Tensor.recording(x, w, bias)) {
            float[] y = out.buffer(); // only the backward kernel reads it
            out.withGradFn(new Node("sparse_conv2d", x, w, bias) {
                @Override public void backward(float[] gyIn) {
                    float[] gy = relu ? reluMasked(k, gyIn, y) : gyIn;
                    boolean both = x.requiresGrad() && w.requiresGrad() && backwardInOneCall(g, denseWeightGradient);
                    if (both) {
                        // Both gradients in one call, so a backend lays out gy once for the two.
                        float[] dx = newResult(x.size()), vals = newResult(csr.nnz());
                        k.sparseConv2dBackward(g, csr, x.buffer(), gy, dx, vals);
                        x.accumulateFreshGrad(dx);
                        float[] dw = newArray(g.weightSize());
                        sw.scatter(k, vals, dw);
                        w.accumulateFreshGrad(dw);
                    } else if (x.requiresGrad()) {
                        float[] dx = newResult(x.size());
                        if (g.isPointwise()) {
                            k.spmmImages(sw.transposed(k), hw, g.batch(), gy, 0, dx, 0, null, false);
                        } else {
                            k.sparseConv2dBackwardData(g, csr, gy, dx);
                        }
                        x.accumulateFreshGrad(dx);
                    }
                    if (w.requiresGrad() && !both) w.accumulateFreshGrad(weightGrad(k, x, gy, g, sw, csr, denseWeightGradient));
                    if (bias != null && bias.requiresGrad()) bias.accumulateFreshGrad(Conv2d.channelSums(k, gy, g.batch(), g.outChannels(), g.outH() * g.outW()));
                    if (gy != gyIn) GradientRecycler.dropped(gy);
                }
            });
        }
        return out;
    }

    /**
     * Whether a sparse conv layer wanting both gradients takes them from one
     * {@link Kernels#sparseConv2dBackward} call: kxk layers whose weight gradient is wanted at the
     * mask's entries only. Callers that time the layer's work (the dense-vs-sparse choice) use it too.
     */
    public static boolean backwardInOneCall(ConvGeometry g, boolean denseWeightGradient) {
        return !g.isPointwise() && !denseWeightGradient;
    }

    private static float[] weightGrad(Kernels k, Tensor x, float[] gy, ConvGeometry g, SparseWeight sw, CsrMatrix csr, boolean dense) {
        if (dense) {
            float[] dw = newArray(g.weightSize());
            k.conv2dBackwardWeight(g, x.buffer(), gy, dw);
            return dw;
        }
        float[] vals = newArray(csr.nnz());
        if (g.isPointwise()) {
            k.sddmmImages(csr, g.inH() * g.inW(), g.batch(), gy, 0, x.buffer(), 0, vals);
        } else {
            k.sparseConv2dBackwardWeight(g, csr, x.buffer(), gy, vals);
        }
        float[] dw = newArray(g.weightSize());
        sw.scatter(k, vals, dw);
        return dw;
    }

    /** y = x·Wᵀ + b for x [B, in] with W [out, in] masked, by the sparse Linear kernel (CSR of W). */
    public static Tensor linear(Tensor x, Tensor w, SparseWeight sw, Tensor bias, boolean denseWeightGradient) {
        OpSupport.requireRank(x, 2, "sparse_linear", "input", "[batch, in_features]");
        OpSupport.requireRank(w, 2, "sparse_linear", "weight", "[out_features, in_features]");
        int batch = x.dim(0), in = x.dim(1), outF = w.dim(0);
        if (w.dim(1) != in) {
            throw new IllegalArgumentException("sparse_linear: input has " + in + " features (shape " + x.shape() + ") but weight expects " + w.dim(1));
        }
        if (bias != null) OpSupport.requireShape(bias, Shape.of(outF), "sparse_linear", "bias");
        if (sw == null || sw.rows() != outF || sw.cols() != in) throw new IllegalArgumentException("sparse_linear: sparse weight does not match weight " + w.shape());
        Device dev = OpSupport.device("sparse_linear", x, w, bias);
        Kernels k = k(dev);
        CsrMatrix csr = sw.refresh(k, w.buffer());
        Tensor out = Tensor.zeros(dev, batch, outF);
        k.sparseLinear(csr, batch, x.buffer(), 0, out.buffer(), 0, bias == null ? null : bias.buffer(), false, false);
        if (Tensor.recording(x, w, bias)) {
            out.withGradFn(new Node("sparse_linear", x, w, bias) {
                @Override public void backward(float[] g) {
                    if (x.requiresGrad()) {
                        // dX = dY·W, the same kernel on the transposed structure.
                        float[] dx = newArray(x.size());
                        k.sparseLinear(sw.transposed(k), batch, g, 0, dx, 0, null, false, false);
                        x.accumulateFreshGrad(dx);
                    }
                    if (w.requiresGrad()) {
                        float[] dw;
                        if (denseWeightGradient) {
                            dw = newArray(w.size());
                            k.gemm(true, false, outF, in, batch, 1f, g, 0, outF, x.buffer(), 0, in, 0f, dw, 0, in);
                        } else {
                            // SDDMM dots along the batch, so both operands go features-major.
                            float[] gt = newArray(outF * batch), xt = newArray(in * batch);
                            k.permute(new int[] {batch, outF}, new int[] {1, 0}, g, gt);
                            k.permute(new int[] {batch, in}, new int[] {1, 0}, x.buffer(), xt);
                            float[] vals = newArray(csr.nnz());
                            k.sddmm(csr, batch, gt, 0, xt, 0, vals, false);
                            dw = newArray(w.size());
                            sw.scatter(k, vals, dw);
                        }
                        w.accumulateFreshGrad(dw);
                    }
                    if (bias != null && bias.requiresGrad()) {
                        float[] db = newArray(outF);
                        k.sumAxis(1, batch, outF, g, db);
                        bias.accumulateFreshGrad(db);
                    }
                }
            });
        }
        return out;
    }

    /** g where the fused ReLU's output y is positive: the ReLU derivative taken at y (y > 0 exactly where its input was). */
    private static float[] reluMasked(Kernels k, float[] g, float[] y) {
        float[] r = newResult(g.length);
        k.unaryBackward(Unary.RELU, g.length, y, null, g, r);
        return r;
    }
}
