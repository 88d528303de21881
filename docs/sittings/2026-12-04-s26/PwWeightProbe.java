package org.prune4j.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/**
 * Session 26: a 1×1 layer's weight gradient, base (copies side by side, then the GEMM) against new
 * (ConvKernels.FLAG, a temporary flag choosing PointwiseGemm.weight in weightChunk, removed before the commit),
 * alternating every few calls in one JVM. args: N Cin H W Cout rounds [threads]
 */
public class PwWeightProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        int rounds = Integer.parseInt(a[5]);

        Parallel.setThreads(a.length > 6 ? Integer.parseInt(a[6]) : 2);
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], dy = new float[g.outputSize()], dw = new float[g.weightSize()];
        for (float[] arr : new float[][] {x, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        int reps = 5;
        double[][] med = new double[2][rounds];
        float[][] out = new float[2][];
        for (int round = -2; round < rounds; round++) {
            for (int m = 0; m < 2; m++) {
                if (Boolean.getBoolean("only") && m == 0) continue;
                ConvKernels.FLAG = m == 1 || Boolean.getBoolean("ab8");

                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    ConvKernels.backwardWeight(g, x, dy, dw);
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(t);
                if (round >= 0) med[m][round] = t[reps / 2];
                out[m] = dw.clone();
            }
        }
        double maxDiff = 0, maxAbs = 0;
        for (int i = 0; i < out[0].length; i++) { maxDiff = Math.max(maxDiff, Math.abs(out[0][i] - out[1][i])); maxAbs = Math.max(maxAbs, Math.abs(out[0][i])); }
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) ratio[i] = med[0][i] / med[1][i];
        double[] o = med[0].clone(), nn = med[1].clone();
        Arrays.sort(o); Arrays.sort(nn); Arrays.sort(ratio);
        System.out.printf("dW %dx%dx%dx%d->%d: base %.3f new %.3f ms (medians of %d rounds); base/new per round: min %.2f median %.2f max %.2f; max |diff| %.2e (max |dw| %.1f)%n",
                n, c, h, w, co, o[rounds / 2], nn[rounds / 2], rounds, ratio[0], ratio[rounds / 2], ratio[rounds - 1], maxDiff, maxAbs);
    }
}
