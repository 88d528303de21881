package org.prune4j.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/**
 * In one JVM, alternating every few calls: a pointwise layer's GEMM as the base (copies side by side for planes under
 * 4 panels, a GEMM per image otherwise) against PointwiseGemm (new: newAll = also planes of 4 panels or more).
 * args: N Cin H W Cout pass(f|d) rounds newAll
 */
public class PwProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        String pass = a[5];
        int rounds = Integer.parseInt(a[6]);
        boolean all = Boolean.parseBoolean(a[7]);
        Parallel.setThreads(2);
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], b = new float[co];
        for (float[] arr : new float[][] {x, wt, dy, b}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        int reps = 5;
        double[][] med = new double[2][rounds];
        float[][] out = new float[2][];
        for (int round = -2; round < rounds; round++) {
            for (int m = 0; m < 2; m++) {
                ConvKernels.PW_DIRECT = m == 1;
                ConvKernels.PW_ALL = m == 1 && all;
                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    if (pass.equals("f")) ConvKernels.forward(g, x, wt, b, y);
                    else ConvKernels.backwardData(g, dy, wt, dx);
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(t);
                if (round >= 0) med[m][round] = t[reps / 2];
                out[m] = (pass.equals("f") ? y : dx).clone();
            }
        }
        double maxDiff = 0;
        for (int i = 0; i < out[0].length; i++) maxDiff = Math.max(maxDiff, Math.abs(out[0][i] - out[1][i]));
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) ratio[i] = med[0][i] / med[1][i];
        double[] o = med[0].clone(), nn = med[1].clone();
        Arrays.sort(o); Arrays.sort(nn); Arrays.sort(ratio);
        System.out.printf("%s %dx%dx%dx%d->%d all=%b: base %.3f new %.3f ms (medians of %d rounds); base/new per round: min %.2f median %.2f max %.2f; max |diff| %.2e%n",
                pass, n, c, h, w, co, all, o[rounds / 2], nn[rounds / 2], rounds, ratio[0], ratio[rounds / 2], ratio[rounds - 1], maxDiff);
    }
}
