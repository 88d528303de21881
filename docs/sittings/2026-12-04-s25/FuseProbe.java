package org.prune4j.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/**
 * In one JVM, alternating every 15 calls: DepthwiseLanes with a static flag off and on (FUSE: toFrame against
 * toLanes + place; the same probe with PIPE for the not-landed pipelined copy). The flags existed only while
 * probing; compile against kernels-simd with one added. args: N C H W stride pass(f|d|w) rounds
 */
public class FuseProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        String pass = a[5];
        int rounds = Integer.parseInt(a[6]);
        Parallel.setThreads(2);
        ConvGeometry g = new ConvGeometry(n, c, h, w, c, 3, 3, st, st, 1, 1, 1, 1, c);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        for (float[] arr : new float[][] {x, wt, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        int reps = 15;
        double[][] med = new double[2][rounds];
        for (int round = -3; round < rounds; round++) {
            for (int m = 0; m < 2; m++) {
                DepthwiseLanes.FUSE = m == 1;
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
            }
        }
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) ratio[i] = med[0][i] / med[1][i];
        double[] o = med[0].clone(), nn = med[1].clone();
        Arrays.sort(o); Arrays.sort(nn); Arrays.sort(ratio);
        System.out.printf("%s %dx%dx%dx%d s%d: off %.3f on %.3f ms (medians of %d rounds); off/on per round: min %.2f median %.2f max %.2f%n",
                pass, n, c, h, w, st, o[rounds / 2], nn[rounds / 2], rounds, ratio[0], ratio[rounds / 2], ratio[rounds - 1]);
    }
}
