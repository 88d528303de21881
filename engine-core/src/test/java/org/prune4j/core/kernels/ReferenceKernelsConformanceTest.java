package org.prune4j.core.kernels;

import org.junit.jupiter.api.Test;
import org.prune4j.core.testkit.KernelConformance;

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
