package org.prune4j.simd;

import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/** Session 26: one conv pass in a loop (for perf), printing the median ms of blocks of 10 calls. args: N Cin H W Cout k s p groups pass(f|d|w) seconds */
public class LoopProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        int k = Integer.parseInt(a[5]), st = Integer.parseInt(a[6]), pd = Integer.parseInt(a[7]), gr = Integer.parseInt(a[8]);
        String pass = a[9];
        double secs = Double.parseDouble(a[10]);
        Parallel.setThreads(2);
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, k, k, st, st, pd, pd, 1, 1, gr);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()], b = new float[co];
        for (float[] arr : new float[][] {x, wt, dy, b}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        long end = System.nanoTime() + (long) (secs * 1e9);
        java.util.List<Double> ms = new java.util.ArrayList<>();
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                if (pass.equals("f")) ConvKernels.forward(g, x, wt, b, y);
                else if (pass.equals("d")) ConvKernels.backwardData(g, dy, wt, dx);
                else ConvKernels.backwardWeight(g, x, dy, dw);
            }
            ms.add((System.nanoTime() - t0) / 1e7);
        }
        java.util.Collections.sort(ms);
        System.out.printf("%s %s: median %.3f ms over %d blocks of 10 (q1 %.3f q3 %.3f)%n", pass, String.join(" ", java.util.Arrays.copyOf(a, 9)), ms.get(ms.size() / 2), ms.size(), ms.get(ms.size() / 4), ms.get(3 * ms.size() / 4));
    }
}
