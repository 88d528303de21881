package org.prune4j.simd.sparse;

import java.util.*;
import jdk.incubator.vector.FloatVector;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/** Session 31: the sparse Linear forward, committed SparseLinear against k-blocked narrow panels (PW vectors wide,
 * KB panel rows per block), alternating in one JVM. args: m k batch density rounds KB PW */
public class LinProbe {
    static final int V = ShiftedSum.V;

    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]), batch = Integer.parseInt(a[2]);
        double density = Double.parseDouble(a[3]);
        int rounds = Integer.parseInt(a[4]), kbw = Integer.parseInt(a[5]), pw = Integer.parseInt(a[6]);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        SplittableRandom r = new SplittableRandom(7);
        float[] dense = new float[m * k];
        for (int i = 0; i < dense.length; i++) if (r.nextDouble() < density) dense[i] = (float) r.nextDouble(-1, 1);
        CsrMatrix w = CsrMatrix.fromDense(dense, 0, m, k);
        float[] x = new float[batch * k], bias = new float[m];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < m; i++) bias[i] = (float) r.nextDouble(-1, 1);
        float[] y0 = new float[batch * m], y1 = new float[batch * m];
        Plan plan = new Plan(w, kbw, pw * V);
        List<Double> t0 = new ArrayList<>(), t1 = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            if (!Boolean.getBoolean("onlyNew")) for (int rep = 0; rep < 20; rep++) {
                long s = System.nanoTime();
                SparseLinear.forward(w, batch, x, 0, y0, 0, bias, true, false);
                if (round >= rounds / 4) t0.add((System.nanoTime() - s) / 1e3);
            }
            for (int rep = 0; rep < 20; rep++) {
                long s = System.nanoTime();
                forward(plan, w, batch, x, y1, bias, true);
                if (round >= rounds / 4) t1.add((System.nanoTime() - s) / 1e3);
            }
        }
        double d = 0;
        for (int i = 0; i < y0.length; i++) d = Math.max(d, Math.abs(y0[i] - y1[i]));
        if (t0.isEmpty()) t0.add(1.0); Collections.sort(t0); Collections.sort(t1);
        System.out.printf("%dx%dx%d d=%.2f KB=%d PW=%d: committed %.1f us, blocked %.1f us (medians), ratio %.2f; max|diff| %.2e%n",
                m, k, batch, density, kbw, pw, t0.get(t0.size() / 2), t1.get(t1.size() / 2), t0.get(t0.size() / 2) / t1.get(t1.size() / 2), d);
    }

    record Plan(int[] offs, int[] starts, int nb, int width) {
        Plan(CsrMatrix w, int kbw, int width) {
            this(offs(w, width), ColumnBlocks.starts(w.rowPtr(), w.colIdx(), w.rows(), w.cols(), kbw), Math.max(1, (w.cols() + kbw - 1) / kbw), width);
        }
        static int[] offs(CsrMatrix w, int width) {
            int[] ci = w.colIdx(), o = new int[ci.length];
            for (int e = 0; e < o.length; e++) o[e] = ci[e] * width;
            return o;
        }
    }

    static void forward(Plan plan, CsrMatrix w, int batch, float[] x, float[] y, float[] bias, boolean relu) {
        int m = w.rows(), k = w.cols(), pwid = plan.width();
        int panels = (batch + pwid - 1) / pwid;
        float[] vals = w.values();
        Parallel.forRange(panels, 1, (p0, p1) -> {
            float[] buf = Scratch.get(Scratch.PANEL, (long) k * pwid + 16), stage = Scratch.get(Scratch.TILES, (long) m * pwid + 16);
            int b0 = Aligned.offset(buf), s0 = Aligned.offset(stage);
            for (int pn = p0; pn < p1; pn++) {
                int n0 = pn * pwid, valid = Math.min(pwid, batch - n0);
                for (int q0 = 0; q0 < valid; q0 += V)
                    for (int j = 0; j < k; j += V)
                        TileTranspose.block(x, (n0 + q0) * k + j, k, Math.min(V, valid - q0), Math.min(V, k - j), buf, b0 + j * pwid + q0, pwid);
                for (int t = 0; t < m; t++) Arrays.fill(stage, s0 + t * pwid, s0 + (t + 1) * pwid, bias[t]);
                for (int kb = 0; kb < plan.nb(); kb++) {
                    int[] st = plan.starts();
                    for (int t = 0; t < m; t++) {
                        int e0 = st[kb * m + t], e1 = st[(kb + 1) * m + t];
                        if (e0 == e1) continue;
                        if (pwid == 2 * V) row2(vals, plan.offs(), e0, e1, buf, b0, stage, s0 + t * pwid);
                        else if (pwid == 8 * V) ShiftedSum.row8(vals, plan.offs(), e0, e1, buf, b0, stage, s0 + t * pwid, 0f, true);
                        else row4(vals, plan.offs(), e0, e1, buf, b0, stage, s0 + t * pwid);
                    }
                }
                for (int q0 = 0; q0 < valid; q0 += V)
                    for (int t = 0; t < m; t += V)
                        TileTranspose.blockOut(stage, s0 + t * pwid + q0, pwid, Math.min(V, m - t), Math.min(V, valid - q0), y, (n0 + q0) * m + t, m, relu);
            }
        });
    }

    /** stage[d..d+2V) += Σ_e vals[e]·src[s + offs[e] ..], four entries at a time on four pairs of chains. */
    static void row2(float[] vals, int[] offs, int p0, int p1, float[] src, int s, float[] dst, int d) {
        var z = FloatVector.zero(ShiftedSum.SPECIES);
        FloatVector a0 = FloatVector.fromArray(ShiftedSum.SPECIES, dst, d), a1 = FloatVector.fromArray(ShiftedSum.SPECIES, dst, d + V);
        FloatVector b0 = z, b1 = z, c0 = z, c1 = z, d0 = z, d1 = z;
        int e = p0;
        for (; e + 4 <= p1; e += 4) {
            FloatVector w0 = FloatVector.broadcast(ShiftedSum.SPECIES, vals[e]);
            FloatVector w1 = FloatVector.broadcast(ShiftedSum.SPECIES, vals[e + 1]);
            FloatVector w2 = FloatVector.broadcast(ShiftedSum.SPECIES, vals[e + 2]);
            FloatVector w3 = FloatVector.broadcast(ShiftedSum.SPECIES, vals[e + 3]);
            int o0 = s + offs[e], o1 = s + offs[e + 1], o2 = s + offs[e + 2], o3 = s + offs[e + 3];
            a0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0).fma(w0, a0);
            a1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0 + V).fma(w0, a1);
            b0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o1).fma(w1, b0);
            b1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o1 + V).fma(w1, b1);
            c0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o2).fma(w2, c0);
            c1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o2 + V).fma(w2, c1);
            d0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o3).fma(w3, d0);
            d1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o3 + V).fma(w3, d1);
        }
        for (; e < p1; e++) {
            FloatVector w0 = FloatVector.broadcast(ShiftedSum.SPECIES, vals[e]);
            int o0 = s + offs[e];
            a0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0).fma(w0, a0);
            a1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0 + V).fma(w0, a1);
        }
        a0.add(b0).add(c0.add(d0)).intoArray(dst, d);
        a1.add(b1).add(c1.add(d1)).intoArray(dst, d + V);
    }

    static void row4(float[] vals, int[] offs, int p0, int p1, float[] src, int s, float[] dst, int d) {
        var z = FloatVector.zero(ShiftedSum.SPECIES);
        FloatVector a0 = FloatVector.fromArray(ShiftedSum.SPECIES, dst, d), a1 = FloatVector.fromArray(ShiftedSum.SPECIES, dst, d + V);
        FloatVector a2 = FloatVector.fromArray(ShiftedSum.SPECIES, dst, d + 2 * V), a3 = FloatVector.fromArray(ShiftedSum.SPECIES, dst, d + 3 * V);
        FloatVector b0 = z, b1 = z, b2 = z, b3 = z;
        int e = p0;
        for (; e + 2 <= p1; e += 2) {
            FloatVector w0 = FloatVector.broadcast(ShiftedSum.SPECIES, vals[e]);
            FloatVector w1 = FloatVector.broadcast(ShiftedSum.SPECIES, vals[e + 1]);
            int o0 = s + offs[e], o1 = s + offs[e + 1];
            a0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0).fma(w0, a0);
            a1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0 + V).fma(w0, a1);
            a2 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0 + 2 * V).fma(w0, a2);
            a3 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0 + 3 * V).fma(w0, a3);
            b0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o1).fma(w1, b0);
            b1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o1 + V).fma(w1, b1);
            b2 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o1 + 2 * V).fma(w1, b2);
            b3 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o1 + 3 * V).fma(w1, b3);
        }
        if (e < p1) {
            FloatVector w0 = FloatVector.broadcast(ShiftedSum.SPECIES, vals[e]);
            int o0 = s + offs[e];
            a0 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0).fma(w0, a0);
            a1 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0 + V).fma(w0, a1);
            a2 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0 + 2 * V).fma(w0, a2);
            a3 = FloatVector.fromArray(ShiftedSum.SPECIES, src, o0 + 3 * V).fma(w0, a3);
        }
        a0.add(b0).intoArray(dst, d);
        a1.add(b1).intoArray(dst, d + V);
        a2.add(b2).intoArray(dst, d + 2 * V);
        a3.add(b3).intoArray(dst, d + 3 * V);
    }
}
