package org.prune4j.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.ReferenceKernels;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.sparse.SparseWeight;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.core.testkit.GradCheck;

/** Sparse layers compute exactly what the dense layer on w ⊙ m computes, forward and backward. */
class SparseOpsTest {
    private final Rng rng = new Rng(11);

    private Mask randomMask(int[] dims, double density) {
        Tensor t = Tensor.zeros(dims);
        float[] m = new float[t.size()];
        for (int i = 0; i < m.length; i++) m[i] = rng.uniform() < density ? 1f : 0f;
        return Mask.of(t.shape(), m);
    }

    private static void assertClose(float[] a, float[] b, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4f * (1 + Math.abs(a[i])), what + " at " + i);
        }
    }

    private void checkConv(int n, int cin, int h, int cout, int kernel, int stride, int pad, int groups, double density, boolean relu) {
        Tensor x = Tensor.randn(rng, n, cin, h, h).requiresGrad(true);
        Tensor w = Tensor.randn(rng, cout, cin / groups, kernel, kernel).requiresGrad(true);
        Tensor b = Tensor.randn(rng, cout).requiresGrad(true);
        Mask m = randomMask(w.dims(), density);
        ConvGeometry g = Conv2d.geometry(x, w, stride, stride, pad, pad, 1, 1, groups);
        SparseWeight sw = new SparseWeight(m, cout, g.patchSize());

        Tensor dense = Ops.conv2d(x, Ops.masked(w, m), b, stride, pad, 1, groups);
        if (relu) dense = Ops.relu(dense);
        Ops.sum(Ops.square(dense)).backward();
        float[] dx = x.gradArray().clone(), dw = w.gradArray().clone(), db = b.gradArray().clone();
        x.zeroGrad(); w.zeroGrad(); b.zeroGrad();

        Tensor sparse = SparseOps.conv2d(x, w, sw, b, g, relu, false);
        assertClose(dense.data(), sparse.data(), "forward");
        Ops.sum(Ops.square(sparse)).backward();
        assertClose(dx, x.gradArray(), "dx");
        assertClose(dw, w.gradArray(), "dw");
        assertClose(db, b.gradArray(), "db");
        for (int i = 0; i < m.size(); i++) if (!m.isKept(i)) assertEquals(0f, w.gradArray()[i], "pruned weight gradient");
    }

    @Test void convMatchesMaskedDense() {
        checkConv(2, 4, 6, 5, 3, 1, 1, 1, 0.3, false);
        checkConv(2, 4, 7, 6, 3, 2, 1, 2, 0.5, true);
        checkConv(1, 3, 5, 3, 3, 1, 1, 3, 0.7, false);  // depthwise
        checkConv(3, 6, 4, 5, 1, 1, 0, 1, 0.2, true);   // pointwise: SpMM path
        checkConv(2, 4, 5, 4, 3, 1, 1, 1, 0.0, false);  // fully pruned
        checkConv(2, 4, 5, 4, 1, 1, 0, 1, 1.0, false);  // dense mask
    }

    @Test void linearMatchesMaskedDense() {
        for (double density : new double[] {0.0, 0.1, 0.6, 1.0}) {
            Tensor x = Tensor.randn(rng, 5, 7).requiresGrad(true);
            Tensor w = Tensor.randn(rng, 4, 7).requiresGrad(true);
            Tensor b = Tensor.randn(rng, 4).requiresGrad(true);
            Mask m = randomMask(w.dims(), density);
            SparseWeight sw = new SparseWeight(m, 4, 7);
            Tensor dense = Ops.linear(x, Ops.masked(w, m), b);
            Ops.sum(Ops.square(dense)).backward();
            float[] dx = x.gradArray().clone(), dw = w.gradArray().clone();
            x.zeroGrad(); w.zeroGrad(); b.zeroGrad();
            Tensor sparse = SparseOps.linear(x, w, sw, b, false);
            assertClose(dense.data(), sparse.data(), "forward");
            Ops.sum(Ops.square(sparse)).backward();
            assertClose(dx, x.gradArray(), "dx");
            assertClose(dw, w.gradArray(), "dw");
        }
    }

    @Test void gradCheckAndDenseWeightGradient() {
        Tensor x = Tensor.randn(rng, 2, 3, 5, 5).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 4, 3, 3, 3).requiresGrad(true);
        Mask m = randomMask(w.dims(), 0.5);
        ConvGeometry g = Conv2d.geometry(x, w, 1, 1, 1, 1, 1, 1, 1);
        SparseWeight sw = new SparseWeight(m, 4, 27);
        GradCheck.check("sparse_conv2d", in -> SparseOps.conv2d(in[0], in[1], sw, null, g, false, false), x, w);
        // Dense weight gradient equals the gradient of the dense conv evaluated at w ⊙ m.
        w.zeroGrad();
        Ops.sum(SparseOps.conv2d(x, w, sw, null, g, false, true)).backward();
        float[] got = w.gradArray().clone();
        w.zeroGrad();
        Ops.sum(Ops.conv2d(x, Ops.masked(w, m, true), null, 1, 1)).backward();
        assertClose(w.gradArray(), got, "dense dw");
    }

    @Test void structureRebuiltOnlyWhenMaskChanges() {
        Mask m = randomMask(new int[] {3, 4}, 0.5);
        SparseWeight sw = new SparseWeight(m, 3, 4);
        ReferenceKernels k = new ReferenceKernels();
        float[] w = new float[12];
        for (int i = 0; i < 12; i++) w[i] = i + 1;
        var first = sw.refresh(k, w);
        w[0] = 42f;
        var second = sw.refresh(k, w);
        assertEquals(first, second, "same structure object while the mask is unchanged");
        assertGathered(m, w, second);
        m.set(0, !m.isKept(0));
        var third = sw.refresh(k, w);
        assertEquals(m.nnz(), third.nnz());
        if (third == second) throw new AssertionError("structure not rebuilt after a mask change");
        assertGathered(m, w, third);
    }

    /** Values follow the weight at the kept positions; the transpose and the scatter agree with the dense view. */
    private static void assertGathered(Mask m, float[] w, CsrMatrix csr) {
        float[] masked = new float[w.length];
        for (int i = 0; i < w.length; i++) masked[i] = m.isKept(i) ? w[i] : 0f;
        assertArrayEquals(masked, csr.toDense(), 0f, "gathered values");
    }

    @Test void transposedValuesAndScatterFollowTheWeight() {
        Mask m = randomMask(new int[] {5, 7}, 0.4);
        SparseWeight sw = new SparseWeight(m, 5, 7);
        ReferenceKernels k = new ReferenceKernels();
        float[] w = new float[35];
        for (int step = 0; step < 2; step++) {
            for (int i = 0; i < 35; i++) w[i] = step * 100 + i + 1;
            CsrMatrix csr = sw.refresh(k, w);
            float[] dense = csr.toDense(), t = sw.transposed(k).toDense();
            for (int r = 0; r < 5; r++) for (int c = 0; c < 7; c++) assertEquals(dense[r * 7 + c], t[c * 5 + r], "transpose at " + r + "," + c);
            float[] back = new float[35];
            java.util.Arrays.fill(back, Float.NaN);
            sw.scatter(k, csr.values(), back);
            assertArrayEquals(dense, back, 0f, "scatter of the values is the masked weight");
        }
        assertThrows(IllegalArgumentException.class, () -> sw.scatter(k, new float[sw.csr().nnz() + 1], new float[35]));
    }
}
