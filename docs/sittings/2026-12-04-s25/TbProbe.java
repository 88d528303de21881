package org.prune4j.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/**
 * In one JVM, alternating every few calls: GemmPacking's transposed-B panels one float at a time (off) against
 * TileTranspose blocks (on), through a conv layer's weight gradient or input gradient.
 * args: N Cin H W Cout k stride pad pass(w|d|f) rounds
 */
public class TbProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        int k = Integer.parseInt(a[5]), st = Integer.parseInt(a[6]), pad = Integer.parseInt(a[7]);
        String pass = a[8];
        int rounds = Integer.parseInt(a[9]);
        Parallel.setThreads(2);
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, k, k, st, st, pad, pad, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        for (float[] arr : new float[][] {x, wt, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        int reps = 5;
        double[][] med = new double[2][rounds];
        float[][] out = new float[2][];
        for (int round = -2; round < rounds; round++) {
            for (int m = 0; m < 2; m++) {
                GemmPacking.TRANSPOSE_B = m == 1;
                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    switch (pass) {
                        case "f" -> ConvKernels.forward(g, x, wt, null, y);
                        case "d" -> ConvKernels.backwardData(g, dy, wt, dx);
                        default -> ConvKernels.backwardWeight(g, x, dy, dw);
                    }
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(t);
                if (round >= 0) med[m][round] = t[reps / 2];
                out[m] = (pass.equals("f") ? y : pass.equals("d") ? dx : dw).clone();
            }
        }
        double maxDiff = 0;
        for (int i = 0; i < out[0].length; i++) maxDiff = Math.max(maxDiff, Math.abs(out[0][i] - out[1][i]));
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) ratio[i] = med[0][i] / med[1][i];
        double[] o = med[0].clone(), nn = med[1].clone();
        Arrays.sort(o); Arrays.sort(nn); Arrays.sort(ratio);
        System.out.printf("%s %dx%dx%dx%d->%d k%d s%d: off %.3f on %.3f ms (medians of %d rounds); off/on per round: min %.2f median %.2f max %.2f; max |diff| %.2e%n",
                pass, n, c, h, w, co, k, st, o[rounds / 2], nn[rounds / 2], rounds, ratio[0], ratio[rounds / 2], ratio[rounds - 1], maxDiff);
    }
}
