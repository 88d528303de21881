import jdk.incubator.vector.*;
/** L1 ceiling: FMAs each fed by one 512-bit load, with affine addresses vs addresses from an index array. */
public class LoadFma {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static float affine(float[] a, int off, int n, int reps) {
        FloatVector w = FloatVector.broadcast(S, 1.0001f);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int r = 0; r < reps; r++)
            for (int i = off; i + 128 <= n; i += 128) {
                a0 = FloatVector.fromArray(S, a, i).fma(w, a0); a1 = FloatVector.fromArray(S, a, i + 16).fma(w, a1);
                a2 = FloatVector.fromArray(S, a, i + 32).fma(w, a2); a3 = FloatVector.fromArray(S, a, i + 48).fma(w, a3);
                a4 = FloatVector.fromArray(S, a, i + 64).fma(w, a4); a5 = FloatVector.fromArray(S, a, i + 80).fma(w, a5);
                a6 = FloatVector.fromArray(S, a, i + 96).fma(w, a6); a7 = FloatVector.fromArray(S, a, i + 112).fma(w, a7);
            }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
    /** like RowTapConv.rows: per entry one broadcast weight, an offset from an int array, 4 rows rs apart; 2 entries per step. */
    static float indexed(float[] a, float[] vals, int[] delta, int m, int rs, int reps) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int r = 0; r < reps; r++)
            for (int j = 0; j + 1 < m; j += 2) {
                FloatVector wa = FloatVector.broadcast(S, vals[j]), wb = FloatVector.broadcast(S, vals[j + 1]);
                int p = delta[j], q = delta[j + 1];
                a0 = FloatVector.fromArray(S, a, p).fma(wa, a0); a1 = FloatVector.fromArray(S, a, p + rs).fma(wa, a1);
                a2 = FloatVector.fromArray(S, a, p + 2 * rs).fma(wa, a2); a3 = FloatVector.fromArray(S, a, p + 3 * rs).fma(wa, a3);
                b0 = FloatVector.fromArray(S, a, q).fma(wb, b0); b1 = FloatVector.fromArray(S, a, q + rs).fma(wb, b1);
                b2 = FloatVector.fromArray(S, a, q + 2 * rs).fma(wb, b2); b3 = FloatVector.fromArray(S, a, q + 3 * rs).fma(wb, b3);
            }
        return a0.add(a1).add(a2).add(a3).add(b0).add(b1).add(b2).add(b3).reduceLanes(VectorOperators.ADD);
    }
    /** like RowTapConv.rows: per entry one broadcast weight, an offset from an int array, 4 rows rs apart; 2 entries per step. */
    static float indexedConst(float[] a, float[] vals, int[] delta, int m, int reps) {
        final int rs = 96;
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int r = 0; r < reps; r++)
            for (int j = 0; j + 1 < m; j += 2) {
                FloatVector wa = FloatVector.broadcast(S, vals[j]), wb = FloatVector.broadcast(S, vals[j + 1]);
                int p = delta[j], q = delta[j + 1];
                a0 = FloatVector.fromArray(S, a, p).fma(wa, a0); a1 = FloatVector.fromArray(S, a, p + rs).fma(wa, a1);
                a2 = FloatVector.fromArray(S, a, p + 2 * rs).fma(wa, a2); a3 = FloatVector.fromArray(S, a, p + 3 * rs).fma(wa, a3);
                b0 = FloatVector.fromArray(S, a, q).fma(wb, b0); b1 = FloatVector.fromArray(S, a, q + rs).fma(wb, b1);
                b2 = FloatVector.fromArray(S, a, q + 2 * rs).fma(wb, b2); b3 = FloatVector.fromArray(S, a, q + 3 * rs).fma(wb, b3);
            }
        return a0.add(a1).add(a2).add(a3).add(b0).add(b1).add(b2).add(b3).reduceLanes(VectorOperators.ADD);
    }
    static float indexedSwitch(float[] a, float[] vals, int[] delta, int m, int rsv, boolean cst, int reps) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        for (int r = 0; r < reps; r++)
            for (int j = 0; j + 1 < m; j += 2) {
                FloatVector wa = FloatVector.broadcast(S, vals[j]), wb = FloatVector.broadcast(S, vals[j + 1]);
                int p = delta[j], q = delta[j + 1];
                int rs;
                if (cst) rs = 96; else rs = rsv;
                a0 = FloatVector.fromArray(S, a, p).fma(wa, a0); a1 = FloatVector.fromArray(S, a, p + rs).fma(wa, a1);
                a2 = FloatVector.fromArray(S, a, p + 2 * rs).fma(wa, a2); a3 = FloatVector.fromArray(S, a, p + 3 * rs).fma(wa, a3);
                b0 = FloatVector.fromArray(S, a, q).fma(wb, b0); b1 = FloatVector.fromArray(S, a, q + rs).fma(wb, b1);
                b2 = FloatVector.fromArray(S, a, q + 2 * rs).fma(wb, b2); b3 = FloatVector.fromArray(S, a, q + 3 * rs).fma(wb, b3);
            }
        return a0.add(a1).add(a2).add(a3).add(b0).add(b1).add(b2).add(b3).reduceLanes(VectorOperators.ADD);
    }
    public static void main(String[] x) {
        int n = 4096; // 16 KB
        float[] a = new float[n + 64];
        for (int i = 0; i < a.length; i++) a[i] = i % 7;
        int off = Boolean.getBoolean("mis") ? 0 : org.prune4j.simd.Aligned.offset(a);
        int m = 4000, rs = 3 * 16 * 2; java.util.Random r = new java.util.Random(1);
        int[] delta = new int[m]; float[] vals = new float[m];
        for (int j = 0; j < m; j++) { delta[j] = off + r.nextInt((n - 3 * rs - 16) / 16) * 16; vals[j] = r.nextFloat(); }
        float sink = 0;
        for (int round = 0; round < 12; round++) {
            long t0 = System.nanoTime(); for (int q = 0; q < 2000; q++) sink += affine(a, off, n, 10); long t1 = System.nanoTime();
            for (int q = 0; q < 500; q++) sink += indexed(a, vals, delta, m, rs, 10); long t2 = System.nanoTime();
            for (int q = 0; q < 500; q++) sink += indexedConst(a, vals, delta, m, 10); long t3 = System.nanoTime();
            for (int q = 0; q < 500; q++) sink += indexedSwitch(a, vals, delta, m, 96, (q & 1) == 0, 10); long t4 = System.nanoTime();
            double fs = 5000.0 * m * 4 / (t4 - t3);
            double fa = 20000.0 * (n / 16) / (t1 - t0), fi = 5000.0 * m * 4 / (t2 - t1), fc = 5000.0 * m * 4 / (t3 - t2);
            System.out.printf("affine %.2f FMA/ns   indexed %.2f FMA/ns  const rs %.2f  switch %.2f%n", fa, fi, fc, fs);
        }
        System.out.println(sink);
    }
}
