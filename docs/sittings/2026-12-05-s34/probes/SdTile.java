package org.prune4j.simd.sparse;
/* Session 34: Sddmm's tiled path (B tiles of KR rows x TC positions copied contiguously, every pattern row dotting
 * its entries of the tile) for a packed 1x1 weight gradient, with the tile's size as a parameter. One JVM, 2
 * threads. Usage: SdTile m k len sparsity "KR:TC,KR:TC,..." */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;
public class SdTile {
    static void tiled(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff, double[] acc, int KR, int TC) {
        int m = pattern.rows(), k = pattern.cols();
        int[] rp = pattern.rowPtr(), ci = pattern.colIdx();
        int[] offs = new int[ci.length];
        for (int p = 0; p < ci.length; p++) offs[p] = (ci[p] % KR) * TC;
        int[] starts = ColumnBlocks.starts(rp, ci, m, k, KR);
        int nb = ColumnBlocks.count(starts, m);
        int[] rows = RowSplit.byWork(rp, m, Parallel.threads(), 1);
        Parallel.forEach(rows.length - 1, part -> {
            float[] buf = new float[KR * TC + 16];
            int b0 = Aligned.offset(buf);
            float[] lanes = new float[8 * ShiftedSum.V];
            int r0 = rows[part], r1 = rows[part + 1];
            for (int t0 = 0; t0 < n; t0 += TC) {
                int len = Math.min(TC, n - t0);
                for (int kb = 0; kb < nb; kb++) {
                    int j0 = kb * KR, j1 = Math.min(k, j0 + KR);
                    for (int j = j0; j < j1; j++) System.arraycopy(b, bOff + j * n + t0, buf, b0 + (j - j0) * TC, len);
                    for (int i = r0; i < r1; i++) {
                        ShiftedDot.dots(a, aOff + i * n + t0, buf, offs, b0, starts[kb * m + i], starts[(kb + 1) * m + i], len, acc, lanes);
                    }
                }
            }
        });
    }
    public static void main(String[] x) {
        int m = Integer.parseInt(x[0]), k = Integer.parseInt(x[1]), n = Integer.parseInt(x[2]); double sp = Double.parseDouble(x[3]);
        SplittableRandom r = new SplittableRandom(3);
        float[] w = new float[m * k], mask = new float[m * k];
        for (int i = 0; i < w.length; i++) { w[i] = 1f; mask[i] = r.nextDouble() >= sp ? 1f : 0f; }
        CsrMatrix pat = CsrMatrix.fromDenseMasked(w, 0, mask, m, k);
        float[] a = new float[m * n + 32], b = new float[k * n + 32];
        for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) (r.nextDouble() * 2 - 1);
        int aOff = Aligned.offset(a), bOff = Aligned.offset(b);
        String[] cfg = x[4].split(",");
        double[] ref = null;
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            for (String c : cfg) {
                int KR = Integer.parseInt(c.split(":")[0]), TC = Integer.parseInt(c.split(":")[1]);
                double[] acc = new double[pat.nnz()];
                tiled(pat, n, a, aOff, b, bOff, acc, KR, TC);
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 3; rep++) { java.util.Arrays.fill(acc, 0); long t0 = System.nanoTime(); tiled(pat, n, a, aOff, b, bOff, acc, KR, TC); best = Math.min(best, System.nanoTime() - t0); }
                if (ref == null) ref = acc.clone(); else { double e = 0; for (int p = 0; p < acc.length; p++) e = Math.max(e, Math.abs(acc[p] - ref[p])); if (e > 1e-3) throw new AssertionError(c + " " + e); }
                sb.append(String.format("%s %.2f  ", c, best / 1e6));
            }
            System.out.println(sb + "ms");
        }
    }
}
