package org.prune4j.simd.sparse;

import java.util.*;
import jdk.incubator.vector.*;
import org.prune4j.core.sparse.CsrMatrix;

/** Probe: L1-blocked SpMM, W vectors wide, K blocks of kb rows, R rows in lockstep (rows sorted by segment count). */
public class L1Lock {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    final int m, k, n, kb, nkb;
    final int[] order;   // per K-block: rows in descending segment count  [nkb*m]
    final int[] segStart, segLen; // per (kb,row): first value index and count
    final int[] off;     // per value: (col - k0) * WW
    final float[] xpRaw; final int xo;
    static final int W = 2, WW = W * 16;

    L1Lock(CsrMatrix a, int n, int kb) {
        m = a.rows(); k = a.cols(); this.n = n; this.kb = kb; nkb = (k + kb - 1) / kb;
        int[] rp = a.rowPtr(), ci = a.colIdx();
        order = new int[nkb * m]; segStart = new int[nkb * m]; segLen = new int[nkb * m];
        off = new int[a.nnz()];
        for (int r = 0; r < m; r++) {
            int p = rp[r];
            for (int q = 0; q < nkb; q++) {
                int s = p;
                while (p < rp[r + 1] && ci[p] < (q + 1) * kb) { off[p] = (ci[p] - q * kb) * WW; p++; }
                segStart[q * m + r] = s; segLen[q * m + r] = p - s;
            }
        }
        for (int q = 0; q < nkb; q++) {
            final int qq = q;
            Integer[] rows = new Integer[m];
            for (int r = 0; r < m; r++) rows[r] = r;
            Arrays.sort(rows, (x, y) -> Integer.compare(segLen[qq * m + y], segLen[qq * m + x]));
            for (int r = 0; r < m; r++) order[q * m + r] = rows[r];
        }
        if (Boolean.getBoolean("offzero")) for (int p = 0; p < off.length; p++) off[p] = (p % 8) * WW;
        xpRaw = new float[kb * WW + 16]; xo = org.prune4j.simd.Aligned.offset(xpRaw);
    }

    void run(float[] vals, float[] b, float[] c) {
        for (int c0 = 0; c0 < n; c0 += WW) {
            for (int q = 0; q < nkb; q++) {
                int k0 = q * kb, k1 = Math.min(k, k0 + kb);
                for (int j = k0; j < k1; j++) System.arraycopy(b, j * n + c0, xpRaw, xo + (j - k0) * WW, WW);
                boolean first = q == 0;
                int base = q * m;
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    int r0 = order[base + i], r1 = order[base + i + 1], r2 = order[base + i + 2], r3 = order[base + i + 3];
                    group4(vals, c, c0, first, base, r0, r1, r2, r3);
                }
                for (; i < m; i++) single(vals, c, c0, first, base, order[base + i]);
            }
        }
    }

    private void group4(float[] vals, float[] c, int c0, boolean first, int base, int r0, int r1, int r2, int r3) {
        float[] x = xpRaw; int X = xo;
        int o0 = r0 * n + c0, o1 = r1 * n + c0, o2 = r2 * n + c0, o3 = r3 * n + c0;
        FloatVector a00, a01, a10, a11, a20, a21, a30, a31;
        if (first) {
            a00 = a01 = a10 = a11 = a20 = a21 = a30 = a31 = FloatVector.zero(S);
        } else {
            a00 = FloatVector.fromArray(S, c, o0); a01 = FloatVector.fromArray(S, c, o0 + 16);
            a10 = FloatVector.fromArray(S, c, o1); a11 = FloatVector.fromArray(S, c, o1 + 16);
            a20 = FloatVector.fromArray(S, c, o2); a21 = FloatVector.fromArray(S, c, o2 + 16);
            a30 = FloatVector.fromArray(S, c, o3); a31 = FloatVector.fromArray(S, c, o3 + 16);
        }
        int s0 = segStart[base + r0], s1 = segStart[base + r1], s2 = segStart[base + r2], s3 = segStart[base + r3];
        int l0 = segLen[base + r0], l1 = segLen[base + r1], l2 = segLen[base + r2], l3 = segLen[base + r3];
        int common = Math.min(Math.min(l0, l1), Math.min(l2, l3));
        for (int t = 0; t < common; t++) {
            FloatVector w0 = FloatVector.broadcast(S, vals[s0 + t]); int x0 = X + off[s0 + t];
            FloatVector w1 = FloatVector.broadcast(S, vals[s1 + t]); int x1 = X + off[s1 + t];
            FloatVector w2 = FloatVector.broadcast(S, vals[s2 + t]); int x2 = X + off[s2 + t];
            FloatVector w3 = FloatVector.broadcast(S, vals[s3 + t]); int x3 = X + off[s3 + t];
            a00 = FloatVector.fromArray(S, x, x0).fma(w0, a00); a01 = FloatVector.fromArray(S, x, x0 + 16).fma(w0, a01);
            a10 = FloatVector.fromArray(S, x, x1).fma(w1, a10); a11 = FloatVector.fromArray(S, x, x1 + 16).fma(w1, a11);
            a20 = FloatVector.fromArray(S, x, x2).fma(w2, a20); a21 = FloatVector.fromArray(S, x, x2 + 16).fma(w2, a21);
            a30 = FloatVector.fromArray(S, x, x3).fma(w3, a30); a31 = FloatVector.fromArray(S, x, x3 + 16).fma(w3, a31);
        }
        for (int t = common; t < l0; t++) { FloatVector w = FloatVector.broadcast(S, vals[s0 + t]); int xo = X + off[s0 + t];
            a00 = FloatVector.fromArray(S, x, xo).fma(w, a00); a01 = FloatVector.fromArray(S, x, xo + 16).fma(w, a01); }
        for (int t = common; t < l1; t++) { FloatVector w = FloatVector.broadcast(S, vals[s1 + t]); int xo = X + off[s1 + t];
            a10 = FloatVector.fromArray(S, x, xo).fma(w, a10); a11 = FloatVector.fromArray(S, x, xo + 16).fma(w, a11); }
        for (int t = common; t < l2; t++) { FloatVector w = FloatVector.broadcast(S, vals[s2 + t]); int xo = X + off[s2 + t];
            a20 = FloatVector.fromArray(S, x, xo).fma(w, a20); a21 = FloatVector.fromArray(S, x, xo + 16).fma(w, a21); }
        for (int t = common; t < l3; t++) { FloatVector w = FloatVector.broadcast(S, vals[s3 + t]); int xo = X + off[s3 + t];
            a30 = FloatVector.fromArray(S, x, xo).fma(w, a30); a31 = FloatVector.fromArray(S, x, xo + 16).fma(w, a31); }
        a00.intoArray(c, o0); a01.intoArray(c, o0 + 16);
        a10.intoArray(c, o1); a11.intoArray(c, o1 + 16);
        a20.intoArray(c, o2); a21.intoArray(c, o2 + 16);
        a30.intoArray(c, o3); a31.intoArray(c, o3 + 16);
    }

    private void single(float[] vals, float[] c, int c0, boolean first, int base, int r) {
        int o = r * n + c0;
        FloatVector a0 = first ? FloatVector.zero(S) : FloatVector.fromArray(S, c, o);
        FloatVector a1 = first ? FloatVector.zero(S) : FloatVector.fromArray(S, c, o + 16);
        int s = segStart[base + r], l = segLen[base + r];
        for (int t = 0; t < l; t++) { FloatVector w = FloatVector.broadcast(S, vals[s + t]); int q = xo + off[s + t];
            a0 = FloatVector.fromArray(S, xpRaw, q).fma(w, a0); a1 = FloatVector.fromArray(S, xpRaw, q + 16).fma(w, a1); }
        a0.intoArray(c, o); a1.intoArray(c, o + 16);
    }

    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]), k = Integer.parseInt(args[1]), n = Integer.parseInt(args[2]);
        double dens = Double.parseDouble(args[3]);
        int kb = Integer.parseInt(args[4]);
        Random rnd = new Random(1);
        float[] dense = new float[m * k];
        for (int i = 0; i < dense.length; i++) if (rnd.nextDouble() < dens) dense[i] = rnd.nextFloat() - 0.5f;
        CsrMatrix a = CsrMatrix.fromDense(dense, 0, m, k);
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
        float[] c = new float[m * n], cref = new float[m * n];
        L1Lock l = new L1Lock(a, n, kb);
        Runnable gen = () -> l.run(a.values(), b, c);
        Runnable base = () -> CsrSpmm.spmm(a, n, b, 0, cref, 0, null, false, false);
        double flops = 2.0 * a.nnz() * n;
        if (Boolean.getBoolean("only")) { long end = System.nanoTime() + 20_000_000_000L; while (System.nanoTime() < end) gen.run(); return; }
        for (int round = 0; round < 12; round++) {
            long tg = GenSpmm.time(gen, 300), tb = GenSpmm.time(base, 300);
            System.out.printf("round %d: l1lock %.4f ms (%.2f useful vFMA/ns), base %.4f ms (%.2f)%n", round,
                    tg / 1e6, flops / 32 / tg, tb / 1e6, flops / 32 / tb);
            if (round == 0) {
                double err = 0; for (int i = 0; i < c.length; i++) err = Math.max(err, Math.abs(c[i] - cref[i]));
                System.out.println("max |l1lock - base| = " + err);
            }
        }
    }
}
