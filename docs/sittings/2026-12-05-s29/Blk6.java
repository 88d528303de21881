package org.prune4j.simd;
/** Session 29: ShiftedWeights' blocks on L1- or L2-resident rows, one thread. args: k aRows bPlanes reps d. Written against the session's
 *  intermediate ShiftedWeights (package-private block4x6 and block4x4(lo, hi, d, ...)); 4x6 was not landed. */
public class Blk6 {
    public static void main(String[] x) {
        int k = Integer.parseInt(x[0]), aRows = Integer.parseInt(x[1]), planes = Integer.parseInt(x[2]), reps = Integer.parseInt(x[3]), d = Integer.parseInt(x[4]);
        int w = 32, framed = k + 2 * w, L = Sgemm.L;
        float[] a = new float[aRows * k + 64], b = new float[planes * framed + 64], acc = new float[24 * L * 64];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.1f; for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.1f;
        int ao = 16 + Math.floorMod(Aligned.offset(a) - d, 16), bo = 16 + Math.floorMod(Aligned.offset(b) - d, 16), co = Aligned.offset(acc);
        for (int r = 0; r < 10; r++) {
            long t0 = System.nanoTime();
            for (int rep = 0; rep < reps; rep++) for (int i = 0; i < aRows; i += 4) for (int p = 0; p < planes; p += 2) ShiftedWeights.block4x6(k, d, a, ao + i * k, k, b, bo + p * framed, framed, w, acc, co + (p % 32) * 24 * L);
            long t1 = System.nanoTime();
            for (int rep = 0; rep < reps; rep++) for (int i = 0; i < aRows; i += 4) for (int p = 0; p < planes; p += 4) for (int ky = 0; ky < 3; ky++) ShiftedWeights.block4x4(0, k, d, a, ao + i * k, k, b, bo + p * framed + ky * w, framed, acc, co + (p % 32) * 16 * L);
            long t2 = System.nanoTime();
            double f = (double) reps * aRows * planes * 3 * k / L;
            System.out.printf("k=%d aRows=%d planes=%d d=%d: 4x6 %.2f  4x4 %.2f vector FMA/ns%n", k, aRows, planes, d, f / (t1 - t0), f / (t2 - t1));
        }
    }
}
