package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import java.util.Random;

public class ConvSpProbe2 {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]);
        double sp = Double.parseDouble(a[4]); int reps = Integer.parseInt(a[5]);
        if (System.getProperty("t") != null) Parallel.setThreads(Integer.getInteger("t")); if (System.getProperty("bb") != null) BatchLaneConv.blockBytes = Integer.getInteger("bb"); if (System.getProperty("fmp") != null) BatchLaneConv.forwardMaxPixels = Integer.getInteger("fmp");
        int st = Integer.getInteger("s", 1); ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, st, 1, 1);
        Random r = new Random(1);
        float[] wd = new float[g.weightSize()];
        for (int i = 0; i < wd.length; i++) wd[i] = r.nextDouble() < sp ? 0f : r.nextFloat() - 0.5f;
        CsrMatrix w = CsrMatrix.fromDense(wd, 0, cout, cin * 9);
        float[] x = new float[g.inputSize()], y = new float[g.outputSize()], dx = new float[x.length], dwv = new float[w.nnz()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        int iters = Integer.getInteger("iters", 10);
        for (int round = 0; round < reps; round++) {
            long t0 = System.nanoTime();
            for (int q = 0; q < iters; q++) { if (Boolean.getBoolean("train")) { SparseConv2d.forward(g, w, x, null, false, y); SparseConv2d.backward(g, w, x, y, dx, dwv);} else if (Boolean.getBoolean("bw")) SparseConv2d.backwardWeight(g, w, x, y, dwv); else if (Boolean.getBoolean("bd")) SparseConv2d.backwardData(g, w, y, dx); else SparseConv2d.forward(g, w, x, null, false, y); }
            System.out.printf("%.2f ms ", (System.nanoTime() - t0) / 1e6 / iters);
        }
        System.out.println();
    }
}
