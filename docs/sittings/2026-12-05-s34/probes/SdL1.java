/* Session 34: the Linear SDDMM's eight-vector dot loop (ShiftedDot.eightVectors), one thread, with B's rows drawn
 * from the first R rows (R=1024: the real 512 KB; R=48: L1) to split memory from compute. Usage: SdL1 m k density */
import java.util.SplittableRandom;
import jdk.incubator.vector.*;
public class SdL1 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED; static final int V = S.length(); static final int AL = Integer.getInteger("al", 12);
    static final VectorShuffle<Float> W1 = VectorShuffle.fromOp(S, i -> i ^ 1), W2 = VectorShuffle.fromOp(S, i -> i ^ 2), W4 = VectorShuffle.fromOp(S, i -> i ^ 4), W8 = VectorShuffle.fromOp(S, i -> i ^ 8);
    static float sum(FloatVector v) { v = v.add(v.rearrange(W8)); v = v.add(v.rearrange(W4)); v = v.add(v.rearrange(W2)); v = v.add(v.rearrange(W1)); return v.lane(0); }
    static void eight(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, double[] acc) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V), a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V), a6 = FloatVector.fromArray(S, a, aOff + 6 * V), a7 = FloatVector.fromArray(S, a, aOff + 7 * V);
        for (int p = p0; p < p1; p++) { int o = offs[p];
            FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s); t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
            s = FloatVector.fromArray(S, b, o + 6 * V).fma(a6, s); t = FloatVector.fromArray(S, b, o + 7 * V).fma(a7, t);
            acc[p] += sum(s.add(t)); }
    }
    // no reduction: store s+t into a float array of vectors (memory/compute of the loads+FMAs alone)
    static void eightNoSum(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, float[] outv) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V), a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V), a6 = FloatVector.fromArray(S, a, aOff + 6 * V), a7 = FloatVector.fromArray(S, a, aOff + 7 * V);
        FloatVector z = FloatVector.zero(S);
        for (int p = p0; p < p1; p++) { int o = offs[p];
            FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
            FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
            s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s); t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
            s = FloatVector.fromArray(S, b, o + 6 * V).fma(a6, s); t = FloatVector.fromArray(S, b, o + 7 * V).fma(a7, t);
            z = z.add(s.add(t)); }
        z.intoArray(outv, 0);
    }
    public static void main(String[] x) {
        int m = Integer.parseInt(x[0]), k = Integer.parseInt(x[1]); double dens = Double.parseDouble(x[2]);
        SplittableRandom r = new SplittableRandom(5);
        int[] rp = new int[m + 1]; int[] ci = new int[m * k]; int nnz = 0;
        for (int i = 0; i < m; i++) { for (int j = 0; j < k; j++) if (r.nextDouble() < dens) ci[nnz++] = j; rp[i + 1] = nnz; }
        float[] a = new float[m * 8 * V + 16], b = new float[k * 8 * V + 16]; for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(); for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble();
        double[] acc = new double[nnz]; float[] outv = new float[V];
        int[] rows = {1024, 256, 64, 32};
        for (int round = 0; round < 5; round++) {
            StringBuilder sb = new StringBuilder();
            for (int R : rows) for (int mode = 0; mode < 2; mode++) {
                int[] offs = new int[nnz]; for (int p = 0; p < nnz; p++) offs[p] = (ci[p] % R) * 8 * V + AL;
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 15; rep++) { long t0 = System.nanoTime();
                    for (int i = 0; i < m; i++) if (mode == 0) eight(a, i * 8 * V + AL, b, offs, rp[i], rp[i + 1], acc); else eightNoSum(a, i * 8 * V + AL, b, offs, rp[i], rp[i + 1], outv);
                    best = Math.min(best, System.nanoTime() - t0); }
                sb.append(String.format("R%d%s %.2f ns/e  ", R, mode == 0 ? "" : "-nosum", best / (double) nnz));
            }
            System.out.println(sb);
        }
    }
}
