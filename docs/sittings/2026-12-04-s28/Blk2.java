import jdk.incubator.vector.*;
public class Blk2 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED; static final int L = S.length();
    static float sink; static int AOFF = Integer.getInteger("aoff", 0), BOFF = Integer.getInteger("boff", 0);
    static void b44(int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float[] lanes) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z, s20 = z, s21 = z, s22 = z, s23 = z, s30 = z, s31 = z, s32 = z, s33 = z;
        for (int p = 0; p < k; p += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + p), b1 = FloatVector.fromArray(S, b, bi + ldb + p), b2 = FloatVector.fromArray(S, b, bi + 2 * ldb + p), b3 = FloatVector.fromArray(S, b, bi + 3 * ldb + p);
            FloatVector a0 = FloatVector.fromArray(S, a, ai + p); s00 = a0.fma(b0, s00); s01 = a0.fma(b1, s01); s02 = a0.fma(b2, s02); s03 = a0.fma(b3, s03);
            FloatVector a1 = FloatVector.fromArray(S, a, ai + lda + p); s10 = a1.fma(b0, s10); s11 = a1.fma(b1, s11); s12 = a1.fma(b2, s12); s13 = a1.fma(b3, s13);
            FloatVector a2 = FloatVector.fromArray(S, a, ai + 2 * lda + p); s20 = a2.fma(b0, s20); s21 = a2.fma(b1, s21); s22 = a2.fma(b2, s22); s23 = a2.fma(b3, s23);
            FloatVector a3 = FloatVector.fromArray(S, a, ai + 3 * lda + p); s30 = a3.fma(b0, s30); s31 = a3.fma(b1, s31); s32 = a3.fma(b2, s32); s33 = a3.fma(b3, s33);
        }
        sink += s00.add(s01).add(s02).add(s03).add(s10).add(s11).add(s12).add(s13).add(s20).add(s21).add(s22).add(s23).add(s30).add(s31).add(s32).add(s33).reduceLanes(VectorOperators.ADD);
    }
    static void b46(int k, float[] a, int ai, int lda, float[] b, int bi, int ldb, float[] lanes) {
        FloatVector z = FloatVector.zero(S);
        FloatVector s00 = z, s01 = z, s02 = z, s03 = z, s04 = z, s05 = z, s10 = z, s11 = z, s12 = z, s13 = z, s14 = z, s15 = z;
        FloatVector s20 = z, s21 = z, s22 = z, s23 = z, s24 = z, s25 = z, s30 = z, s31 = z, s32 = z, s33 = z, s34 = z, s35 = z;
        for (int p = 0; p < k; p += L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + p), b1 = FloatVector.fromArray(S, b, bi + ldb + p), b2 = FloatVector.fromArray(S, b, bi + 2 * ldb + p);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * ldb + p), b4 = FloatVector.fromArray(S, b, bi + 4 * ldb + p), b5 = FloatVector.fromArray(S, b, bi + 5 * ldb + p);
            FloatVector a0 = FloatVector.fromArray(S, a, ai + p); s00 = a0.fma(b0, s00); s01 = a0.fma(b1, s01); s02 = a0.fma(b2, s02); s03 = a0.fma(b3, s03); s04 = a0.fma(b4, s04); s05 = a0.fma(b5, s05);
            FloatVector a1 = FloatVector.fromArray(S, a, ai + lda + p); s10 = a1.fma(b0, s10); s11 = a1.fma(b1, s11); s12 = a1.fma(b2, s12); s13 = a1.fma(b3, s13); s14 = a1.fma(b4, s14); s15 = a1.fma(b5, s15);
            FloatVector a2 = FloatVector.fromArray(S, a, ai + 2 * lda + p); s20 = a2.fma(b0, s20); s21 = a2.fma(b1, s21); s22 = a2.fma(b2, s22); s23 = a2.fma(b3, s23); s24 = a2.fma(b4, s24); s25 = a2.fma(b5, s25);
            FloatVector a3 = FloatVector.fromArray(S, a, ai + 3 * lda + p); s30 = a3.fma(b0, s30); s31 = a3.fma(b1, s31); s32 = a3.fma(b2, s32); s33 = a3.fma(b3, s33); s34 = a3.fma(b4, s34); s35 = a3.fma(b5, s35);
        }
        sink += s00.add(s01).add(s02).add(s03).add(s04).add(s05).add(s10).add(s11).add(s12).add(s13).add(s14).add(s15).add(s20).add(s21).add(s22).add(s23).add(s24).add(s25).add(s30).add(s31).add(s32).add(s33).add(s34).add(s35).reduceLanes(VectorOperators.ADD);
    }
    public static void main(String[] x) {
        int m = 64, n = 48, k = Integer.parseInt(x[0]);
        float[] a = new float[m * k], b = new float[n * k], lanes = new float[L];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) * 0.1f; for (int i = 0; i < b.length; i++) b[i] = (i % 5) * 0.1f;
        for (int r = 0; r < 8; r++) {
            long t0 = System.nanoTime();
            for (int rep = 0; rep < 20; rep++) for (int j = 0; j < n; j += 4) for (int i = 0; i < m; i += 4) b44(k - 16, a, i * k + AOFF, k, b, j * k + BOFF, k, lanes);
            long t1 = System.nanoTime();
            for (int rep = 0; rep < 20; rep++) for (int j = 0; j < n; j += 6) for (int i = 0; i < m; i += 4) b44(k - 16, a, i * k, k, b, j * k, k, lanes);
            long t2 = System.nanoTime();
            double f = 20.0 * m * n * k / L;
            System.out.printf("k=%d off %.2f  aligned %.2f vector FMA/ns%n", k, f / (t1 - t0), f / (t2 - t1));
        }
    }
}
