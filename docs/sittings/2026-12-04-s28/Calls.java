package org.prune4j.simd;

import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/** Session 27: one conv pass called repeatedly in a fresh JVM, each call's time printed. args: N Cin H W Cout k s p groups f|d|w calls */
public class Calls {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        int k = Integer.parseInt(a[5]), st = Integer.parseInt(a[6]), pd = Integer.parseInt(a[7]), gr = Integer.parseInt(a[8]);
        String pass = a[9];
        int calls = Integer.parseInt(a[10]);
        Parallel.setThreads(2);
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, k, k, st, st, pd, pd, 1, 1, gr);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()], b = new float[co];
        for (float[] arr : new float[][] {x, wt, dy, b}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            if (pass.equals("f")) ConvKernels.forward(g, x, wt, b, y);
            else if (pass.equals("d")) ConvKernels.backwardData(g, dy, wt, dx);
            else ConvKernels.backwardWeight(g, x, dy, dw);
            sb.append(String.format("%.3f ", (System.nanoTime() - t0) / 1e6));
        }
        System.out.println(sb);
    }
}
