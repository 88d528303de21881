package org.prune4j.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;

/**
 * Session 24: the flat-plane depthwise kernels (DepthwiseFlat) against the channel lanes (DepthwiseLanes)
 * for one layer, alternating in one JVM: forward, input gradient, weight gradient, median ms of rounds of calls.
 *   javac --add-modules jdk.incubator.vector -cp "$J/lib/*" -d . FlatProbe.java
 *   java --add-modules jdk.incubator.vector -Dprune4j.threads=2 -cp ".:$J/lib/*" org.prune4j.simd.FlatProbe \
 *     64 1024 7 7 1 [rounds] [calls]          (batch channels h w stride)
 */
public class FlatProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]);
        int s = Integer.parseInt(a[4]), rounds = a.length > 5 ? Integer.parseInt(a[5]) : 15, calls = a.length > 6 ? Integer.parseInt(a[6]) : 5;
        ConvGeometry g = new ConvGeometry(n, c, h, w, c, 3, 3, s, s, 1, 1, 1, 1, c);
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], dy = new float[g.outputSize()];
        for (float[] arr : new float[][] {x, wt, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) rnd.nextDouble(-1, 1);
        float[] y = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        ConvKernels.DepthwisePath[] paths = {ConvKernels.DepthwisePath.LANES, ConvKernels.DepthwisePath.FLAT};
        String[] ops = {"forward", "backwardData", "backwardWeight"};
        double[][][] t = new double[2][3][rounds];
        for (int r = -3; r < rounds; r++) {
            for (int p0 = 0; p0 < 2; p0++) {
                int p = (p0 + Math.max(r, 0)) % 2;
                ConvKernels.depthwisePath = paths[p];
                for (int op = 0; op < 3; op++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < calls; k++) {
                        if (op == 0) ConvKernels.forward(g, x, wt, null, y);
                        else if (op == 1) ConvKernels.backwardData(g, dy, wt, dx);
                        else ConvKernels.backwardWeight(g, x, dy, dw);
                    }
                    if (r >= 0) t[p][op][r] = (System.nanoTime() - t0) / 1e6 / calls;
                }
            }
        }
        System.out.printf("%s%n", g);
        for (int op = 0; op < 3; op++) {
            double[] m = new double[2];
            for (int p = 0; p < 2; p++) { double[] v = t[p][op].clone(); Arrays.sort(v); m[p] = v[rounds / 2]; }
            System.out.printf("  %-15s lanes %8.3f ms  flat %8.3f ms  %.2fx%n", ops[op], m[0], m[1], m[0] / m[1]);
        }
    }
}
