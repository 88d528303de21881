package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import java.util.Random;

/** Session 26: a sparse 3x3 layer's forward (f) or training step (t: forward + backward) in a loop. args: N Cin H Cout stride sparsity pass seconds */
public class SpLoop {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]); String pass = a[6]; double secs = Double.parseDouble(a[7]);
        Parallel.setThreads(2);
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, st, 1, 1);
        Random r = new Random(1);
        float[] wd = new float[g.weightSize()];
        for (int i = 0; i < wd.length; i++) wd[i] = r.nextDouble() < sp ? 0f : r.nextFloat() - 0.5f;
        CsrMatrix w = CsrMatrix.fromDense(wd, 0, cout, cin * 9);
        float[] x = new float[g.inputSize()], y = new float[g.outputSize()], dx = new float[x.length], dwv = new float[w.nnz()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        long end = System.nanoTime() + (long) (secs * 1e9);
        java.util.List<Double> ms = new java.util.ArrayList<>();
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (int q = 0; q < 10; q++) {
                SparseConv2d.forward(g, w, x, null, false, y);
                if (pass.equals("t")) SparseConv2d.backward(g, w, x, y, dx, dwv);
            }
            ms.add((System.nanoTime() - t0) / 1e7);
        }
        java.util.Collections.sort(ms);
        System.out.printf("%s %s: median %.3f ms (q1 %.3f q3 %.3f, %d blocks)%n", pass, String.join(" ", a), ms.get(ms.size() / 2), ms.get(ms.size() / 4), ms.get(3 * ms.size() / 4), ms.size());
    }
}
