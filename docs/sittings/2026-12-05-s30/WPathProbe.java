package org.prune4j.simd;

import java.util.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/** Session 30: one 3x3 conv pass, alternating ConvKernels.winogradPath settings (AUTO, ON, OFF) in one JVM; medians per setting. args: N Cin H W Cout f|d|w rounds path... */
public class WPathProbe {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        String pass = a[5];
        int rounds = Integer.parseInt(a[6]);
        String[] set = Arrays.copyOfRange(a, 7, a.length);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], b = new float[co];
        for (float[] arr : new float[][] {x, wt, dy, b}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        List<List<Double>> t = new ArrayList<>();
        for (int i = 0; i < set.length; i++) t.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < set.length; i++) {
                String[] p = set[i].split(",");
                ConvKernels.winogradPath = ConvKernels.WinogradPath.valueOf(p[0]);
                for (int k = 0; k < 10; k++) {
                    long t0 = System.nanoTime();
                    if (pass.equals("f")) ConvKernels.forward(g, x, wt, b, y);
                    else if (pass.equals("d")) ConvKernels.backwardData(g, dy, wt, dx);
                    else ConvKernels.backwardWeight(g, x, dy, wt);
                    if (round >= rounds / 4) t.get(i).add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        for (int i = 0; i < set.length; i++) {
            List<Double> l = t.get(i); Collections.sort(l);
            System.out.printf("%8s: median %.3f  p25 %.3f  p75 %.3f%n", set[i], l.get(l.size() / 2), l.get(l.size() / 4), l.get(3 * l.size() / 4));
        }
    }
}
