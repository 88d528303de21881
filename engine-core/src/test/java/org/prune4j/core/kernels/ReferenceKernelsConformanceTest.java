package org.prune4j.core.kernels;

import org.junit.jupiter.api.Test;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.testkit.Approx;
import org.prune4j.core.testkit.KernelConformance;
import org.prune4j.core.testkit.TestData;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs the conformance suite on the oracle itself (the suite must be runnable and pass
 * on its own reference), and proves the suite can fail: a gemm that drops the last
 * k term is rejected.
 */
class ReferenceKernelsConformanceTest extends KernelConformance {

    @Override protected Kernels kernels() { return new ReferenceKernels(); }

    /** Computes C over k-1 terms only: the classic off-by-one a blocked kernel can make. */
    static final class DropsLastKTerm extends ReferenceKernels {
        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            super.gemm(transA, transB, m, n, Math.max(0, k - 1), alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Test
    void suiteRejectsAGemmThatDropsTheLastKTerm() {
        KernelConformance broken = new KernelConformance() {
            @Override protected Kernels kernels() { return new DropsLastKTerm(); }
        };
        assertThrows(AssertionError.class, () -> {
            for (GemmCase c : gemmCases()) broken.checkGemm(c);
        });
        // And on a single ordinary case, not only on some corner of the list.
        assertThrows(AssertionError.class, () -> broken.checkGemm(new GemmCase(33, 65, 47, false, false, 1f, 0f, 0, 0)));
    }

    /**
     * Kernels.sparseLinear's default (transposes around spmm, what backends without a fused
     * kernel get) agrees with the oracle: a proxy runs the default body and sends every
     * other call to ReferenceKernels.
     */
    @Test
    void defaultSparseLinearMatchesTheOracle() {
        ReferenceKernels target = new ReferenceKernels();
        Kernels viaDefault = (Kernels) java.lang.reflect.Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
                (proxy, method, args) -> method.getName().equals("sparseLinear")
                        ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                        : method.invoke(target, args));
        KernelConformance suite = new KernelConformance() {
            @Override protected Kernels kernels() { return viaDefault; }
        };
        for (double d : DENSITIES) {
            suite.checkSparseLinear(33, 40, 16, d, true);
            suite.checkSparseLinear(7, 9, 5, d, false);
        }
        // Whole arrays at offset 0 take the copy-free path (the suite itself uses offsets).
        Rng rng = new Rng(11);
        CsrMatrix a = TestData.csr(rng, 21, 30, 0.3, true);
        float[] x = TestData.uniform(rng, 6 * 30), bias = TestData.uniform(rng, 21);
        for (boolean acc : new boolean[] {false, true}) {
            float[] y0 = acc ? TestData.uniform(rng, 6 * 21) : new float[6 * 21];
            float[] want = y0.clone(), got = y0.clone();
            target.sparseLinear(a, 6, x, 0, want, 0, acc ? null : bias, !acc, acc);
            viaDefault.sparseLinear(a, 6, x, 0, got, 0, acc ? null : bias, !acc, acc);
            Approx.assertClose("default sparseLinear, whole arrays, accumulate=" + acc, want, got, 31);
        }
    }

    /** A conv forward that forgets the bias must fail too. */
    @Test
    void suiteRejectsAConvThatSkipsTheBias() {
        KernelConformance broken = new KernelConformance() {
            @Override protected Kernels kernels() {
                return new ReferenceKernels() {
                    @Override public void conv2dForward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
                        super.conv2dForward(g, x, w, null, y);
                    }
                };
            }
        };
        assertThrows(AssertionError.class, () -> broken.checkConvForward(convCases().get(3), true));
    }
}
