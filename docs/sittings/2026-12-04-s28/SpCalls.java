package org.prune4j.simd.sparse;

import java.util.SplittableRandom;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/** Session 28: a sparse conv layer's forward / backward / step timed call by call. args: N Cin H Cout stride sparsity f|b|d|w|s calls */
public class SpCalls {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), co = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]);
        String pass = a[6];
        int calls = Integer.parseInt(a[7]);
        Parallel.setThreads(2);
        ConvGeometry g = new ConvGeometry(n, c, h, h, co, 3, 3, st, st, 1, 1, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()];
        for (float[] arr : new float[][] {x, wt, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        float[] mask = new float[wt.length];
        SplittableRandom mr = new SplittableRandom(3);
        for (int i = 0; i < mask.length; i++) mask[i] = mr.nextDouble() >= sp ? 1f : 0f;
        CsrMatrix w = CsrMatrix.fromDenseMasked(wt, 0, mask, co, g.patchSize());
        float[] dw = new float[w.nnz()];
        double[] t = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            switch (pass) {
                case "f" -> SparseConv2d.forward(g, w, x, null, false, y);
                case "b" -> SparseConv2d.backward(g, w, x, dy, dx, dw);
                case "d" -> SparseConv2d.backwardData(g, w, dy, dx);
                case "w" -> SparseConv2d.backwardWeight(g, w, x, dy, dw);
                default -> { SparseConv2d.forward(g, w, x, null, false, y); SparseConv2d.backward(g, w, x, dy, dx, dw); }
            }
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] last = java.util.Arrays.copyOfRange(t, calls / 2, calls);
        java.util.Arrays.sort(last);
        System.out.printf("%s: median of last %d calls %.3f ms (min %.3f)%n", pass, last.length, last[last.length / 2], last[0]);
    }
}
