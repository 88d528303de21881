package org.prune4j.simd.sparse;

import java.util.*;
import jdk.incubator.vector.FloatVector;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/** Session 31: one thread, kernel only, on one packed 128-wide panel: the committed stageRows (grouped when dense enough)
 * against groups of four rows over the union of their columns (zeros where a row lacks the column). args: m k density rounds */
public class UnionProbe {
    static final int V = ShiftedSum.V, W = ShiftedSum.WIDE;

    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]);
        double density = Double.parseDouble(a[2]);
        int rounds = Integer.parseInt(a[3]);
        SplittableRandom r = new SplittableRandom(7);
        float[] dense = new float[m * k];
        for (int i = 0; i < dense.length; i++) if (r.nextDouble() < density) dense[i] = (float) r.nextDouble(-1, 1);
        CsrMatrix w = CsrMatrix.fromDense(dense, 0, m, k);
        float[] buf = new float[k * W + 16];
        int b0 = Aligned.offset(buf);
        for (int i = 0; i < k * W; i++) buf[b0 + i] = (float) r.nextDouble(-1, 1);
        float[] st0 = new float[m * W + 16], st1 = new float[m * W + 16];
        int s0 = Aligned.offset(st0), s1 = Aligned.offset(st1);
        ShiftedSum.WidePlan plan = ShiftedSum.WidePlan.of(w);
        int[] starts = ShiftedSum.grouped(w.nnz(), m, k) ? plan.starts() : null;
        // Union plan: per group of 4 rows, the union's panel offsets and 4 values per union column.
        int groups = m / 4;
        int[] gptr = new int[groups + 1];
        List<Integer> uo = new ArrayList<>();
        List<Float> uv = new ArrayList<>();
        for (int gI = 0; gI < groups; gI++) {
            for (int c = 0; c < k; c++) {
                boolean any = false;
                for (int rr = 0; rr < 4; rr++) any |= dense[(gI * 4 + rr) * k + c] != 0f;
                if (!any) continue;
                uo.add(c * W);
                for (int rr = 0; rr < 4; rr++) uv.add(dense[(gI * 4 + rr) * k + c]);
            }
            gptr[gI + 1] = uo.size();
        }
        int[] uoffs = uo.stream().mapToInt(Integer::intValue).toArray();
        float[] uvals = new float[uv.size()];
        for (int i = 0; i < uvals.length; i++) uvals[i] = uv.get(i);
        List<Double> t0 = new ArrayList<>(), t1 = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int rep = 0; rep < 20; rep++) {
                long t = System.nanoTime();
                ShiftedSum.stageRows(w.values(), plan.offs(), starts, w.rowPtr(), m, 0, m, buf, b0, st0, s0, null, false);
                if (round >= rounds / 4) t0.add((System.nanoTime() - t) / 1e3);
            }
            for (int rep = 0; rep < 20; rep++) {
                long t = System.nanoTime();
                for (int gI = 0; gI < groups; gI++) {
                    union4(uvals, uoffs, gptr[gI], gptr[gI + 1], buf, b0, st1, s1 + gI * 4 * W, 0);
                    union4(uvals, uoffs, gptr[gI], gptr[gI + 1], buf, b0, st1, s1 + gI * 4 * W, 4 * V);
                }
                if (round >= rounds / 4) t1.add((System.nanoTime() - t) / 1e3);
            }
        }
        double d = 0;
        for (int i = 0; i < m * W; i++) d = Math.max(d, Math.abs(st0[s0 + i] - st1[s1 + i]));
        Collections.sort(t0); Collections.sort(t1);
        double a0 = t0.get(t0.size() / 2), a1 = t1.get(t1.size() / 2);
        System.out.printf("%dx%d d=%.2f grouped=%b: committed %.1f us (%.2f vFMA/ns), union4 %.1f us (%.2f useful vFMA/ns, %d union cols for %d nnz), ratio %.2f; max|diff| %.2e%n",
                m, k, density, starts != null, a0, w.nnz() * 8.0 / a0 / 1e3, a1, w.nnz() * 8.0 / a1 / 1e3, uoffs.length, w.nnz(), a0 / a1, d);
    }

    /** Four stage rows (W apart from d), vectors [h, h + 4V): Σ over the union columns of vals[4e + r]·src[s + offs[e] + h ..]. */
    static void union4(float[] vals, int[] offs, int p0, int p1, float[] src, int s, float[] dst, int d, int h) {
        FloatVector z = FloatVector.zero(ShiftedSum.SPECIES);
        FloatVector a0 = z, a1 = z, a2 = z, a3 = z, b0 = z, b1 = z, b2 = z, b3 = z, c0 = z, c1 = z, c2 = z, c3 = z, e0 = z, e1 = z, e2 = z, e3 = z;
        for (int e = p0; e < p1; e++) {
            int o = s + offs[e] + h;
            FloatVector x0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o), x1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o + V);
            FloatVector x2 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o + 2 * V), x3 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o + 3 * V);
            FloatVector w = FloatVector.broadcast(ShiftedSum.SPECIES, vals[4 * e]);
            a0 = x0.fma(w, a0); a1 = x1.fma(w, a1); a2 = x2.fma(w, a2); a3 = x3.fma(w, a3);
            w = FloatVector.broadcast(ShiftedSum.SPECIES, vals[4 * e + 1]);
            b0 = x0.fma(w, b0); b1 = x1.fma(w, b1); b2 = x2.fma(w, b2); b3 = x3.fma(w, b3);
            w = FloatVector.broadcast(ShiftedSum.SPECIES, vals[4 * e + 2]);
            c0 = x0.fma(w, c0); c1 = x1.fma(w, c1); c2 = x2.fma(w, c2); c3 = x3.fma(w, c3);
            w = FloatVector.broadcast(ShiftedSum.SPECIES, vals[4 * e + 3]);
            e0 = x0.fma(w, e0); e1 = x1.fma(w, e1); e2 = x2.fma(w, e2); e3 = x3.fma(w, e3);
        }
        d += h;
        a0.intoArray(dst, d); a1.intoArray(dst, d + V); a2.intoArray(dst, d + 2 * V); a3.intoArray(dst, d + 3 * V);
        d += W;
        b0.intoArray(dst, d); b1.intoArray(dst, d + V); b2.intoArray(dst, d + 2 * V); b3.intoArray(dst, d + 3 * V);
        d += W;
        c0.intoArray(dst, d); c1.intoArray(dst, d + V); c2.intoArray(dst, d + 2 * V); c3.intoArray(dst, d + 3 * V);
        d += W;
        e0.intoArray(dst, d); e1.intoArray(dst, d + V); e2.intoArray(dst, d + 2 * V); e3.intoArray(dst, d + 3 * V);
    }
}
