package org.prune4j.simd.sparse;

import java.util.*;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * Session 37: the 1x1 layers' weight gradient (Sddmm.sddmmImages) against B tiles whose chunks are whole vectors
 * split evenly (no scalar tails, A's last vector masked, B's pad zeroed), alternating in one JVM.
 * args: batch cin cout side sparsity rounds [form]
 */
public class SdChunk {
    static final VectorSpecies<Float> S = ShiftedSum.SPECIES;
    static final int V = ShiftedSum.V, TS = 8 * V, K_ROWS = 128;
    static final int FLUSH = Integer.getInteger("flush", 8);
    static final boolean NOMASK = Boolean.getBoolean("nomask");

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), hw = Integer.parseInt(a[3]) * Integer.parseInt(a[3]);
        double sp = Double.parseDouble(a[4]);
        int rounds = Integer.parseInt(a[5]);
        String form = a.length > 6 ? a[6] : "guard";
        Parallel.setThreads(Integer.getInteger("threads", 2));
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[n * cin * hw], w = new float[cout * cin], dy = new float[n * cout * hw];
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
                sddmmImages(csr, hw, n, dy, 0, x, 0, d1, form);
                if (round >= rounds / 4) t1.add((System.nanoTime() - s) / 1e6);
            }
        }
        double md = 0, mx = 0;
        for (int i = 0; i < d0.length; i++) { md = Math.max(md, Math.abs(d0[i] - d1[i])); mx = Math.max(mx, Math.abs(d0[i])); }
        Collections.sort(t0); Collections.sort(t1);
        double m0 = t0.get(t0.size() / 2), m1 = t1.get(t1.size() / 2);
        System.out.printf("%dx%dx%dx%d sp=%.2f %s: committed %.3f ms, chunked %.3f ms (medians), %.2fx; max|diff| %.2e of %.2e%n", n, cin, cout, hw, sp, form, m0, m1, m0 / m1, md, mx);
    }

    record Tiled(int[] offs, int[] starts) {
        static Tiled of(CsrMatrix pattern) {
            int[] ci = pattern.colIdx();
            int[] offs = new int[ci.length];
            for (int p = 0; p < ci.length; p++) offs[p] = (ci[p] % K_ROWS) * TS;
            return new Tiled(offs, ColumnBlocks.starts(pattern.rowPtr(), ci, pattern.rows(), pattern.cols(), K_ROWS));
        }
    }

    static void sddmmImages(CsrMatrix pattern, int hw, int images, float[] a, int aOff, float[] b, int bOff, float[] out, String form) {
        int m = pattern.rows(), k = pattern.cols(), nnz = pattern.nnz();
        int[] rows = RowSplit.byWork(pattern.rowPtr(), m, Math.max(1, Math.min(Parallel.threads(), m)), 1);
        double[] acc = new double[nnz];
        Tiled plan = Tiled.of(pattern);
        int nb = ColumnBlocks.count(plan.starts, m);
        int nv = (hw + V - 1) / V, chunks = (nv + 7) / 8;
        Parallel.forEach(rows.length - 1, part -> {
            float[] buf = Scratch.get(Scratch.PANEL, (long) K_ROWS * TS + Aligned.SLACK);
            boolean lac = form.startsWith("lacc");
            int e0 = pattern.rowPtr()[rows[part]], e1 = pattern.rowPtr()[rows[part + 1]];
            float[] lanes = lac ? new float[pattern.nnz() * V] : Scratch.get(Scratch.LANES, (long) K_ROWS * V);
            int b0 = Aligned.offset(buf), r0 = rows[part], r1 = rows[part + 1];
            for (int img = 0; img < images; img++) {
                if (lac && img > 0 && img % FLUSH == 0) { LaneSum.addSums(lanes, e0, e1 - e0, acc, e0); Arrays.fill(lanes, e0 * V, e1 * V, 0f); }
                int an = aOff + img * m * hw, bn = bOff + img * k * hw;
                for (int ch = 0; ch < chunks; ch++) {
                    int v0 = nv * ch / chunks, v1 = nv * (ch + 1) / chunks, t0 = v0 * V, len = Math.min(hw, v1 * V) - t0, c = v1 - v0;
                    for (int kb = 0; kb < nb; kb++) {
                        int j0 = kb * K_ROWS, j1 = Math.min(k, j0 + K_ROWS);
                        for (int j = j0; j < j1; j++) {
                            int d = b0 + (j - j0) * TS;
                            System.arraycopy(b, bn + j * hw + t0, buf, d, len);
                            if (len < TS) Arrays.fill(buf, d + len, d + TS, 0f);
                        }
                        for (int i = r0; i < r1; i++) {
                            int p0 = plan.starts[kb * m + i], p1 = plan.starts[(kb + 1) * m + i];
                            if (p0 == p1) continue;
                            if (lac) dispatchL(form, c, a, an + i * hw + t0, len, buf, plan.offs, b0, p0, p1, acc, lanes);
                            else dispatch(form, c, a, an + i * hw + t0, len, buf, plan.offs, b0, p0, p1, acc, lanes);
                        }
                    }
                }
            }
            if (lac) LaneSum.addSums(lanes, e0, e1 - e0, acc, e0);
        });
        for (int p = 0; p < nnz; p++) out[p] = (float) acc[p];
    }

    static void dispatch(String form, int c, float[] a, int aOff, int len, float[] b, int[] offs, int shift, int p0, int p1, double[] acc, float[] lanes) {
        if (form.equals("eight") || c > 7 || c < 6) upTo8All(a, aOff, len, b, offs, shift, p0, p1, acc, lanes);
        else if (c == 7) seven(a, aOff, len, b, offs, shift, p0, p1, acc, lanes);
        else six(a, aOff, len, b, offs, shift, p0, p1, acc, lanes);
    }

    /** All eight vectors, A's loaded under masks of len (zeros past it), B's pad zeroed. */
    static void upTo8All(float[] a, int aOff, int len, float[] b, int[] offs, int shift, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff, S.indexInRange(0, len)), a1 = FloatVector.fromArray(S, a, aOff + V, S.indexInRange(V, len));
        FloatVector a2 = FloatVector.fromArray(S, a, aOff + 2 * V, S.indexInRange(2 * V, len)), a3 = FloatVector.fromArray(S, a, aOff + 3 * V, S.indexInRange(3 * V, len));
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V, S.indexInRange(4 * V, len)), a5 = FloatVector.fromArray(S, a, aOff + 5 * V, S.indexInRange(5 * V, len));
        FloatVector a6 = FloatVector.fromArray(S, a, aOff + 6 * V, S.indexInRange(6 * V, len)), a7 = FloatVector.fromArray(S, a, aOff + 7 * V, S.indexInRange(7 * V, len));
        for (int p = p0; p < p1; p++) {
            int o = offs[p] + shift;
            FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s);
            t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
            s = FloatVector.fromArray(S, b, o + 6 * V).fma(a6, s);
            t = FloatVector.fromArray(S, b, o + 7 * V).fma(a7, t);
            s.add(t).intoArray(lanes, (p - p0) * V);
        }
        LaneSum.addSums(lanes, 0, p1 - p0, acc, p0);
    }

    /** Seven vectors, the last of A under the mask of len. */
    static void seven(float[] a, int aOff, int len, float[] b, int[] offs, int shift, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V);
        FloatVector a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V);
        FloatVector a6 = FloatVector.fromArray(S, a, aOff + 6 * V, S.indexInRange(6 * V, len));
        for (int p = p0; p < p1; p++) {
            int o = offs[p] + shift;
            FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s);
            t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
            s = FloatVector.fromArray(S, b, o + 6 * V).fma(a6, s);
            s.add(t).intoArray(lanes, (p - p0) * V);
        }
        LaneSum.addSums(lanes, 0, p1 - p0, acc, p0);
    }

    /** Six vectors, the last of A under the mask of len. */
    static void six(float[] a, int aOff, int len, float[] b, int[] offs, int shift, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V);
        FloatVector a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V, S.indexInRange(5 * V, len));
        for (int p = p0; p < p1; p++) {
            int o = offs[p] + shift;
            FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s);
            t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
            s.add(t).intoArray(lanes, (p - p0) * V);
        }
        LaneSum.addSums(lanes, 0, p1 - p0, acc, p0);
    }
    static void dispatchL(String form, int c, float[] a, int aOff, int len, float[] b, int[] offs, int shift, int p0, int p1, double[] acc, float[] lanes) {
        if (form.equals("eight") || c > 7 || c < 6) upTo8AllL(a, aOff, len, b, offs, shift, p0, p1, acc, lanes);
        else if (c == 7) sevenL(a, aOff, len, b, offs, shift, p0, p1, acc, lanes);
        else sixL(a, aOff, len, b, offs, shift, p0, p1, acc, lanes);
    }

    /** All eight vectors, A's loaded under masks of len (zeros past it), B's pad zeroed. */
    static void upTo8AllL(float[] a, int aOff, int len, float[] b, int[] offs, int shift, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff, S.indexInRange(0, len)), a1 = FloatVector.fromArray(S, a, aOff + V, S.indexInRange(V, len));
        FloatVector a2 = FloatVector.fromArray(S, a, aOff + 2 * V, S.indexInRange(2 * V, len)), a3 = FloatVector.fromArray(S, a, aOff + 3 * V, S.indexInRange(3 * V, len));
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V, S.indexInRange(4 * V, len)), a5 = FloatVector.fromArray(S, a, aOff + 5 * V, S.indexInRange(5 * V, len));
        FloatVector a6 = FloatVector.fromArray(S, a, aOff + 6 * V, S.indexInRange(6 * V, len)), a7 = FloatVector.fromArray(S, a, aOff + 7 * V, S.indexInRange(7 * V, len));
        for (int p = p0; p < p1; p++) {
            int o = offs[p] + shift;
            FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s);
            t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
            s = FloatVector.fromArray(S, b, o + 6 * V).fma(a6, s);
            t = FloatVector.fromArray(S, b, o + 7 * V).fma(a7, t);
            FloatVector.fromArray(S, lanes, p * V).add(s.add(t)).intoArray(lanes, p * V);
        }
    }

    /** Seven vectors, the last of A under the mask of len. */
    static void sevenL(float[] a, int aOff, int len, float[] b, int[] offs, int shift, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V);
        FloatVector a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V);
        FloatVector a6 = NOMASK ? FloatVector.fromArray(S, a, aOff + 6 * V) : FloatVector.fromArray(S, a, aOff + 6 * V, S.indexInRange(6 * V, len));
        for (int p = p0; p < p1; p++) {
            int o = offs[p] + shift;
            FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s);
            t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
            s = FloatVector.fromArray(S, b, o + 6 * V).fma(a6, s);
            FloatVector.fromArray(S, lanes, p * V).add(s.add(t)).intoArray(lanes, p * V);
        }
    }

    /** Six vectors, the last of A under the mask of len. */
    static void sixL(float[] a, int aOff, int len, float[] b, int[] offs, int shift, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V);
        FloatVector a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V, S.indexInRange(5 * V, len));
        for (int p = p0; p < p1; p++) {
            int o = offs[p] + shift;
            FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s);
            t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
            FloatVector.fromArray(S, lanes, p * V).add(s.add(t)).intoArray(lanes, p * V);
        }
    }
}
