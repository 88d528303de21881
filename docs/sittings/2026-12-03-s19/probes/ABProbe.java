package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import java.util.Random;

/** RowTapConv variants in one JVM, interleaved call by call: forward, weight gradient, training step. */
public class ABProbe {
    interface Fwd { void run(ConvGeometry g, CsrMatrix w, float[] x, float[] y); }
    interface Bwd { void run(ConvGeometry g, CsrMatrix w, float[] x, float[] dy, float[] dx, float[] dw); }
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]);
        double sp = Double.parseDouble(a[4]); int rounds = Integer.parseInt(a[5]);
        String op = System.getProperty("op", "fwd");
        Parallel.setThreads(Integer.getInteger("t", 1));
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, 2, 1, 1);
        Random r = new Random(2);
        int k = cin * 9;
        float[] wd = new float[cout * k];
        for (int i = 0; i < wd.length; i++) wd[i] = r.nextDouble() < sp ? 0f : r.nextFloat() - .5f;
        CsrMatrix w = CsrMatrix.fromDense(wd, 0, cout, k);
        float[] x = new float[g.inputSize()], dy = new float[g.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - .5f;
        for (int i = 0; i < dy.length; i++) dy[i] = r.nextFloat() - .5f;
        String[] names = System.getProperty("v", "A,B,C").split(",");
        Fwd[] f = new Fwd[names.length]; Bwd[] b = new Bwd[names.length];
        for (int v = 0; v < names.length; v++) {
            switch (names[v]) {
                case "A" -> { f[v] = (gg, ww, xx, yy) -> RowTapA.forward(gg, ww, xx, null, false, yy); b[v] = RowTapA::backward; }
                case "B" -> { f[v] = (gg, ww, xx, yy) -> RowTapB.forward(gg, ww, xx, null, false, yy); b[v] = RowTapB::backward; }
                default -> { f[v] = (gg, ww, xx, yy) -> RowTapC.forward(gg, ww, xx, null, false, yy); b[v] = RowTapC::backward; }
            }
        }
        float[][] y = new float[names.length][g.outputSize()], dx = new float[names.length][g.inputSize()], dw = new float[names.length][w.nnz()];
        double[][] t = new double[names.length][rounds];
        int calls = Integer.getInteger("calls", 5);
        for (int round = -5; round < rounds; round++) {
            for (int v = 0; v < names.length; v++) {
                long t0 = System.nanoTime();
                for (int c = 0; c < calls; c++) {
                    switch (op) {
                        case "fwd" -> f[v].run(g, w, x, y[v]);
                        case "bw" -> b[v].run(g, w, x, dy, null, dw[v]);
                        case "bd" -> b[v].run(g, w, x, dy, dx[v], null);
                        default -> { f[v].run(g, w, x, y[v]); b[v].run(g, w, x, dy, dx[v], dw[v]); }
                    }
                }
                if (round >= 0) t[v][round] = (System.nanoTime() - t0) / 1e6 / calls;
            }
        }
        for (int v = 0; v < names.length; v++) {
            double[] s = t[v].clone(); java.util.Arrays.sort(s);
            double md = 0;
            float[] o = op.equals("bd") ? dx[v] : op.equals("bw") ? dw[v] : y[v], o0 = op.equals("bd") ? dx[0] : op.equals("bw") ? dw[0] : y[0];
            for (int i = 0; i < o.length; i++) md = Math.max(md, Math.abs(o[i] - o0[i]));
            System.out.printf("%s %s: min %.3f  q25 %.3f  med %.3f ms   maxdiff vs first %.2g%n", op, names[v], s[0], s[rounds / 4], s[rounds / 2], md);
        }
    }
}
