package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import java.util.Random;

/**
 * Two LaneConv versions in one JVM, call by call: forward of a 3x3 layer, min / q25 / median of the rounds. LaneConvA and
 * LaneConvB are two commits' LaneConv.java renamed (as for ABProbe); -Dswap=true swaps their order in a round. Session 19
 * found the two orders disagreeing by more than the versions (each version is compiled on its own), so the column-phase
 * LaneConv was judged in alternating JVMs with DenseProbe instead.
 */
public class LaneAB {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]);
        int st = Integer.parseInt(a[4]), rounds = Integer.parseInt(a[5]);
        Parallel.setThreads(Integer.getInteger("t", 1));
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, st, 1, 1);
        Random r = new Random(1);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - .5f;
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - .5f;
        float[][] y = {new float[g.outputSize()], new float[g.outputSize()]};
        double[][] t = new double[2][rounds];
        int calls = Integer.getInteger("calls", 3);
        for (int round = -4; round < rounds; round++) {
            for (int v = 0; v < 2; v++) {
                long t0 = System.nanoTime();
                for (int c = 0; c < calls; c++) {
                    if ((v == 0) != Boolean.getBoolean("swap")) LaneConvA.forward(g, x, w, null, y[v]); else LaneConvB.forward(g, x, w, null, y[v]);
                }
                if (round >= 0) t[v][round] = (System.nanoTime() - t0) / 1e6 / calls;
            }
        }
        double md = 0;
        for (int i = 0; i < y[0].length; i++) md = Math.max(md, Math.abs(y[0][i] - y[1][i]));
        for (int v = 0; v < 2; v++) {
            double[] s = t[v].clone(); java.util.Arrays.sort(s);
            System.out.printf("%s: min %.3f  q25 %.3f  med %.3f ms  (%.0f GFLOP/s at the median)  maxdiff %.2g%n", v == 0 ? "old" : "new", s[0], s[rounds / 4], s[rounds / 2],
                    2.0 * g.macs() / s[rounds / 2] / 1e6, md);
        }
    }
}
