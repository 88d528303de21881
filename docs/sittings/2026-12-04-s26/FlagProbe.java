package org.prune4j.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/** Session 26: a conv pass with a temporary static flag off (base) and on (new), alternating in one JVM. args: N Cin H W Cout k s p groups pass rounds */
public class FlagProbe {
    static void set(boolean on) throws Exception {
        String f = System.getProperty("flag");
        int dot = f.lastIndexOf('.');
        Class.forName("org.prune4j.simd." + f.substring(0, dot)).getDeclaredField(f.substring(dot + 1)).setBoolean(null, on);
    }
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        int k = Integer.parseInt(a[5]), st = Integer.parseInt(a[6]), pd = Integer.parseInt(a[7]), gr = Integer.parseInt(a[8]);
        String pass = a[9];
        int rounds = Integer.parseInt(a[10]);
        Parallel.setThreads(2);
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, k, k, st, st, pd, pd, 1, 1, gr);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()], b = new float[co];
        for (float[] arr : new float[][] {x, wt, dy, b}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        int reps = 5;
        double[][] med = new double[2][rounds];
        float[][] out = new float[2][];
        for (int round = -2; round < rounds; round++) {
            for (int m = 0; m < 2; m++) {
                set(m == 1);
                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    if (pass.equals("f")) ConvKernels.forward(g, x, wt, b, y);
                    else if (pass.equals("d")) ConvKernels.backwardData(g, dy, wt, dx);
                    else ConvKernels.backwardWeight(g, x, dy, dw);
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
        System.out.printf("%s %s %s: base %.3f new %.3f ms (medians of %d rounds); base/new per round: min %.2f median %.2f max %.2f; max |diff| %.2e%n",
                System.getProperty("flag"), pass, String.join("x", Arrays.copyOf(a, 9)), o[rounds / 2], nn[rounds / 2], rounds, ratio[0], ratio[rounds / 2], ratio[rounds - 1], maxDiff);
    }
}
