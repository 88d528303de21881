package org.prune4j.simd;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.kernels.ReferenceKernels;

/**
 * The dense CPU backend on the Vector API. Each family of kernels lives in its own
 * class; this class only dispatches. Methods not overridden here fall back to the
 * scalar oracle it extends.
 */
public class SimdKernels extends ReferenceKernels {

    @Override public String name() { return "simd"; }

    @Override public int priority() { return 100; }

    @Override public String describe() {
        return "simd (Vector API, " + Sgemm.S.vectorBitSize() + "-bit " + Sgemm.L + " floats, threads " + Parallel.threads() + ")";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        Sgemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
}
