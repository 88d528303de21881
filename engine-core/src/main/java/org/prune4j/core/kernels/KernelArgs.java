package org.prune4j.core.kernels;

import org.prune4j.core.sparse.CsrMatrix;

/**
 * Argument checks shared by every backend's convolutions and sparse kernels ({@code Kernels.conv2d*},
 * {@code spmm}, {@code sparseLinear}, {@code sddmm}, their per-image forms and the sparse convolutions), run
 * before any work: a missing array, a negative size or offset, an array too short for the operand it holds, or a
 * sparse weight whose shape is not the layer's fails with a message that names the operand and both sizes.
 * Without them a short array failed deep inside a kernel (a bare index out of bounds, on a worker thread or a
 * device), a negative size returned without writing its result, and a short input whose last columns the mask
 * happened not to read gave no error at all. Sizes are multiplied in long, so operands past 2^31 floats are
 * reported rather than wrapped.
 */
public final class KernelArgs {
    private KernelArgs() {}

    /**
     * Checks for {@code Kernels.gemm}, as BLAS makes them: sizes not negative, each leading dimension at least the
     * row it strides over (a shorter one made rows overlap and gave a wrong product without an error), and every
     * operand's last row inside its array.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        size("gemm", "m", m);
        size("gemm", "n", n);
        size("gemm", "k", k);
        matrixOperand("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        matrixOperand("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        matrixOperand("C", c, cOff, ldc, m, n);
    }

    /** A row-major operand of rows × cols stored with row stride ld at off. */
    private static void matrixOperand(String name, float[] array, int off, int ld, int rows, int cols) {
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException("gemm: ld" + name.toLowerCase(java.util.Locale.ROOT) + " = " + ld + " is shorter than "
                    + name + "'s rows of " + cols + " (stored " + rows + "x" + cols + ")");
        }
        operand("gemm", name, array, off, rows == 0 || cols == 0 ? 0 : (long) (rows - 1) * ld + cols, "(rows - 1)·ld + cols");
    }

    /** Checks for {@code Kernels.conv2dForward}: x, the dense weight w, bias (may be null) and y as g says. */
    public static void convForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        geometry("conv2d forward", g);
        operand("conv2d forward", "x", x, 0, g.inputSize(), INPUT);
        operand("conv2d forward", "w", w, 0, g.weightSize(), WEIGHT);
        operand("conv2d forward", "y", y, 0, g.outputSize(), OUTPUT);
        bias("conv2d forward", bias, g.outChannels());
    }

    /** Checks for {@code Kernels.conv2dBackwardData}. */
    public static void convBackwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        geometry("conv2d backward-data", g);
        operand("conv2d backward-data", "dy", dy, 0, g.outputSize(), OUTPUT);
        operand("conv2d backward-data", "w", w, 0, g.weightSize(), WEIGHT);
        operand("conv2d backward-data", "dx", dx, 0, g.inputSize(), INPUT);
    }

    /** Checks for {@code Kernels.conv2dBackwardWeight}. */
    public static void convBackwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        geometry("conv2d backward-weight", g);
        operand("conv2d backward-weight", "x", x, 0, g.inputSize(), INPUT);
        operand("conv2d backward-weight", "dy", dy, 0, g.outputSize(), OUTPUT);
        operand("conv2d backward-weight", "dw", dw, 0, g.weightSize(), WEIGHT);
    }

    /** Checks for {@code Kernels.spmm}: C (m×n) = A (m×k, CSR) · B (k×n). */
    public static void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff, float[] bias) {
        matrix("spmm", "A", a);
        size("spmm", "n", n);
        operand("spmm", "B", b, bOff, (long) a.cols() * n, "k·n");
        operand("spmm", "C", c, cOff, (long) a.rows() * n, "m·n");
        bias("spmm", bias, a.rows());
    }

    /** Checks for {@code Kernels.spmmImages}: images of C (m planes of hw) = A (m×k) · B (k planes of hw). */
    public static void spmmImages(CsrMatrix a, int hw, int images, float[] b, int bOff, float[] c, int cOff, float[] bias) {
        matrix("spmmImages", "A", a);
        size("spmmImages", "hw", hw);
        size("spmmImages", "images", images);
        operand("spmmImages", "B", b, bOff, (long) images * a.cols() * hw, "images·k·hw");
        operand("spmmImages", "C", c, cOff, (long) images * a.rows() * hw, "images·m·hw");
        bias("spmmImages", bias, a.rows());
    }

    /** Checks for {@code Kernels.sparseLinear}: Y (batch×m) = X (batch×k) · Aᵀ. */
    public static void sparseLinear(CsrMatrix a, int batch, float[] x, int xOff, float[] y, int yOff, float[] bias) {
        matrix("sparseLinear", "A", a);
        size("sparseLinear", "batch", batch);
        operand("sparseLinear", "X", x, xOff, (long) batch * a.cols(), "batch·k");
        operand("sparseLinear", "Y", y, yOff, (long) batch * a.rows(), "batch·m");
        bias("sparseLinear", bias, a.rows());
    }

    /** Checks for {@code Kernels.sddmm}: out[p] = A[i]·B[j] at pattern's entries, A m×n, B k×n. */
    public static void sddmm(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff, float[] out) {
        matrix("sddmm", "pattern", pattern);
        size("sddmm", "n", n);
        operand("sddmm", "A", a, aOff, (long) pattern.rows() * n, "m·n");
        operand("sddmm", "B", b, bOff, (long) pattern.cols() * n, "k·n");
        operand("sddmm", "out", out, 0, pattern.nnz(), "the stored entries");
    }

    /** Checks for {@code Kernels.sddmmImages}: A m planes of hw, B k planes of hw per image. */
    public static void sddmmImages(CsrMatrix pattern, int hw, int images, float[] a, int aOff, float[] b, int bOff, float[] out) {
        matrix("sddmmImages", "pattern", pattern);
        size("sddmmImages", "hw", hw);
        size("sddmmImages", "images", images);
        operand("sddmmImages", "A", a, aOff, (long) images * pattern.rows() * hw, "images·m·hw");
        operand("sddmmImages", "B", b, bOff, (long) images * pattern.cols() * hw, "images·k·hw");
        operand("sddmmImages", "out", out, 0, pattern.nnz(), "the stored entries");
    }

    /** Checks for {@code Kernels.sparseConv2dForward}. */
    public static void sparseConvForward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, float[] y) {
        convWeight("sparse conv2d forward", g, w);
        operand("sparse conv2d forward", "x", x, 0, g.inputSize(), INPUT);
        operand("sparse conv2d forward", "y", y, 0, g.outputSize(), OUTPUT);
        bias("sparse conv2d forward", bias, g.outChannels());
    }

    /** Checks for {@code Kernels.sparseConv2dBackwardData}. */
    public static void sparseConvBackwardData(ConvGeometry g, CsrMatrix w, float[] dy, float[] dx) {
        convWeight("sparse conv2d backward-data", g, w);
        operand("sparse conv2d backward-data", "dy", dy, 0, g.outputSize(), OUTPUT);
        operand("sparse conv2d backward-data", "dx", dx, 0, g.inputSize(), INPUT);
    }

    /** Checks for {@code Kernels.sparseConv2dBackwardWeight}. */
    public static void sparseConvBackwardWeight(ConvGeometry g, CsrMatrix pattern, float[] x, float[] dy, float[] dwValues) {
        convWeight("sparse conv2d backward-weight", g, pattern);
        operand("sparse conv2d backward-weight", "x", x, 0, g.inputSize(), INPUT);
        operand("sparse conv2d backward-weight", "dy", dy, 0, g.outputSize(), OUTPUT);
        operand("sparse conv2d backward-weight", "dwValues", dwValues, 0, pattern.nnz(), "the stored entries");
    }

    /** Checks for {@code Kernels.sparseConv2dBackward} (both gradients). */
    public static void sparseConvBackward(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dx, float[] dwValues) {
        sparseConvBackwardWeight(g, w, x, dy, dwValues);
        operand("sparse conv2d backward-data", "dx", dx, 0, g.inputSize(), INPUT);
    }

    private static final String INPUT = "the input N·C·H·W", OUTPUT = "the output N·Cout·OH·OW", WEIGHT = "the weight Cout·C/groups·kH·kW";

    private static void geometry(String op, ConvGeometry g) {
        if (g == null) throw new IllegalArgumentException(op + ": the geometry is required");
    }

    /**
     * A sparse convolution weight of the shape g needs (Cout × Cin/groups·kh·kw), for kernels called directly rather than
     * through a backend (the same message as the backends' checks).
     */
    public static void sparseConvWeight(ConvGeometry g, CsrMatrix w) {
        convWeight("sparse conv2d", g, w);
    }

    private static void convWeight(String op, ConvGeometry g, CsrMatrix w) {
        geometry(op, g);
        matrix(op, "weight", w);
        if (w.rows() != g.outChannels() || w.cols() != g.patchSize()) {
            throw new IllegalArgumentException(op + ": weight is " + w.rows() + "x" + w.cols() + ", expected " + g.outChannels()
                    + "x" + g.patchSize() + " (Cout x Cin/groups*kh*kw)");
        }
    }

    private static void matrix(String op, String name, CsrMatrix m) {
        if (m == null) throw new IllegalArgumentException(op + ": the sparse matrix " + name + " is required");
    }

    private static void size(String op, String name, int v) {
        if (v < 0) throw new IllegalArgumentException(op + ": " + name + " must not be negative, got " + v);
    }

    private static void bias(String op, float[] bias, int m) {
        if (bias != null && bias.length < m) throw new IllegalArgumentException(op + ": bias has " + bias.length + " values for " + m + " rows");
    }

    /** array[off, off + need) must exist; formula says how need was counted (a literal: no message is built unless one fails). */
    private static void operand(String op, String name, float[] array, int off, long need, String formula) {
        if (array == null) throw new IllegalArgumentException(op + ": " + name + " is required (" + formula + " = " + need + " floats)");
        if (off < 0) throw new IllegalArgumentException(op + ": " + name + " offset must not be negative, got " + off);
        if (off + need > array.length) {
            throw new IllegalArgumentException(op + ": " + name + " needs " + formula + " = " + need + " floats from offset " + off
                    + ", but the array holds " + array.length);
        }
    }
}
