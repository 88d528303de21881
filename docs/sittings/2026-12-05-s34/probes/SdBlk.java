/* Session 34: the Linear SDDMM (dots of eight vectors) with B = Xt (k x 128, 512 KB at k = 1024) read whole (every
 * row's entries in one pass, B from L2) against k blocks of KB rows of B (all pattern rows' entries in a block, then
 * the next block: B's block from L1, A's rows reloaded per block). One thread. Usage: SdBlk m k density */
import java.util.SplittableRandom;
import jdk.incubator.vector.*;
public class SdBlk {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED; static final int V = S.length();
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
    public static void main(String[] x) {
        int m = Integer.parseInt(x[0]), k = Integer.parseInt(x[1]); double dens = Double.parseDouble(x[2]);
        SplittableRandom r = new SplittableRandom(5);
        int[] rp = new int[m + 1]; int[] ci = new int[m * k]; int nnz = 0;
        for (int i = 0; i < m; i++) { for (int j = 0; j < k; j++) if (r.nextDouble() < dens) ci[nnz++] = j; rp[i + 1] = nnz; }
        float[] a = new float[m * 8 * V], b = new float[k * 8 * V]; for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble(); for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble();
        int[] offs = new int[nnz]; for (int p = 0; p < nnz; p++) offs[p] = ci[p] * 8 * V;
        double[] acc = new double[nnz], ref = null;
        int[] kbs = {0, 16, 32, 48, 64, 96, 128, 256};
        for (int round = 0; round < 5; round++) {
            StringBuilder sb = new StringBuilder();
            for (int KB : kbs) {
                int nb = KB == 0 ? 1 : (k + KB - 1) / KB; int[][] st = new int[nb + 1][m];
                for (int t = 0; t < m; t++) { int p = rp[t]; for (int bb = 0; bb <= nb; bb++) { int lim = KB == 0 ? (bb == 0 ? 0 : k) : Math.min(k, bb * KB); while (p < rp[t + 1] && ci[p] < lim) p++; st[bb][t] = bb == nb ? rp[t + 1] : p; } st[0][t] = rp[t]; }
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 15; rep++) { java.util.Arrays.fill(acc, 0); long t0 = System.nanoTime();
                    for (int bb = 0; bb < nb; bb++) for (int i = 0; i < m; i++) { int p0 = st[bb][i], p1 = st[bb + 1][i]; if (p0 < p1) eight(a, i * 8 * V, b, offs, p0, p1, acc); }
                    best = Math.min(best, System.nanoTime() - t0); }
                if (ref == null) ref = acc.clone(); else if (!java.util.Arrays.equals(ref, acc)) throw new AssertionError("KB " + KB);
                sb.append(String.format("KB%d %.2f  ", KB, best / (double) nnz));
            }
            System.out.println(sb + " ns/entry");
        }
    }
}
