package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import java.util.Arrays;
import java.util.Random;

/** Session 26: a sparse 3x3 layer (f: forward, t: forward + backward) with a temporary static flag off/on, alternating. args: N Cin H Cout stride sparsity pass rounds */
public class SpFlag {
    static void set(boolean on) throws Exception {
        String f = System.getProperty("flag");
        int dot = f.lastIndexOf('.');
        Class.forName("org.prune4j.simd." + f.substring(0, dot)).getDeclaredField(f.substring(dot + 1)).setBoolean(null, on);
    }
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]); String pass = a[6]; int rounds = Integer.parseInt(a[7]);
        Parallel.setThreads(2);
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, st, 1, 1);
        Random r = new Random(1);
        float[] wd = new float[g.weightSize()];
        for (int i = 0; i < wd.length; i++) wd[i] = r.nextDouble() < sp ? 0f : r.nextFloat() - 0.5f;
        CsrMatrix w = CsrMatrix.fromDense(wd, 0, cout, cin * 9);
        float[] x = new float[g.inputSize()], y = new float[g.outputSize()], dx = new float[x.length], dwv = new float[w.nnz()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        int reps = 15;
        double[][] med = new double[2][rounds];
        float[][] out = new float[2][];
        for (int round = -2; round < rounds; round++)
            for (int m = 0; m < 2; m++) {
                set(m == 1);
                double[] t = new double[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    SparseConv2d.forward(g, w, x, null, false, y);
                    if (pass.equals("t")) SparseConv2d.backward(g, w, x, y, dx, dwv);
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(t);
                if (round >= 0) med[m][round] = t[reps / 2];
                float[] o = pass.equals("t") ? new float[y.length + dx.length + dwv.length] : y.clone();
                if (pass.equals("t")) { System.arraycopy(y, 0, o, 0, y.length); System.arraycopy(dx, 0, o, y.length, dx.length); System.arraycopy(dwv, 0, o, y.length + dx.length, dwv.length); }
                out[m] = o;
            }
        double maxDiff = 0;
        for (int i = 0; i < out[0].length; i++) maxDiff = Math.max(maxDiff, Math.abs(out[0][i] - out[1][i]));
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) ratio[i] = med[0][i] / med[1][i];
        double[] o = med[0].clone(), nn = med[1].clone();
        Arrays.sort(o); Arrays.sort(nn); Arrays.sort(ratio);
        System.out.printf("%s %s %s: base %.3f new %.3f ms (medians of %d rounds); base/new per round: min %.2f median %.2f max %.2f; max |diff| %.2e%n",
                System.getProperty("flag"), pass, String.join("x", Arrays.copyOf(a, 6)), o[rounds / 2], nn[rounds / 2], rounds, ratio[0], ratio[rounds / 2], ratio[rounds - 1], maxDiff);
    }
}
