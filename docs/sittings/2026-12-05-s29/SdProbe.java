package org.prune4j.simd.sparse;

import java.util.SplittableRandom;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/** Session 29: sddmmImages of the 7x7 1024-channel layer at 90%, batch 64, called repeatedly (JFR allocation check). */
public class SdProbe {
    public static void main(String[] args) {
        Parallel.setThreads(2);
        int m = 1024, k = 1024, hw = 49, images = 64;
        SplittableRandom r = new SplittableRandom(1);
        float[] w = new float[m * k], mask = new float[m * k];
        for (int i = 0; i < w.length; i++) { w[i] = (float) r.nextDouble(-1, 1); mask[i] = r.nextDouble() >= 0.9 ? 1f : 0f; }
        CsrMatrix p = CsrMatrix.fromDenseMasked(w, 0, mask, m, k);
        float[] a = new float[images * m * hw], b = new float[images * k * hw], out = new float[p.nnz()];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble(-1, 1);
        long t0 = System.nanoTime();
        for (int c = 0; c < Integer.parseInt(args[0]); c++) Sddmm.sddmmImages(p, hw, images, a, 0, b, 0, out);
        System.out.printf("%.2f ms per call%n", (System.nanoTime() - t0) / 1e6 / Integer.parseInt(args[0]));
    }
}
