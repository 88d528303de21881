import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.sparse.SparseConv2d;

/** Session 32: a sparse 3x3 forward on tiny planes as one CSR SpMM per output pixel over only the taps inside (the
 *  batch as the columns), against SparseConv2d.forward and the dense kernel. args: cin cout hw batch sparsity */
public class PixSparse {
    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), batch = Integer.parseInt(a[3]);
        double sp = Double.parseDouble(a[4]);
        int hw = h * h, patch = cin * 9;
        ConvGeometry g = ConvGeometry.of(batch, cin, h, h, cout, 3, 1, 1, 1);
        Kernels k = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], mask = new float[g.weightSize()];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < w.length; i++) { w[i] = (float) r.nextDouble(); mask[i] = r.nextDouble() >= sp ? 1f : 0f; }
        CsrMatrix csr = CsrMatrix.fromDenseMasked(w, 0, mask, cout, patch);
        // per output pixel p: A_p[co][q·cin + ci] = w[co][ci][ky][kx] for the taps whose input pixel q is inside
        CsrMatrix[] ap = new CsrMatrix[hw];
        for (int p = 0; p < hw; p++) {
            int oy = p / h, ox = p % h;
            float[] d = new float[cout * hw * cin], m = new float[cout * hw * cin];
            for (int co = 0; co < cout; co++)
                for (int ci = 0; ci < cin; ci++)
                    for (int t = 0; t < 9; t++) {
                        int iy = oy + t / 3 - 1, ix = ox + t % 3 - 1;
                        if (iy < 0 || ix < 0 || iy >= h || ix >= h) continue;
                        int src = co * patch + ci * 9 + t, dst = co * hw * cin + (iy * h + ix) * cin + ci;
                        d[dst] = w[src]; m[dst] = mask[src];
                    }
            ap[p] = CsrMatrix.fromDenseMasked(d, 0, m, cout, hw * cin);
        }
        float[] xt = new float[hw * cin * batch], yt = new float[hw * cout * batch], y1 = new float[g.outputSize()], y2 = new float[g.outputSize()], y3 = new float[g.outputSize()];
        Runnable cur = () -> SparseConv2d.forward(g, csr, x, null, false, y1);
        Runnable pix = () -> {
            // xt[q][ci][n] = x[n][ci][q]
            Parallel.forRange(cin, 16, (c0, c1) -> {
                for (int ci = c0; ci < c1; ci++) for (int n = 0; n < batch; n++) for (int q = 0; q < hw; q++) xt[(q * cin + ci) * batch + n] = x[(n * cin + ci) * hw + q];
            });
            for (int p = 0; p < hw; p++) k.spmm(ap[p], batch, xt, 0, yt, p * cout * batch, null, false, false);
            Parallel.forRange(cout, 16, (c0, c1) -> {
                for (int co = c0; co < c1; co++) for (int p = 0; p < hw; p++) for (int n = 0; n < batch; n++) y2[(n * cout + co) * hw + p] = yt[(p * cout + co) * batch + n];
            });
        };
        Runnable dense = () -> k.conv2dForward(g, x, w, null, y3);
        for (int round = 0; round < 6; round++) {
            double tc = time(cur), tp = time(pix), td = time(dense);
            double md = 0, mx = 0;
            for (int i = 0; i < y1.length; i++) { md = Math.max(md, Math.abs(y1[i] - y2[i])); mx = Math.max(mx, Math.abs(y1[i])); }
            System.out.printf("current %.3f  per-pixel %.3f  dense(unmasked) %.3f ms  current/pixel %.2f  (max diff %.1e of %.1e)%n", tc, tp, td, tc / tp, md, mx);
        }
    }
    static double time(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int b = 0; b < 5; b++) { long t0 = System.nanoTime(); for (int i = 0; i < 5; i++) r.run(); best = Math.min(best, System.nanoTime() - t0); }
        return best / 1e6 / 5;
    }
}
