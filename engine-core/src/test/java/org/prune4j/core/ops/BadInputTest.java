package org.prune4j.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.sparse.SparseWeight;
import org.prune4j.core.tensor.Shape;
import org.prune4j.core.tensor.Tensor;

/** Every op rejects bad arguments with an IllegalArgumentException that names what it got and wanted. */
class BadInputTest {

    private static void rejects(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), () -> "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test void shapes() {
        rejects(() -> Ops.add(Tensor.zeros(2, 3), Tensor.zeros(4)), "[2, 3]", "[4]", "broadcast");
        rejects(() -> Ops.matmul(Tensor.zeros(2, 3), Tensor.zeros(4, 5)), "[2, 3]", "[4, 5]");
        rejects(() -> Ops.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 5), null), "3 features", "[4, 5]");
        rejects(() -> Ops.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 3), Tensor.zeros(5)), "bias", "[5]", "[4]");
        rejects(() -> Ops.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 2, 3, 3), null, 1, 1), "3 channels", "expects 2");
        rejects(() -> Ops.conv2d(Tensor.zeros(3, 8, 8), Tensor.zeros(4, 3, 3, 3), null, 1, 1), "rank 4", "[3, 8, 8]");
        rejects(() -> Ops.conv2d(Tensor.zeros(1, 3, 2, 2), Tensor.zeros(4, 3, 5, 5), null, 1, 0), "does not fit");
        rejects(() -> Ops.conv2d(Tensor.zeros(1, 4, 8, 8), Tensor.zeros(6, 2, 3, 3), null, 1, 1, 1, 4), "groups=4");
        rejects(() -> Ops.maxPool2d(Tensor.zeros(1, 1, 2, 2), 3, 1, 0), "larger than");
        rejects(() -> Ops.batchNorm(Tensor.zeros(2, 3, 4, 4), Tensor.ones(4), Tensor.zeros(3), Tensor.zeros(3), Tensor.ones(3), true, 0.1f, 1e-5f),
                "weight", "[4]", "[3]");
        rejects(() -> Ops.batchNorm(Tensor.zeros(1, 3), Tensor.ones(3), Tensor.zeros(3), Tensor.zeros(3), Tensor.ones(3), true, 0.1f, 1e-5f),
                "more than one value");
        rejects(() -> Ops.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)), "[2, 4]");
        rejects(() -> Ops.permute(Tensor.zeros(2, 3), 0, 0), "not a permutation");
        rejects(() -> Ops.reshape(Tensor.zeros(2, 3), 4, -1), "cannot reshape");
        rejects(() -> Ops.sum(Tensor.zeros(2, 3), false, 2), "axis 2");
        rejects(() -> Ops.slice(Tensor.zeros(2, 3), 1, 2, 5), "out of range");
    }

    @Test void values() {
        rejects(() -> Ops.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}), "label 3", "position 1");
        rejects(() -> Ops.crossEntropy(Tensor.zeros(2, 3), new int[] {0}), "1 labels", "batch of 2");
        rejects(() -> Ops.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 1}, 1.5f), "smoothing");
        rejects(() -> Ops.dropout(Tensor.zeros(2), 1f, true, null), "p must be");
        rejects(() -> Ops.add(null, Tensor.zeros(1)), "must not be null");
        rejects(() -> Tensor.of(new float[3], 2, 2), "3 elements", "[2, 2]");
        rejects(() -> Shape.of(2, -1), "negative");
    }

    @Test void csrStructureValidated() {
        rejects(() -> new CsrMatrix(2, 3, new int[] {0, 1}, new int[] {0}, new float[] {1f}), "rowPtr has length 2");
        rejects(() -> new CsrMatrix(2, 3, new int[] {0, 2, 1}, new int[] {0}, new float[] {1f}), "exceeds nnz = 1");
        rejects(() -> new CsrMatrix(3, 3, new int[] {0, 2, 1, 2}, new int[] {0, 1}, new float[] {1f, 2f}), "decreases");
        rejects(() -> new CsrMatrix(1, 3, new int[] {0, 1}, new int[] {3}, new float[] {1f}), "column 3");
        rejects(() -> new CsrMatrix(1, 3, new int[] {0, 2}, new int[] {1, 1}, new float[] {1f, 1f}), "strictly increasing");
    }

    @Test void convWithAGeometryThatDoesNotDescribeItsTensors() {
        ConvGeometry g = ConvGeometry.of(2, 3, 5, 5, 4, 3, 1, 1, 1);
        Tensor x = Tensor.zeros(2, 3, 5, 5), w = Tensor.zeros(4, 3, 3, 3);
        rejects(() -> Conv2d.conv2d(Tensor.zeros(2, 3, 6, 6), w, null, g), "conv2d: input has shape [2, 3, 6, 6]", "expected [2, 3, 5, 5]");
        rejects(() -> Conv2d.conv2d(x, Tensor.zeros(4, 3, 5, 5), null, g), "conv2d: weight has shape [4, 3, 5, 5]");
        rejects(() -> Conv2d.conv2d(x, w, null, null), "geometry is required");
        Mask m = Mask.ones(Shape.of(4, 3, 3, 3));
        SparseWeight sw = new SparseWeight(m, 4, 27);
        rejects(() -> SparseOps.conv2d(Tensor.zeros(1, 3, 5, 5), w, sw, null, g, false, false), "sparse_conv2d: input has shape [1, 3, 5, 5]");
        rejects(() -> SparseOps.conv2d(x, null, sw, null, g, false, false), "sparse_conv2d: weight");
    }

    @Test void csrFromAndToDenseValidated() {
        rejects(() -> CsrMatrix.fromDense(null, 0, 2, 2), "dense matrix is required");
        rejects(() -> CsrMatrix.fromDense(new float[4], -1, 2, 2), "offset must not be negative");
        rejects(() -> CsrMatrix.fromDense(new float[4], 0, -2, 2), "negative size -2x2");
        rejects(() -> CsrMatrix.fromDense(new float[4], 0, 65536, 65536), "exceeds one array");
        CsrMatrix m = CsrMatrix.fromDense(new float[] {1, 0, 0, 1}, 0, 2, 2);
        float[] dense = {5, 5, 5};
        rejects(() -> m.scatter(m.values(), dense, 0), "does not fit an array of 3");
        assertArrayEquals(new float[] {5, 5, 5}, dense, "scatter cleared its destination before rejecting it");
        rejects(() -> m.scatter(m.values(), new float[4], -1), "offset -1");
        rejects(() -> m.scatter(null, new float[4], 0), "no values for 2 nonzeros");
        rejects(() -> m.flatIndex(null), "no array for 2 nonzeros");
    }
}
