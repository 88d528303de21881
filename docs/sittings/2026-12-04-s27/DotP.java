package org.prune4j.simd;
import org.prune4j.core.kernels.Parallel;
public class DotP {
    public static void main(String[] x) {
        int m = Integer.parseInt(x[0]), n = Integer.parseInt(x[1]), k = Integer.parseInt(x[2]);
        Parallel.setThreads(1);
        float[] a = new float[m * k], b = new float[n * k], c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.1f; for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.1f;
        for (int r = 0; r < 10; r++) {
            long t0 = System.nanoTime(); int reps = 50;
            for (int q = 0; q < reps; q++) Sgemm.gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
            double ns = (System.nanoTime() - t0) / (double) reps;
            System.out.printf("%.1f us, %.2f vector FMA/ns%n", ns / 1e3, (double) m * n * k / 16 / ns);
        }
    }
}
