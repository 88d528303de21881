package org.prune4j.core.kernels;

import org.prune4j.core.sparse.CsrMatrix;

/**
 * The service-provider interface every compute backend implements: the small set of
 * primitives the ops need, over flat row-major {@code float[]} arrays. Nothing here
 * knows about autodiff, tensors or modules.
 *
 * <p>Conventions: images are NCHW; a conv weight is [Cout, Cin/groups, kh, kw] and is
 * seen as a Cout × patchSize matrix whose column index is (ci·kh + ky)·kw + kx. Unless a
 * method says "accumulates", outputs are overwritten. Arrays without an offset
 * parameter start at index 0. Arguments are validated by the ops layer; the GEMM, the
 * convolutions and the sparse kernels also check their operands themselves through
 * {@link KernelArgs} (each backend calls it first, so a call made straight to the backend
 * fails with a message too, and the conformance suite checks that it does); the rest
 * may assume consistent arguments. Every implementation must agree with
 * {@link ReferenceKernels} within the tolerances of the conformance suite.
 */
public interface Kernels {

    /** Short name used for selection ({@code -Dprune4j.backend=NAME}). */
    String name();

    /** One line naming the backend, its vector width, threads or device. */
    default String describe() { return name(); }

    /** Selection priority: the highest available backend wins when none is requested. */
    default int priority() { return 0; }

    // ------------------------------------------------------------------ GEMM

    /**
     * C = alpha·op(A)·op(B) + beta·C, row-major. op(A) is m×k, op(B) is k×n. lda, ldb
     * and ldc are the row strides of A, B and C as stored (so A stored k×m when transA).
     * When beta == 0, C is not read (NaNs in C do not propagate).
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    // ------------------------------------------------------------------ convolution

    /** y[N,Cout,OH,OW] = conv(x[N,Cin,H,W], w) + bias[Cout] (bias may be null). */
    void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y);

    /** dx[N,Cin,H,W] = gradient of the convolution with respect to its input. */
    void conv2dBackwardData(ConvGeometry g, float[] dy, float[] w, float[] dx);

    /** dw[Cout,Cin/g,kh,kw] = gradient with respect to the weight. */
    void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw);

    // ------------------------------------------------------------------ pooling

    /** Max pooling; padding acts as -inf. argmax receives the flat input index (within the whole x) of each maximum; ties take the first. */
    void maxPool2dForward(PoolGeometry p, float[] x, float[] y, int[] argmax);

    /** dx = scatter-add of dy through argmax. */
    void maxPool2dBackward(PoolGeometry p, float[] dy, int[] argmax, float[] dx);

    /** Average pooling; padded positions count in the divisor (count_include_pad). */
    void avgPool2dForward(PoolGeometry p, float[] x, float[] y);

    void avgPool2dBackward(PoolGeometry p, float[] dy, float[] dx);

    // ------------------------------------------------------------------ batch normalisation over x[N, C, S]

    /**
     * Training-mode batch norm: per channel mean and biased variance over N·S values.
     * Writes y, the batch mean and invStd = 1/sqrt(var + eps) for the backward pass.
     */
    void batchNormTrainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                               float[] y, float[] mean, float[] invStd);

    /** Eval-mode batch norm with running statistics. */
    void batchNormEvalForward(int n, int c, int s, float[] x, float[] gamma, float[] beta,
                              float[] runMean, float[] runVar, float eps, float[] y);

    /**
     * The running statistics after a training-mode step over count = N·S values per
     * channel: runMean ← (1−m)·runMean + m·mean, runVar ← (1−m)·runVar + m·unbiased variance,
     * the variance recovered from invStd. The default runs on the host (the variance in
     * double precision); a device backend overrides it so the statistics stay on the device.
     */
    default void batchNormUpdateRunning(int c, float[] mean, float[] invStd, float eps, long count, float momentum,
                                        float[] runMean, float[] runVar) {
        for (int i = 0; i < c; i++) {
            double var = 1.0 / ((double) invStd[i] * invStd[i]) - eps;
            double unbiased = Math.max(0.0, var) * count / (count - 1);
            runMean[i] = (1 - momentum) * runMean[i] + momentum * mean[i];
            runVar[i] = (float) ((1 - momentum) * runVar[i] + momentum * unbiased);
        }
    }

    /** Backward of the training-mode batch norm: writes dx, dgamma and dbeta. */
    void batchNormBackward(int n, int c, int s, float[] x, float[] dy, float[] gamma,
                           float[] mean, float[] invStd, float[] dx, float[] dgamma, float[] dbeta);

    /**
     * {@link #batchNormTrainForward} followed by ReLU on y (max(y, 0), NaN passing through), the pair that opens every
     * residual block: a backend that fuses them writes y once instead of writing it and rewriting it. The default runs
     * the two kernels.
     */
    default void batchNormReluTrainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                                           float[] y, float[] mean, float[] invStd) {
        batchNormTrainForward(n, c, s, x, gamma, beta, eps, y, mean, invStd);
        unary(Unary.RELU, n * c * s, y, 0, y, 0);
    }

    /**
     * Backward of {@link #batchNormReluTrainForward}: {@link #batchNormBackward} of dy·[y &gt; 0], with y the ReLU's
     * output (y &gt; 0 exactly where the batch norm's output was), so a backend that fuses them reads the mask inside
     * its two passes instead of writing the masked gradient first. The default masks into a temporary array and runs
     * the batch-norm backward on it.
     */
    default void batchNormReluBackward(int n, int c, int s, float[] x, float[] y, float[] dy, float[] gamma,
                                       float[] mean, float[] invStd, float[] dx, float[] dgamma, float[] dbeta) {
        float[] masked = org.prune4j.core.tensor.HostAccess.newStorage(n * c * s);
        unaryBackward(Unary.RELU, n * c * s, y, y, dy, masked);
        batchNormBackward(n, c, s, x, masked, gamma, mean, invStd, dx, dgamma, dbeta);
    }

    // ------------------------------------------------------------------ elementwise

    /** y = f(x) over n elements. x and y may be the same array region. */
    void unary(Unary op, int n, float[] x, int xOff, float[] y, int yOff);

    /** dx = dy · f'(·) over n elements, using the forward input x and output y (either may be what f' needs). */
    void unaryBackward(Unary op, int n, float[] x, float[] y, float[] dy, float[] dx);

    /** y = a ∘ b over n elements of equal shape. */
    void binary(Binary op, int n, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff);

    /**
     * y = a ∘ b with broadcasting: y is contiguous with the given shape; a and b are read
     * with their own strides per axis (0 on a broadcast axis).
     */
    void binaryBroadcast(Binary op, int[] shape, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] y);

    /** y = alpha·x + beta over n elements. */
    void affine(int n, float[] x, int xOff, float alpha, float beta, float[] y, int yOff);

    /** y += alpha·x over n elements (accumulates). */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** y = x over n elements, bit for bit (−0 and NaN payloads kept). x and y are different arrays. */
    void copy(int n, float[] x, int xOff, float[] y, int yOff);

    /** y[n, c, s] += bias[c], then ReLU when relu is set (in place). bias may be null. */
    void biasActivation(int n, int c, int s, float[] y, float[] bias, boolean relu);

    // ------------------------------------------------------------------ reductions

    /** Views x as [outer, len, inner] and writes y[outer, inner] = Σ over len. */
    void sumAxis(int outer, int len, int inner, float[] x, float[] y);

    /** Sum of n elements (accumulated in double for accuracy). */
    double sum(int n, float[] x, int xOff);

    // ------------------------------------------------------------------ softmax family over rows of a rows×cols matrix

    void softmax(int rows, int cols, float[] x, float[] y);

    void logSoftmax(int rows, int cols, float[] x, float[] y);

    /** dx = y ⊙ (dy − Σ dy⊙y) per row, y the softmax output. */
    void softmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx);

    /** dx = dy − exp(y)·Σ dy per row, y the log-softmax output. */
    void logSoftmaxBackward(int rows, int cols, float[] y, float[] dy, float[] dx);

    /**
     * Mean cross-entropy of logits against integer labels with label smoothing ε
     * (target = (1−ε)·onehot + ε/cols). Writes the softmax probabilities into prob and
     * returns the loss.
     */
    float crossEntropyForward(int rows, int cols, float[] logits, int[] labels, float smoothing, float[] prob);

    /** dlogits = scale · (prob − target) / rows. */
    void crossEntropyBackward(int rows, int cols, float[] prob, int[] labels, float smoothing, float scale, float[] dlogits);

    // ------------------------------------------------------------------ optimizer updates (in place, n elements)

    /**
     * One torch.optim.SGD step, per element in this order and float arithmetic:
     * {@code g += weightDecay·w} (when weightDecay ≠ 0); with momentum ≠ 0,
     * {@code buf = firstStep ? g : momentum·buf + (1 − dampening)·g} and
     * {@code g = nesterov ? g + momentum·buf : buf}; then {@code w −= lr·g}. Where mask
     * (may be null) is 0, w and buf are set to exactly 0 afterwards. buf is used only
     * when momentum ≠ 0 (it may be null otherwise). g is read only.
     */
    void sgdUpdate(int n, float[] w, float[] g, float[] buf, boolean firstStep, float lr, float momentum,
                   float dampening, float weightDecay, boolean nesterov, float[] mask);

    /**
     * One torch.optim.Adam / AdamW step, per element: weight decay first (decoupled:
     * {@code w *= 1 − lr·weightDecay}; coupled: {@code g += weightDecay·w}), then
     * {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g·g},
     * {@code w −= stepSize·m / (sqrt(v)/sqrtBiasCorrection2 + eps)} with the square
     * root taken in double. Where mask (may be null) is 0, w, m and v are set to exactly
     * 0 afterwards. g is read only.
     */
    void adamUpdate(int n, float[] w, float[] g, float[] m, float[] v, float lr, float stepSize, float beta1, float beta2,
                    float eps, float weightDecay, boolean decoupled, float sqrtBiasCorrection2, float[] mask);

    // ------------------------------------------------------------------ layout

    /** y = x permuted: y's axis i is x's axis perm[i]; shape is x's shape. */
    void permute(int[] shape, int[] perm, float[] x, float[] y);

    /**
     * dst[p] = src[srcOff + index[p]] for p &lt; n. This is how a masked weight's nonzeros
     * are gathered into CSR order each step, and how CSR values are permuted into the
     * transpose's order, without the weight leaving the device it lives on. Every index
     * must lie in [0, src.length - srcOff); implementations reject others.
     */
    void gather(int n, float[] src, int srcOff, int[] index, float[] dst);

    /**
     * dst[0, len) = 0, then dst[index[p]] = src[p] for p &lt; n: a weight gradient computed
     * at the mask's nonzeros back to its dense positions. Indices must be distinct and
     * lie in [0, len); implementations reject indices out of range.
     */
    void scatter(int n, float[] src, int[] index, int len, float[] dst);

    // ------------------------------------------------------------------ sparse

    /**
     * C[m×n] = A[m×k] · B[k×n] with A in CSR, B and C dense row-major (C row stride n,
     * B row stride n). bias (length m, may be null) is added per row and ReLU applied
     * when relu is set. When accumulate is set, C += A·B (bias and relu must then be
     * null/false).
     */
    void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff, float[] bias, boolean relu, boolean accumulate);

    /**
     * A pruned 1×1 convolution over a batch of NCHW images: for each image i &lt; images, C_i = A·B_i (+bias per row,
     * then ReLU when relu) with A (m×k) in CSR, B_i the k planes of hw pixels at bOff + i·k·hw and C_i the m planes at
     * cOff + i·m·hw, overwritten. The default is {@link #spmm} image by image; backends may share the images out
     * among threads instead of splitting each product.
     */
    default void spmmImages(CsrMatrix a, int hw, int images, float[] b, int bOff, float[] c, int cOff, float[] bias, boolean relu) {
        KernelArgs.spmmImages(a, hw, images, b, bOff, c, cOff, bias);
        int m = a.rows(), k = a.cols();
        for (int i = 0; i < images; i++) spmm(a, hw, b, bOff + i * k * hw, c, cOff + i * m * hw, bias, relu, false);
    }

    /**
     * A pruned Linear layer on row-major activations: Y[batch×m] = X[batch×k]·Aᵀ with A
     * (m×k) in CSR, X row stride k and Y row stride m. bias (length m, may be null) is
     * added per output feature and ReLU applied when relu is set; when accumulate is set,
     * Y += X·Aᵀ (bias and relu must then be null/false). With A = Wᵀ this is also the
     * input gradient dY·W. The default transposes around {@link #spmm} with this backend's
     * own permute, so data that lives on a device stays there when X and Y are whole arrays
     * at offset 0 (the only way the ops call it); other offsets go through host copies.
     * Backends may fuse the layout change into the kernel.
     */
    default void sparseLinear(CsrMatrix a, int batch, float[] x, int xOff, float[] y, int yOff,
                              float[] bias, boolean relu, boolean accumulate) {
        KernelArgs.sparseLinear(a, batch, x, xOff, y, yOff, bias);
        int m = a.rows(), k = a.cols();
        boolean whole = xOff == 0 && yOff == 0 && x.length == batch * k && y.length == batch * m;
        float[] xs = x, ys = y;
        if (!whole) {
            xs = java.util.Arrays.copyOfRange(x, xOff, xOff + batch * k);
            ys = java.util.Arrays.copyOfRange(y, yOff, yOff + batch * m);
        }
        // Temporaries as storage, so a device backend keeps them where the kernels run.
        float[] xt = org.prune4j.core.tensor.HostAccess.newStorage(k * batch);
        float[] yt = org.prune4j.core.tensor.HostAccess.newStorage(m * batch);
        permute(new int[] {batch, k}, new int[] {1, 0}, xs, xt);
        if (accumulate) permute(new int[] {batch, m}, new int[] {1, 0}, ys, yt);
        spmm(a, batch, xt, 0, yt, 0, bias, relu, accumulate);
        permute(new int[] {m, batch}, new int[] {1, 0}, yt, ys);
        if (!whole) System.arraycopy(ys, 0, y, yOff, batch * m);
    }

    /**
     * Sampled dense-dense product: for every stored entry p = (i, j) of pattern (m×k),
     * out[p] = Σ_t A[i, t]·B[j, t] with A m×n and B k×n row-major. This is the weight
     * gradient dY·Xᵀ evaluated only at the mask's nonzeros. Accumulates into out when
     * accumulate is set.
     */
    void sddmm(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff, float[] out, boolean accumulate);

    /**
     * A pruned 1×1 convolution's weight gradient over a batch of NCHW images: out[p] = Σ over images i &lt; images of
     * Σ_t A_i[r, t]·B_i[c, t] for every stored entry p = (r, c) of pattern (m×k), with A_i the m planes of hw pixels at
     * aOff + i·m·hw (dY) and B_i the k planes at bOff + i·k·hw (x); out is overwritten. The default is {@link #sddmm}
     * image by image.
     */
    default void sddmmImages(CsrMatrix pattern, int hw, int images, float[] a, int aOff, float[] b, int bOff, float[] out) {
        KernelArgs.sddmmImages(pattern, hw, images, a, aOff, b, bOff, out);
        int m = pattern.rows(), k = pattern.cols();
        if (images == 0) java.util.Arrays.fill(out, 0, pattern.nnz(), 0f);
        for (int i = 0; i < images; i++) sddmm(pattern, hw, a, aOff + i * m * hw, b, bOff + i * k * hw, out, i > 0);
    }

    /** Direct sparse convolution: y = conv(x, W) + bias with W [Cout × patchSize] in CSR; ReLU fused when relu. */
    void sparseConv2dForward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y);

    /** dx = gradient of the sparse convolution with respect to its input. */
    void sparseConv2dBackwardData(ConvGeometry g, CsrMatrix w, float[] dy, float[] dx);

    /** dwValues[p] = gradient of the weight at the stored entries of pattern only. */
    void sparseConv2dBackwardWeight(ConvGeometry g, CsrMatrix pattern, float[] x, float[] dy, float[] dwValues);

    /**
     * Both gradients of a sparse convolution in one call: dx as {@link #sparseConv2dBackwardData}
     * and dwValues at w's stored entries as {@link #sparseConv2dBackwardWeight} (both overwritten,
     * same results). A backend may share work between them, such as the layout of dy both read;
     * by default the two kernels run one after the other.
     */
    default void sparseConv2dBackward(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dx, float[] dwValues) {
        KernelArgs.sparseConvBackward(g, w, x, dy, dx, dwValues);
        sparseConv2dBackwardData(g, w, dy, dx);
        sparseConv2dBackwardWeight(g, w, x, dy, dwValues);
    }
}
