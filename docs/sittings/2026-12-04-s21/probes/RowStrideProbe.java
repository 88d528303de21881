package org.prune4j.simd.sparse;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.simd.Aligned;

/**
 * Session 21: the 16-wide 3x3 layers' register tile (ShiftedSum.tile16x1: 16 rows of one vector, one weight entry
 * = 16 loads + 16 FMAs) over a fold of phase-padded images whose rows are 32 (today), 24, 20 or 18 floats apart.
 * An image of 32 channels spans 18 rows x 32 floats x 4 B = 74 KB per image today, more than L1 (48 KB); at 18
 * floats 41 KB. Rows not on 64-byte lines make most loads split two lines.
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ".:<jar>/lib/*" \
 *     org.prune4j.simd.sparse.RowStrideProbe cin cout images density reps
 */
public final class RowStrideProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int V = 16;
    static final int[] STRIDES = {32, 24, 20, 18};

    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), images = Integer.parseInt(a[2]);
        double density = Double.parseDouble(a[3]);
        int reps = Integer.parseInt(a[4]);
        Random rnd = new Random(3);
        int[] ptr = new int[cout + 1];
        int[] tap = new int[cout * cin * 9];
        int nnz = 0;
        for (int co = 0; co < cout; co++) {
            for (int t = 0; t < cin * 9; t++) if (rnd.nextDouble() < density) tap[nnz++] = t;
            ptr[co + 1] = nnz;
        }
        float[] vals = new float[nnz];
        for (int e = 0; e < nnz; e++) vals[e] = rnd.nextFloat() - 0.5f;
        int n = STRIDES.length, rows = 18;
        int[][] deltas = new int[n][nnz];
        int[] planes = new int[n];
        float[][] bufs = new float[n][];
        int[] b0 = new int[n];
        for (int v = 0; v < n; v++) {
            planes[v] = rows * STRIDES[v] + 16;
            for (int e = 0; e < nnz; e++) {
                int ci = tap[e] / 9, ky = tap[e] % 9 / 3, kx = tap[e] % 3;
                deltas[v][e] = ci * planes[v] + ky * STRIDES[v] + kx - 1;
            }
            bufs[v] = new float[images * cin * planes[v] + 64 + Aligned.SLACK];
            for (int i = 0; i < bufs[v].length; i++) bufs[v][i] = rnd.nextFloat();
            b0[v] = Aligned.offset(bufs[v]) + 16;
        }
        float[] y = new float[images * cout * 256 + Aligned.SLACK];
        int y0 = Aligned.offset(y);
        double fma = (double) nnz * 16 * images;
        for (int round = 0; round < 8; round++) {
            StringBuilder sb = new StringBuilder();
            for (int v = 0; v < n; v++) {
                long t = System.nanoTime();
                for (int r = 0; r < reps; r++) run(v, vals, deltas[v], ptr, cout, images, cin * planes[v], bufs[v], b0[v], y, y0);
                double ns = (System.nanoTime() - t) / (double) reps;
                sb.append(String.format("stride %d %.3f ms %.2f FMA/ns | ", STRIDES[v], ns / 1e6, fma / ns));
            }
            System.out.println(sb);
        }
    }

    static void run(int v, float[] vals, int[] d, int[] ptr, int cout, int images, int image, float[] buf, int b0, float[] y, int y0) {
        for (int img = 0; img < images; img++) {
            for (int co = 0; co < cout; co++) {
                int yo = y0 + (img * cout + co) * 256;
                switch (v) {
                    case 0 -> tileS32(vals, d, ptr[co], ptr[co + 1], buf, b0 + img * image, y, yo, 0f, false);
                    case 1 -> tileS24(vals, d, ptr[co], ptr[co + 1], buf, b0 + img * image, y, yo, 0f, false);
                    case 2 -> tileS20(vals, d, ptr[co], ptr[co + 1], buf, b0 + img * image, y, yo, 0f, false);
                    case 3 -> tileS18(vals, d, ptr[co], ptr[co + 1], buf, b0 + img * image, y, yo, 0f, false);
                }
            }
        }
    }

    static void tileS32(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                               float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
        if (accumulate) {
            a0 = FloatVector.fromArray(S, dst, d);
            a1 = FloatVector.fromArray(S, dst, d + 1 * V);
            a2 = FloatVector.fromArray(S, dst, d + 2 * V);
            a3 = FloatVector.fromArray(S, dst, d + 3 * V);
            a4 = FloatVector.fromArray(S, dst, d + 4 * V);
            a5 = FloatVector.fromArray(S, dst, d + 5 * V);
            a6 = FloatVector.fromArray(S, dst, d + 6 * V);
            a7 = FloatVector.fromArray(S, dst, d + 7 * V);
            a8 = FloatVector.fromArray(S, dst, d + 8 * V);
            a9 = FloatVector.fromArray(S, dst, d + 9 * V);
            a10 = FloatVector.fromArray(S, dst, d + 10 * V);
            a11 = FloatVector.fromArray(S, dst, d + 11 * V);
            a12 = FloatVector.fromArray(S, dst, d + 12 * V);
            a13 = FloatVector.fromArray(S, dst, d + 13 * V);
            a14 = FloatVector.fromArray(S, dst, d + 14 * V);
            a15 = FloatVector.fromArray(S, dst, d + 15 * V);
        } else {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = a12 = a13 = a14 = a15 = FloatVector.broadcast(S, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(S, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0);
            o += 32;
            a1 = FloatVector.fromArray(S, src, o).fma(w, a1);
            o += 32;
            a2 = FloatVector.fromArray(S, src, o).fma(w, a2);
            o += 32;
            a3 = FloatVector.fromArray(S, src, o).fma(w, a3);
            o += 32;
            a4 = FloatVector.fromArray(S, src, o).fma(w, a4);
            o += 32;
            a5 = FloatVector.fromArray(S, src, o).fma(w, a5);
            o += 32;
            a6 = FloatVector.fromArray(S, src, o).fma(w, a6);
            o += 32;
            a7 = FloatVector.fromArray(S, src, o).fma(w, a7);
            o += 32;
            a8 = FloatVector.fromArray(S, src, o).fma(w, a8);
            o += 32;
            a9 = FloatVector.fromArray(S, src, o).fma(w, a9);
            o += 32;
            a10 = FloatVector.fromArray(S, src, o).fma(w, a10);
            o += 32;
            a11 = FloatVector.fromArray(S, src, o).fma(w, a11);
            o += 32;
            a12 = FloatVector.fromArray(S, src, o).fma(w, a12);
            o += 32;
            a13 = FloatVector.fromArray(S, src, o).fma(w, a13);
            o += 32;
            a14 = FloatVector.fromArray(S, src, o).fma(w, a14);
            o += 32;
            a15 = FloatVector.fromArray(S, src, o).fma(w, a15);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + 1 * V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V);
        a5.intoArray(dst, d + 5 * V);
        a6.intoArray(dst, d + 6 * V);
        a7.intoArray(dst, d + 7 * V);
        a8.intoArray(dst, d + 8 * V);
        a9.intoArray(dst, d + 9 * V);
        a10.intoArray(dst, d + 10 * V);
        a11.intoArray(dst, d + 11 * V);
        a12.intoArray(dst, d + 12 * V);
        a13.intoArray(dst, d + 13 * V);
        a14.intoArray(dst, d + 14 * V);
        a15.intoArray(dst, d + 15 * V);
    }

    static void tileS24(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                               float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
        if (accumulate) {
            a0 = FloatVector.fromArray(S, dst, d);
            a1 = FloatVector.fromArray(S, dst, d + 1 * V);
            a2 = FloatVector.fromArray(S, dst, d + 2 * V);
            a3 = FloatVector.fromArray(S, dst, d + 3 * V);
            a4 = FloatVector.fromArray(S, dst, d + 4 * V);
            a5 = FloatVector.fromArray(S, dst, d + 5 * V);
            a6 = FloatVector.fromArray(S, dst, d + 6 * V);
            a7 = FloatVector.fromArray(S, dst, d + 7 * V);
            a8 = FloatVector.fromArray(S, dst, d + 8 * V);
            a9 = FloatVector.fromArray(S, dst, d + 9 * V);
            a10 = FloatVector.fromArray(S, dst, d + 10 * V);
            a11 = FloatVector.fromArray(S, dst, d + 11 * V);
            a12 = FloatVector.fromArray(S, dst, d + 12 * V);
            a13 = FloatVector.fromArray(S, dst, d + 13 * V);
            a14 = FloatVector.fromArray(S, dst, d + 14 * V);
            a15 = FloatVector.fromArray(S, dst, d + 15 * V);
        } else {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = a12 = a13 = a14 = a15 = FloatVector.broadcast(S, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(S, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0);
            o += 24;
            a1 = FloatVector.fromArray(S, src, o).fma(w, a1);
            o += 24;
            a2 = FloatVector.fromArray(S, src, o).fma(w, a2);
            o += 24;
            a3 = FloatVector.fromArray(S, src, o).fma(w, a3);
            o += 24;
            a4 = FloatVector.fromArray(S, src, o).fma(w, a4);
            o += 24;
            a5 = FloatVector.fromArray(S, src, o).fma(w, a5);
            o += 24;
            a6 = FloatVector.fromArray(S, src, o).fma(w, a6);
            o += 24;
            a7 = FloatVector.fromArray(S, src, o).fma(w, a7);
            o += 24;
            a8 = FloatVector.fromArray(S, src, o).fma(w, a8);
            o += 24;
            a9 = FloatVector.fromArray(S, src, o).fma(w, a9);
            o += 24;
            a10 = FloatVector.fromArray(S, src, o).fma(w, a10);
            o += 24;
            a11 = FloatVector.fromArray(S, src, o).fma(w, a11);
            o += 24;
            a12 = FloatVector.fromArray(S, src, o).fma(w, a12);
            o += 24;
            a13 = FloatVector.fromArray(S, src, o).fma(w, a13);
            o += 24;
            a14 = FloatVector.fromArray(S, src, o).fma(w, a14);
            o += 24;
            a15 = FloatVector.fromArray(S, src, o).fma(w, a15);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + 1 * V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V);
        a5.intoArray(dst, d + 5 * V);
        a6.intoArray(dst, d + 6 * V);
        a7.intoArray(dst, d + 7 * V);
        a8.intoArray(dst, d + 8 * V);
        a9.intoArray(dst, d + 9 * V);
        a10.intoArray(dst, d + 10 * V);
        a11.intoArray(dst, d + 11 * V);
        a12.intoArray(dst, d + 12 * V);
        a13.intoArray(dst, d + 13 * V);
        a14.intoArray(dst, d + 14 * V);
        a15.intoArray(dst, d + 15 * V);
    }

    static void tileS20(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                               float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
        if (accumulate) {
            a0 = FloatVector.fromArray(S, dst, d);
            a1 = FloatVector.fromArray(S, dst, d + 1 * V);
            a2 = FloatVector.fromArray(S, dst, d + 2 * V);
            a3 = FloatVector.fromArray(S, dst, d + 3 * V);
            a4 = FloatVector.fromArray(S, dst, d + 4 * V);
            a5 = FloatVector.fromArray(S, dst, d + 5 * V);
            a6 = FloatVector.fromArray(S, dst, d + 6 * V);
            a7 = FloatVector.fromArray(S, dst, d + 7 * V);
            a8 = FloatVector.fromArray(S, dst, d + 8 * V);
            a9 = FloatVector.fromArray(S, dst, d + 9 * V);
            a10 = FloatVector.fromArray(S, dst, d + 10 * V);
            a11 = FloatVector.fromArray(S, dst, d + 11 * V);
            a12 = FloatVector.fromArray(S, dst, d + 12 * V);
            a13 = FloatVector.fromArray(S, dst, d + 13 * V);
            a14 = FloatVector.fromArray(S, dst, d + 14 * V);
            a15 = FloatVector.fromArray(S, dst, d + 15 * V);
        } else {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = a12 = a13 = a14 = a15 = FloatVector.broadcast(S, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(S, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0);
            o += 20;
            a1 = FloatVector.fromArray(S, src, o).fma(w, a1);
            o += 20;
            a2 = FloatVector.fromArray(S, src, o).fma(w, a2);
            o += 20;
            a3 = FloatVector.fromArray(S, src, o).fma(w, a3);
            o += 20;
            a4 = FloatVector.fromArray(S, src, o).fma(w, a4);
            o += 20;
            a5 = FloatVector.fromArray(S, src, o).fma(w, a5);
            o += 20;
            a6 = FloatVector.fromArray(S, src, o).fma(w, a6);
            o += 20;
            a7 = FloatVector.fromArray(S, src, o).fma(w, a7);
            o += 20;
            a8 = FloatVector.fromArray(S, src, o).fma(w, a8);
            o += 20;
            a9 = FloatVector.fromArray(S, src, o).fma(w, a9);
            o += 20;
            a10 = FloatVector.fromArray(S, src, o).fma(w, a10);
            o += 20;
            a11 = FloatVector.fromArray(S, src, o).fma(w, a11);
            o += 20;
            a12 = FloatVector.fromArray(S, src, o).fma(w, a12);
            o += 20;
            a13 = FloatVector.fromArray(S, src, o).fma(w, a13);
            o += 20;
            a14 = FloatVector.fromArray(S, src, o).fma(w, a14);
            o += 20;
            a15 = FloatVector.fromArray(S, src, o).fma(w, a15);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + 1 * V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V);
        a5.intoArray(dst, d + 5 * V);
        a6.intoArray(dst, d + 6 * V);
        a7.intoArray(dst, d + 7 * V);
        a8.intoArray(dst, d + 8 * V);
        a9.intoArray(dst, d + 9 * V);
        a10.intoArray(dst, d + 10 * V);
        a11.intoArray(dst, d + 11 * V);
        a12.intoArray(dst, d + 12 * V);
        a13.intoArray(dst, d + 13 * V);
        a14.intoArray(dst, d + 14 * V);
        a15.intoArray(dst, d + 15 * V);
    }

    static void tileS18(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
                               float[] dst, int d, float b, boolean accumulate) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
        if (accumulate) {
            a0 = FloatVector.fromArray(S, dst, d);
            a1 = FloatVector.fromArray(S, dst, d + 1 * V);
            a2 = FloatVector.fromArray(S, dst, d + 2 * V);
            a3 = FloatVector.fromArray(S, dst, d + 3 * V);
            a4 = FloatVector.fromArray(S, dst, d + 4 * V);
            a5 = FloatVector.fromArray(S, dst, d + 5 * V);
            a6 = FloatVector.fromArray(S, dst, d + 6 * V);
            a7 = FloatVector.fromArray(S, dst, d + 7 * V);
            a8 = FloatVector.fromArray(S, dst, d + 8 * V);
            a9 = FloatVector.fromArray(S, dst, d + 9 * V);
            a10 = FloatVector.fromArray(S, dst, d + 10 * V);
            a11 = FloatVector.fromArray(S, dst, d + 11 * V);
            a12 = FloatVector.fromArray(S, dst, d + 12 * V);
            a13 = FloatVector.fromArray(S, dst, d + 13 * V);
            a14 = FloatVector.fromArray(S, dst, d + 14 * V);
            a15 = FloatVector.fromArray(S, dst, d + 15 * V);
        } else {
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = a12 = a13 = a14 = a15 = FloatVector.broadcast(S, b);
        }
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(S, vals[e]);
            int o = offs[e] + q;
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0);
            o += 18;
            a1 = FloatVector.fromArray(S, src, o).fma(w, a1);
            o += 18;
            a2 = FloatVector.fromArray(S, src, o).fma(w, a2);
            o += 18;
            a3 = FloatVector.fromArray(S, src, o).fma(w, a3);
            o += 18;
            a4 = FloatVector.fromArray(S, src, o).fma(w, a4);
            o += 18;
            a5 = FloatVector.fromArray(S, src, o).fma(w, a5);
            o += 18;
            a6 = FloatVector.fromArray(S, src, o).fma(w, a6);
            o += 18;
            a7 = FloatVector.fromArray(S, src, o).fma(w, a7);
            o += 18;
            a8 = FloatVector.fromArray(S, src, o).fma(w, a8);
            o += 18;
            a9 = FloatVector.fromArray(S, src, o).fma(w, a9);
            o += 18;
            a10 = FloatVector.fromArray(S, src, o).fma(w, a10);
            o += 18;
            a11 = FloatVector.fromArray(S, src, o).fma(w, a11);
            o += 18;
            a12 = FloatVector.fromArray(S, src, o).fma(w, a12);
            o += 18;
            a13 = FloatVector.fromArray(S, src, o).fma(w, a13);
            o += 18;
            a14 = FloatVector.fromArray(S, src, o).fma(w, a14);
            o += 18;
            a15 = FloatVector.fromArray(S, src, o).fma(w, a15);
        }
        a0.intoArray(dst, d);
        a1.intoArray(dst, d + 1 * V);
        a2.intoArray(dst, d + 2 * V);
        a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V);
        a5.intoArray(dst, d + 5 * V);
        a6.intoArray(dst, d + 6 * V);
        a7.intoArray(dst, d + 7 * V);
        a8.intoArray(dst, d + 8 * V);
        a9.intoArray(dst, d + 9 * V);
        a10.intoArray(dst, d + 10 * V);
        a11.intoArray(dst, d + 11 * V);
        a12.intoArray(dst, d + 12 * V);
        a13.intoArray(dst, d + 13 * V);
        a14.intoArray(dst, d + 14 * V);
        a15.intoArray(dst, d + 15 * V);
    }

}
