package org.prune4j.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prune4j.core.kernels.Parallel;

/** Session 26: Sgemm.gemm (NN) m×n×k with a temporary static flag off/on, alternating in one JVM. args: m n k rounds */
public class GemmFlag {
    public static void main(String[] a) throws Exception {
        int m = Integer.parseInt(a[0]), n = Integer.parseInt(a[1]), k = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]);
        Parallel.setThreads(2);
        String f = System.getProperty("flag");
        java.lang.reflect.Field fl = Class.forName("org.prune4j.simd." + f.substring(0, f.lastIndexOf('.'))).getDeclaredField(f.substring(f.lastIndexOf('.') + 1));
        SplittableRandom r = new SplittableRandom(1);
        float[] A = new float[m * k], B = new float[k * n], C = new float[m * n];
        for (float[] arr : new float[][] {A, B}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        int reps = 5;
        double[][] med = new double[2][rounds];
        for (int round = -2; round < rounds; round++)
            for (int v = 0; v < 2; v++) {
                fl.setBoolean(null, v == 1);
                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    Sgemm.gemm(false, false, m, n, k, 1f, A, 0, k, B, 0, n, 0f, C, 0, n);
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(t);
                if (round >= 0) med[v][round] = t[reps / 2];
            }
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) ratio[i] = med[0][i] / med[1][i];
        double[] o = med[0].clone(), nn = med[1].clone();
        Arrays.sort(o); Arrays.sort(nn); Arrays.sort(ratio);
        double gf = 2.0 * m * n * k / 1e6;
        System.out.printf("%s gemm %dx%dx%d: base %.3f ms (%.0f GFLOP/s) new %.3f ms (%.0f); base/new per round: min %.2f median %.2f max %.2f%n",
                f, m, n, k, o[rounds / 2], gf / o[rounds / 2], nn[rounds / 2], gf / nn[rounds / 2], ratio[0], ratio[rounds / 2], ratio[rounds - 1]);
    }
}
