import jdk.incubator.vector.*;
public class Deint {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final VectorMask<Float> EVEN;
    static final FloatVector IDX;
    static { boolean[] e = new boolean[L]; for (int i = 0; i < L; i += 2) e[i] = true; EVEN = VectorMask.fromArray(S, e, 0);
             float[] ix = new float[L]; for (int i = 0; i < L; i++) ix[i] = 2 * i; IDX = FloatVector.fromArray(S, ix, 0); }
    static void compress(float[] x, float[] p, int n) { for (int j = 0; j + L <= 2 * n; j += L) FloatVector.fromArray(S, x, j).compress(EVEN).intoArray(p, j / 2); }
    static void select(float[] x, float[] p, int n) { for (int j = 0; j + 2 * L <= 2 * n; j += 2 * L) IDX.selectFrom(FloatVector.fromArray(S, x, j), FloatVector.fromArray(S, x, j + L)).intoArray(p, j / 2); }
    static void scalar(float[] x, float[] p, int n) { for (int j = 0; j < n; j++) p[j] = x[2 * j]; }
    public static void main(String[] a) {
        int n = 4096; float[] x = new float[2 * n + 64], p = new float[n + 64], q = new float[n + 64], r = new float[n + 64];
        for (int i = 0; i < x.length; i++) x[i] = i;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime(); for (int k = 0; k < 20000; k++) compress(x, p, n);
            long t1 = System.nanoTime(); for (int k = 0; k < 20000; k++) select(x, q, n);
            long t2 = System.nanoTime(); for (int k = 0; k < 20000; k++) scalar(x, r, n);
            long t3 = System.nanoTime();
            System.out.printf("compress %.3f ns/out, select %.3f ns/out, scalar %.3f ns/out%n", (t1 - t0) / 20000.0 / n, (t2 - t1) / 20000.0 / n, (t3 - t2) / 20000.0 / n);
        }
        for (int i = 0; i < n; i++) if (p[i] != x[2 * i] || q[i] != x[2 * i]) throw new AssertionError(i + " " + p[i] + " " + q[i]);
    }
}
