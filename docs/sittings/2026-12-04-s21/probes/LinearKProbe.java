package org.prune4j.simd.sparse;

import java.util.Random;
import org.prune4j.simd.Aligned;

/**
 * Session 21: the sparse Linear's row sums over a 128-wide packed panel (k x 128, 512 KB for k = 1024, in L2),
 * one thread, rows [0, m): whole rows (row8 over all of a row's entries, today's kernel), against k blocks of
 * K columns for all m rows at once (each block's K panel rows stay in L1 while every row passes over them;
 * the rows' partial sums, m x 128 floats, go to L2 and back once per block).
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ".:<jar>/lib/*" \
 *     org.prune4j.simd.sparse.LinearKProbe m k density reps
 */
public final class LinearKProbe {
    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]);
        double density = Double.parseDouble(a[2]);
        int reps = Integer.parseInt(a[3]);
        int w = ShiftedSum.WIDE;
        Random rnd = new Random(7);
        int[] ptr = new int[m + 1];
        int[] ci = new int[(int) (m * k * density * 1.3) + 16];
        int nnz = 0;
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < k; c++) if (rnd.nextDouble() < density) ci[nnz++] = c;
            ptr[r + 1] = nnz;
        }
        float[] vals = new float[nnz];
        int[] offs = new int[nnz];
        for (int e = 0; e < nnz; e++) { vals[e] = rnd.nextFloat() - 0.5f; offs[e] = ci[e] * w; }
        float[] panel = new float[k * w + Aligned.SLACK];
        int p0 = Aligned.offset(panel);
        for (int i = 0; i < k * w; i++) panel[p0 + i] = rnd.nextFloat();
        float[] out = new float[m * w + Aligned.SLACK];
        int o0 = Aligned.offset(out);
        float[] ref = new float[m * w];
        whole(vals, offs, ptr, m, panel, p0, out, o0);
        System.arraycopy(out, o0, ref, 0, m * w);
        int[] ks = Boolean.getBoolean("wholeOnly") ? new int[0] : new int[] {32, 48, 64, 96, 128};
        int[][] starts = new int[ks.length][];
        for (int i = 0; i < ks.length; i++) starts[i] = ColumnBlocks.starts(ptr, ci, m, k, ks[i]);
        for (int i = 0; i < ks.length; i++) {
            java.util.Arrays.fill(out, 0f);
            blocked(vals, offs, starts[i], m, panel, p0, out, o0);
            double err = 0;
            for (int j = 0; j < m * w; j++) err = Math.max(err, Math.abs(out[o0 + j] - ref[j]));
            if (err > 1e-3) throw new AssertionError("K=" + ks[i] + " err " + err);
        }
        double fma = (double) nnz * (w / ShiftedSum.V);
        for (int round = 0; round < 6; round++) {
            StringBuilder sb = new StringBuilder();
            long t = System.nanoTime();
            for (int r = 0; r < reps; r++) whole(vals, offs, ptr, m, panel, p0, out, o0);
            double ns = (System.nanoTime() - t) / (double) reps;
            sb.append(String.format("whole %.3f ms %.2f FMA/ns", ns / 1e6, fma / ns));
            for (int i = 0; i < ks.length; i++) {
                t = System.nanoTime();
                for (int r = 0; r < reps; r++) blocked(vals, offs, starts[i], m, panel, p0, out, o0);
                ns = (System.nanoTime() - t) / (double) reps;
                sb.append(String.format(" | K%d %.3f ms %.2f", ks[i], ns / 1e6, fma / ns));
            }
            System.out.println(sb);
        }
    }

    static void whole(float[] vals, int[] offs, int[] ptr, int m, float[] panel, int p0, float[] out, int o0) {
        for (int r = 0; r < m; r++) ShiftedSum.row8(vals, offs, ptr[r], ptr[r + 1], panel, p0, out, o0 + r * ShiftedSum.WIDE, 0f, false);
    }

    /** row8 with accumulate always true: a copy, so that row8's own profile sees only accumulate = false. */
    static void rowAcc(float[] vals, int[] offs, int p0, int p1, float[] src, int s, float[] dst, int d) {
        jdk.incubator.vector.VectorSpecies<Float> sp = jdk.incubator.vector.FloatVector.SPECIES_512;
        int v = 16;
        var a0 = jdk.incubator.vector.FloatVector.fromArray(sp, dst, d);
        var a1 = jdk.incubator.vector.FloatVector.fromArray(sp, dst, d + v);
        var a2 = jdk.incubator.vector.FloatVector.fromArray(sp, dst, d + 2 * v);
        var a3 = jdk.incubator.vector.FloatVector.fromArray(sp, dst, d + 3 * v);
        var a4 = jdk.incubator.vector.FloatVector.fromArray(sp, dst, d + 4 * v);
        var a5 = jdk.incubator.vector.FloatVector.fromArray(sp, dst, d + 5 * v);
        var a6 = jdk.incubator.vector.FloatVector.fromArray(sp, dst, d + 6 * v);
        var a7 = jdk.incubator.vector.FloatVector.fromArray(sp, dst, d + 7 * v);
        for (int e = p0; e < p1; e++) {
            var w = jdk.incubator.vector.FloatVector.broadcast(sp, vals[e]);
            int o = s + offs[e];
            a0 = jdk.incubator.vector.FloatVector.fromArray(sp, src, o).fma(w, a0);
            a1 = jdk.incubator.vector.FloatVector.fromArray(sp, src, o + v).fma(w, a1);
            a2 = jdk.incubator.vector.FloatVector.fromArray(sp, src, o + 2 * v).fma(w, a2);
            a3 = jdk.incubator.vector.FloatVector.fromArray(sp, src, o + 3 * v).fma(w, a3);
            a4 = jdk.incubator.vector.FloatVector.fromArray(sp, src, o + 4 * v).fma(w, a4);
            a5 = jdk.incubator.vector.FloatVector.fromArray(sp, src, o + 5 * v).fma(w, a5);
            a6 = jdk.incubator.vector.FloatVector.fromArray(sp, src, o + 6 * v).fma(w, a6);
            a7 = jdk.incubator.vector.FloatVector.fromArray(sp, src, o + 7 * v).fma(w, a7);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + v);
        a2.intoArray(dst, d + 2 * v);
        a3.intoArray(dst, d + 3 * v);
        a4.intoArray(dst, d + 4 * v);
        a5.intoArray(dst, d + 5 * v);
        a6.intoArray(dst, d + 6 * v);
        a7.intoArray(dst, d + 7 * v);
    }

    static void blocked(float[] vals, int[] offs, int[] starts, int m, float[] panel, int p0, float[] out, int o0) {
        int nb = ColumnBlocks.count(starts, m);
        for (int kb = 0; kb < nb; kb++) {
            boolean init = kb == 0;
            for (int r = 0; r < m; r++) {
                int e0 = starts[kb * m + r], e1 = starts[kb * m + m + r];
                if (!init && e0 == e1) continue;
                if (init) ShiftedSum.row8(vals, offs, e0, e1, panel, p0, out, o0 + r * ShiftedSum.WIDE, 0f, false);
                else rowAcc(vals, offs, e0, e1, panel, p0, out, o0 + r * ShiftedSum.WIDE);
            }
        }
    }
}
