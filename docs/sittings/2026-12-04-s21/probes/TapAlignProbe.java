package org.prune4j.simd.sparse;

import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.simd.Aligned;

/**
 * Session 21: the 16-wide 3x3 layers' register tile (ShiftedSum.tile16x1: 16 rows of one vector, one weight entry
 * = 16 loads + 16 FMAs) over a fold of phase-padded images, with the tap offsets of today's layout (rows 32 floats
 * apart, the kx = 0 and 2 taps one float off the line, so their loads split two lines) against the same loop on
 * rows 48 floats apart holding three copies of each row, shifted by kx, each starting a line (every load whole).
 * Also the 32-stride loop with every tap on a line (wrong sums, the bound on what alignment alone could give).
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ".:<jar>/lib/*" \
 *     org.prune4j.simd.sparse.TapAlignProbe cin cout images density reps
 */
public final class TapAlignProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int V = 16;

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
        int rows = 18;
        int[][] deltas = new int[3][nnz];
        int[] strides = {32, 32, 48};
        int[] planes = new int[3];
        for (int v = 0; v < 3; v++) {
            planes[v] = rows * strides[v];
            for (int e = 0; e < nnz; e++) {
                int ci = tap[e] / 9, ky = tap[e] % 9 / 3, kx = tap[e] % 3;
                int col = v == 0 ? kx - 1 : v == 1 ? 0 : kx * V;
                deltas[v][e] = ci * planes[v] + ky * strides[v] + col;
            }
        }
        float[][] bufs = new float[3][];
        int[] b0 = new int[3];
        for (int v = 0; v < 3; v++) {
            bufs[v] = new float[images * cin * planes[v] + 64 + Aligned.SLACK];
            for (int i = 0; i < bufs[v].length; i++) bufs[v][i] = rnd.nextFloat();
            b0[v] = Aligned.offset(bufs[v]) + 16; // room for the -1 tap
        }
        float[] y = new float[images * cout * 256 + Aligned.SLACK];
        int y0 = Aligned.offset(y);
        int blockCh = Integer.getInteger("block", 8);
        int[] starts = ColumnBlocks.starts(ptr, tap, cout, cin * 9, blockCh * 9);
        String[] names = {"s32 taps off the line", "s32 all on lines (bound)", "s48 shifted copies", "s32 in channel blocks"};
        double fma = (double) nnz * 16 * images;
        for (int round = 0; round < 8; round++) {
            StringBuilder sb = new StringBuilder();
            for (int v = 0; v < 4; v++) {
                long t = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    if (v == 3) blocked(vals, deltas[0], starts, cout, images, cin * planes[0], bufs[0], b0[0], y, y0);
                    else run(v, vals, deltas[v], ptr, cout, images, cin * planes[v], bufs[v], b0[v], y, y0);
                }
                double ns = (System.nanoTime() - t) / (double) reps;
                sb.append(String.format("%s %.3f ms %.2f FMA/ns | ", names[v], ns / 1e6, fma / ns));
            }
            System.out.println(sb);
        }
    }

    static void blocked(float[] vals, int[] d, int[] starts, int cout, int images, int image, float[] buf, int b0, float[] y, int y0) {
        int nb = ColumnBlocks.count(starts, cout);
        for (int img = 0; img < images; img++) {
            for (int kb = 0; kb < nb; kb++) {
                for (int co = 0; co < cout; co++) {
                    int yo = y0 + (img * cout + co) * 256;
                    int p0 = starts[kb * cout + co], p1 = starts[(kb + 1) * cout + co];
                    if (kb > 0 && p0 == p1) continue;
                    tileS32(vals, d, p0, p1, buf, b0 + img * image, y, yo, 0f, kb > 0);
                }
            }
        }
    }

    static void run(int v, float[] vals, int[] d, int[] ptr, int cout, int images, int image, float[] buf, int b0, float[] y, int y0) {
        for (int img = 0; img < images; img++) {
            for (int co = 0; co < cout; co++) {
                int yo = y0 + (img * cout + co) * 256;
                if (v == 2) tileS48(vals, d, ptr[co], ptr[co + 1], buf, b0 + img * image, y, yo, 0f, false);
                else tileS32(vals, d, ptr[co], ptr[co + 1], buf, b0 + img * image, y, yo, 0f, false);
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

    static void tileS48(float[] vals, int[] offs, int p0, int p1, float[] src, int q,
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
            o += 48;
            a1 = FloatVector.fromArray(S, src, o).fma(w, a1);
            o += 48;
            a2 = FloatVector.fromArray(S, src, o).fma(w, a2);
            o += 48;
            a3 = FloatVector.fromArray(S, src, o).fma(w, a3);
            o += 48;
            a4 = FloatVector.fromArray(S, src, o).fma(w, a4);
            o += 48;
            a5 = FloatVector.fromArray(S, src, o).fma(w, a5);
            o += 48;
            a6 = FloatVector.fromArray(S, src, o).fma(w, a6);
            o += 48;
            a7 = FloatVector.fromArray(S, src, o).fma(w, a7);
            o += 48;
            a8 = FloatVector.fromArray(S, src, o).fma(w, a8);
            o += 48;
            a9 = FloatVector.fromArray(S, src, o).fma(w, a9);
            o += 48;
            a10 = FloatVector.fromArray(S, src, o).fma(w, a10);
            o += 48;
            a11 = FloatVector.fromArray(S, src, o).fma(w, a11);
            o += 48;
            a12 = FloatVector.fromArray(S, src, o).fma(w, a12);
            o += 48;
            a13 = FloatVector.fromArray(S, src, o).fma(w, a13);
            o += 48;
            a14 = FloatVector.fromArray(S, src, o).fma(w, a14);
            o += 48;
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
