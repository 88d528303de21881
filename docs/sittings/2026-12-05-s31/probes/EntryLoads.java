package org.prune4j.simd.sparse;

import jdk.incubator.vector.*;

/**
 * Session 31: one thread, entries of one broadcast and w vector loads at random rows of a panel (rows × w vectors),
 * w = 2 or 4 (forms tried here, four and two entries at a time) or 8 ({@link ShiftedSum#row8}, the kernel's own).
 * -Doff= shifts every row start by that many floats (which offset puts them on lines depends on the array's address,
 * which changes from JVM to JVM: try several and several runs); -Dacc=true has row8 start from dst. Compile against
 * kernels-simd's classes. The runs in the README were taken with a copy of row8's loop that summed its eight
 * accumulators at the end; with the kernel's own row8 (after the session, 07:48 UTC) the best runs read 4.11–4.15
 * vector FMA/ns, the others 2.0–2.8 (rows off their lines in that JVM).
 */
public class EntryLoads {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int V = 16;
    public static void main(String[] a) {
        int off = Integer.getInteger("off", 0), rows = Integer.getInteger("rows", 256), w = Integer.getInteger("w", 2);
        float[] src = new float[rows * w * V + 64];
        for (int i = 0; i < src.length; i++) src[i] = i * 1e-6f;
        int ne = 4096;
        int[] offs = new int[ne]; float[] vals = new float[ne];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < ne; i++) { offs[i] = off + r.nextInt(rows) * w * V; vals[i] = (float) r.nextDouble(); }
        float[] dst = new float[8 * 16];
        for (int round = 0; round < 8; round++) {
            long t = System.nanoTime();
            int it = 20000;
            for (int i = 0; i < it; i++) { if (w == 2) row2(vals, offs, 0, ne, src, 0, dst, 0); else if (w == 4) row4(vals, offs, 0, ne, src, 0, dst, 0); else ShiftedSum.row8(vals, offs, 0, ne, src, 0, dst, 0, 0f, Boolean.getBoolean("acc")); }
            double ns = System.nanoTime() - t;
            System.out.printf("w=%d rows=%d off=%d: %.2f vFMA/ns %f%n", w, rows, off, (double) it * ne * w / ns, dst[0]);
        }
    }
    static void row2(float[] vals, int[] offs, int p0, int p1, float[] src, int s, float[] dst, int d) {
        var z = FloatVector.zero(S);
        FloatVector a0 = z, a1 = z, b0 = z, b1 = z, c0 = z, c1 = z, d0 = z, d1 = z;
        int e = p0;
        for (; e + 4 <= p1; e += 4) {
            FloatVector w0 = FloatVector.broadcast(S, vals[e]);
            FloatVector w1 = FloatVector.broadcast(S, vals[e + 1]);
            FloatVector w2 = FloatVector.broadcast(S, vals[e + 2]);
            FloatVector w3 = FloatVector.broadcast(S, vals[e + 3]);
            int o0 = s + offs[e], o1 = s + offs[e + 1], o2 = s + offs[e + 2], o3 = s + offs[e + 3];
            a0 = FloatVector.fromArray(S, src, o0).fma(w0, a0);
            a1 = FloatVector.fromArray(S, src, o0 + V).fma(w0, a1);
            b0 = FloatVector.fromArray(S, src, o1).fma(w1, b0);
            b1 = FloatVector.fromArray(S, src, o1 + V).fma(w1, b1);
            c0 = FloatVector.fromArray(S, src, o2).fma(w2, c0);
            c1 = FloatVector.fromArray(S, src, o2 + V).fma(w2, c1);
            d0 = FloatVector.fromArray(S, src, o3).fma(w3, d0);
            d1 = FloatVector.fromArray(S, src, o3 + V).fma(w3, d1);
        }
        a0.add(b0).add(c0.add(d0)).add(FloatVector.fromArray(S, dst, d)).intoArray(dst, d);
        a1.add(b1).add(c1.add(d1)).add(FloatVector.fromArray(S, dst, d + V)).intoArray(dst, d + V);
    }
    static void row4(float[] vals, int[] offs, int p0, int p1, float[] src, int s, float[] dst, int d) {
        var z = FloatVector.zero(S);
        FloatVector a0 = z, a1 = z, a2 = z, a3 = z, b0 = z, b1 = z, b2 = z, b3 = z;
        int e = p0;
        for (; e + 2 <= p1; e += 2) {
            FloatVector w0 = FloatVector.broadcast(S, vals[e]);
            FloatVector w1 = FloatVector.broadcast(S, vals[e + 1]);
            int o0 = s + offs[e], o1 = s + offs[e + 1];
            a0 = FloatVector.fromArray(S, src, o0).fma(w0, a0);
            a1 = FloatVector.fromArray(S, src, o0 + V).fma(w0, a1);
            a2 = FloatVector.fromArray(S, src, o0 + 2 * V).fma(w0, a2);
            a3 = FloatVector.fromArray(S, src, o0 + 3 * V).fma(w0, a3);
            b0 = FloatVector.fromArray(S, src, o1).fma(w1, b0);
            b1 = FloatVector.fromArray(S, src, o1 + V).fma(w1, b1);
            b2 = FloatVector.fromArray(S, src, o1 + 2 * V).fma(w1, b2);
            b3 = FloatVector.fromArray(S, src, o1 + 3 * V).fma(w1, b3);
        }
        a0.add(b0).add(a1.add(b1)).add(a2.add(b2)).add(a3.add(b3)).add(FloatVector.fromArray(S, dst, d)).intoArray(dst, d);
    }
}
