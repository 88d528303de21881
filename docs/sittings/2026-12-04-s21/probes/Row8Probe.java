package org.prune4j.simd.sparse;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.simd.Aligned;

/**
 * Session 21: forms of ShiftedSum.row8's loop (one broadcast weight, eight loads of a packed 128-wide panel row,
 * eight FMAs per entry), one thread, rows [0, m) of a random CSR matrix over a k x 128 panel. C2 compiles row8's
 * loop with the panel offset s carried through a GPR <-> XMM round trip each entry; the forms differ in what the
 * loop carries.
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ".:<jar>/lib/*" \
 *     org.prune4j.simd.sparse.Row8Probe m k density reps
 */
public final class Row8Probe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int V = 16, W = 128;

    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]);
        double density = Double.parseDouble(a[2]);
        int reps = Integer.parseInt(a[3]);
        Random rnd = new Random(7);
        int[] ptr = new int[m + 1];
        int[] ci = new int[(int) (m * k * density * 1.3) + 16];
        int nnz = 0;
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < k; c++) if (rnd.nextDouble() < density) ci[nnz++] = c;
            ptr[r + 1] = nnz;
        }
        float[] vals = new float[nnz];
        int[] offs = new int[nnz], abs = new int[nnz];
        float[] panel = new float[k * W + Aligned.SLACK];
        int p0 = Aligned.offset(panel);
        for (int e = 0; e < nnz; e++) { vals[e] = rnd.nextFloat() - 0.5f; offs[e] = ci[e] * W; abs[e] = offs[e] + p0; }
        for (int i = 0; i < k * W; i++) panel[p0 + i] = rnd.nextFloat();
        float[] out = new float[m * W + Aligned.SLACK];
        int o0 = Aligned.offset(out);
        float[] ref = new float[m * W];
        for (int r = 0; r < m; r++) ShiftedSum.row8(vals, offs, ptr[r], ptr[r + 1], panel, p0, out, o0 + r * W, 0f, false);
        System.arraycopy(out, o0, ref, 0, m * W);
        String[] names = {"row8", "abs", "pair", "absPair"};
        for (int v = 0; v < names.length; v++) {
            java.util.Arrays.fill(out, 0f);
            run(v, vals, offs, abs, ptr, m, panel, p0, out, o0);
            double err = 0;
            for (int j = 0; j < m * W; j++) err = Math.max(err, Math.abs(out[o0 + j] - ref[j]));
            if (err > 1e-3) throw new AssertionError(names[v] + " err " + err);
        }
        double fma = (double) nnz * (W / V);
        for (int round = 0; round < 6; round++) {
            StringBuilder sb = new StringBuilder();
            for (int v = 0; v < names.length; v++) {
                long t = System.nanoTime();
                for (int r = 0; r < reps; r++) run(v, vals, offs, abs, ptr, m, panel, p0, out, o0);
                double ns = (System.nanoTime() - t) / (double) reps;
                sb.append(String.format("%s %.3f ms %.2f FMA/ns | ", names[v], ns / 1e6, fma / ns));
            }
            System.out.println(sb);
        }
    }

    static void run(int v, float[] vals, int[] offs, int[] abs, int[] ptr, int m, float[] panel, int p0, float[] out, int o0) {
        switch (v) {
            case 0 -> { for (int r = 0; r < m; r++) ShiftedSum.row8(vals, offs, ptr[r], ptr[r + 1], panel, p0, out, o0 + r * W, 0f, false); }
            case 1 -> { for (int r = 0; r < m; r++) rowAbs(vals, abs, ptr[r], ptr[r + 1], panel, out, o0 + r * W); }
            case 2 -> { for (int r = 0; r < m; r++) rowPair(vals, offs, ptr[r], ptr[r + 1], panel, p0, out, o0 + r * W); }
            default -> { for (int r = 0; r < m; r++) rowAbsPair(vals, abs, ptr[r], ptr[r + 1], panel, out, o0 + r * W); }
        }
    }

    /** Offsets that already include the panel's start: nothing but e is carried. */
    static void rowAbs(float[] vals, int[] offs, int p0, int p1, float[] src, float[] dst, int d) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7;
        a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = FloatVector.zero(S);
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(S, vals[e]);
            int o = offs[e];
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(S, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(S, src, o + 2 * V).fma(w, a2);
            a3 = FloatVector.fromArray(S, src, o + 3 * V).fma(w, a3);
            a4 = FloatVector.fromArray(S, src, o + 4 * V).fma(w, a4);
            a5 = FloatVector.fromArray(S, src, o + 5 * V).fma(w, a5);
            a6 = FloatVector.fromArray(S, src, o + 6 * V).fma(w, a6);
            a7 = FloatVector.fromArray(S, src, o + 7 * V).fma(w, a7);
        }
        store(a0, a1, a2, a3, a4, a5, a6, a7, dst, d);
    }

    /** Two entries per trip (then one): the loop's own work paid once per sixteen FMAs. */
    static void rowPair(float[] vals, int[] offs, int p0, int p1, float[] src, int s, float[] dst, int d) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7;
        a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = FloatVector.zero(S);
        int e = p0;
        for (; e + 1 < p1; e += 2) {
            FloatVector w = FloatVector.broadcast(S, vals[e]);
            FloatVector u = FloatVector.broadcast(S, vals[e + 1]);
            int o = s + offs[e], q = s + offs[e + 1];
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(S, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(S, src, o + 2 * V).fma(w, a2);
            a3 = FloatVector.fromArray(S, src, o + 3 * V).fma(w, a3);
            a4 = FloatVector.fromArray(S, src, o + 4 * V).fma(w, a4);
            a5 = FloatVector.fromArray(S, src, o + 5 * V).fma(w, a5);
            a6 = FloatVector.fromArray(S, src, o + 6 * V).fma(w, a6);
            a7 = FloatVector.fromArray(S, src, o + 7 * V).fma(w, a7);
            a0 = FloatVector.fromArray(S, src, q).fma(u, a0);
            a1 = FloatVector.fromArray(S, src, q + V).fma(u, a1);
            a2 = FloatVector.fromArray(S, src, q + 2 * V).fma(u, a2);
            a3 = FloatVector.fromArray(S, src, q + 3 * V).fma(u, a3);
            a4 = FloatVector.fromArray(S, src, q + 4 * V).fma(u, a4);
            a5 = FloatVector.fromArray(S, src, q + 5 * V).fma(u, a5);
            a6 = FloatVector.fromArray(S, src, q + 6 * V).fma(u, a6);
            a7 = FloatVector.fromArray(S, src, q + 7 * V).fma(u, a7);
        }
        if (e < p1) {
            FloatVector w = FloatVector.broadcast(S, vals[e]);
            int o = s + offs[e];
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(S, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(S, src, o + 2 * V).fma(w, a2);
            a3 = FloatVector.fromArray(S, src, o + 3 * V).fma(w, a3);
            a4 = FloatVector.fromArray(S, src, o + 4 * V).fma(w, a4);
            a5 = FloatVector.fromArray(S, src, o + 5 * V).fma(w, a5);
            a6 = FloatVector.fromArray(S, src, o + 6 * V).fma(w, a6);
            a7 = FloatVector.fromArray(S, src, o + 7 * V).fma(w, a7);
        }
        store(a0, a1, a2, a3, a4, a5, a6, a7, dst, d);
    }

    static void rowAbsPair(float[] vals, int[] offs, int p0, int p1, float[] src, float[] dst, int d) {
        rowPair(vals, offs, p0, p1, src, 0, dst, d);
    }

    static void store(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, FloatVector a4, FloatVector a5,
                      FloatVector a6, FloatVector a7, float[] dst, int d) {
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V);
        a5.intoArray(dst, d + 5 * V);
        a6.intoArray(dst, d + 6 * V);
        a7.intoArray(dst, d + 7 * V);
    }
}
