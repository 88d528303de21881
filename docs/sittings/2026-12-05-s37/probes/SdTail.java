package org.prune4j.simd.sparse;

import java.util.*;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * Session 37: Sddmm.sddmmImages against the same tiles with a tail chunk (hw % 128 not a multiple of 16) rounded up to
 * whole vectors: B's tile rows zero-padded, A read past the chunk (an upper bound: A's extra floats times B's zeros).
 * args: batch cin cout side sparsity rounds
 */
public class SdTail {
    static final int V = ShiftedSum.V, T_CHUNK = 128, K_ROWS = 128;

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), hw = Integer.parseInt(a[3]) * Integer.parseInt(a[3]);
        double sp = Double.parseDouble(a[4]);
        int rounds = Integer.parseInt(a[5]);
        Parallel.setThreads(2);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[n * cin * hw], w = new float[cout * cin], dy = new float[n * cout * hw + 2 * V];
        for (float[] arr : new float[][] {x, w, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) if (r.nextDouble() < sp) w[i] = 0f;
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, cout, cin);
        float[] d0 = new float[csr.nnz()], d1 = new float[csr.nnz()];
        List<Double> t0 = new ArrayList<>(), t1 = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int rep = 0; rep < 3; rep++) {
                long s = System.nanoTime();
                Sddmm.sddmmImages(csr, hw, n, dy, 0, x, 0, d0);
                if (round >= rounds / 4) t0.add((System.nanoTime() - s) / 1e6);
            }
            for (int rep = 0; rep < 3; rep++) {
                long s = System.nanoTime();
                padded(csr, hw, n, dy, x, d1);
                if (round >= rounds / 4) t1.add((System.nanoTime() - s) / 1e6);
            }
        }
        double md = 0;
        for (int i = 0; i < d0.length; i++) md = Math.max(md, Math.abs(d0[i] - d1[i]));
        Collections.sort(t0); Collections.sort(t1);
        double m0 = t0.get(t0.size() / 2), m1 = t1.get(t1.size() / 2);
        System.out.printf("%dx%dx%dx%d sp=%.2f: committed %.3f ms, padded tail %.3f ms (medians), %.2fx; max|diff| %.2e%n", n, cin, cout, hw, sp, m0, m1, m0 / m1, md);
    }

    static void padded(CsrMatrix pattern, int hw, int images, float[] a, float[] b, float[] out) {
        int m = pattern.rows(), k = pattern.cols(), nnz = pattern.nnz();
        int[] rows = RowSplit.byWork(pattern.rowPtr(), m, 2, 1);
        double[] acc = new double[nnz];
        int[] ci = pattern.colIdx(), offs = new int[nnz];
        for (int p = 0; p < nnz; p++) offs[p] = (ci[p] % K_ROWS) * T_CHUNK;
        int[] starts = ColumnBlocks.starts(pattern.rowPtr(), ci, m, k, K_ROWS);
        int nb = ColumnBlocks.count(starts, m);
        Parallel.forEach(rows.length - 1, part -> {
            float[] buf = Scratch.get(Scratch.PANEL, (long) K_ROWS * T_CHUNK + Aligned.SLACK);
            float[] lanes = Scratch.get(Scratch.LANES, 8 * V);
            int b0 = Aligned.offset(buf), r0 = rows[part], r1 = rows[part + 1];
            for (int img = 0; img < images; img++) {
                int an = img * m * hw, bn = img * k * hw;
                for (int t0 = 0; t0 < hw; t0 += T_CHUNK) {
                    int len = Math.min(T_CHUNK, hw - t0), padLen = (len + V - 1) / V * V;
                    for (int kb = 0; kb < nb; kb++) {
                        int j0 = kb * K_ROWS, j1 = Math.min(k, j0 + K_ROWS);
                        for (int j = j0; j < j1; j++) {
                            System.arraycopy(b, bn + j * hw + t0, buf, b0 + (j - j0) * T_CHUNK, len);
                            if (padLen > len) Arrays.fill(buf, b0 + (j - j0) * T_CHUNK + len, b0 + (j - j0) * T_CHUNK + padLen, 0f);
                        }
                        for (int i = r0; i < r1; i++) {
                            ShiftedDot.dots(a, an + i * hw + t0, buf, offs, b0, starts[kb * m + i], starts[(kb + 1) * m + i], padLen, acc, lanes);
                        }
                    }
                }
            }
        });
        for (int p = 0; p < nnz; p++) out[p] = (float) acc[p];
    }
}
