package org.prune4j.simd;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.sparse.LaneFrames;
import org.prune4j.simd.sparse.SparseConv2d;

/**
 * In one JVM, alternating every few calls: LaneFrames.pack with its row path (prune4j.lanes.rows flag) off and on.
 * args: N C H W Cout mode(f|d|w|sf|sstep) rounds [sparsity]
 */
public class RowsProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        String mode = a[5];
        int rounds = Integer.parseInt(a[6]);
        double sp = a.length > 7 ? Double.parseDouble(a[7]) : 0.9;
        Parallel.setThreads(2);
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        for (float[] arr : new float[][] {x, wt, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < wt.length; i++) if (r.nextDouble() < sp) wt[i] = 0f;
        CsrMatrix csr = CsrMatrix.fromDense(wt, 0, co, c * 9);
        float[] dwv = new float[csr.nnz()];
        int reps = 9;
        double[][] med = new double[2][rounds];
        for (int round = -3; round < rounds; round++) {
            for (int m = 0; m < 2; m++) {
                LaneFrames.ROWS = m == 1;
                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    switch (mode) {
                        case "f" -> ConvKernels.forward(g, x, wt, null, y);
                        case "d" -> ConvKernels.backwardData(g, dy, wt, dx);
                        case "w" -> ConvKernels.backwardWeight(g, x, dy, dw);
                        case "sf" -> SparseConv2d.forward(g, csr, x, null, false, y);
                        default -> { SparseConv2d.forward(g, csr, x, null, false, y); SparseConv2d.backward(g, csr, x, dy, dx, dwv); }
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
        System.out.printf("%s %dx%dx%dx%d->%d: off %.3f on %.3f ms (medians of %d rounds); off/on per round: min %.2f median %.2f max %.2f%n",
                mode, n, c, h, w, co, o[rounds / 2], nn[rounds / 2], rounds, ratio[0], ratio[rounds / 2], ratio[rounds - 1]);
    }
}
