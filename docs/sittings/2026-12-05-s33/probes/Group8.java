/* Session 33: row8 over a 128-wide panel, one thread: whole rows (G0) against groups of G rows summed k block by
 * k block (KB columns). At 1024x1024, 10% dense, every grouping was slower (1.1-2.0 against 2.5 vFMA/ns aligned).
 * Usage: Group8 m k density [-Dal=0|12: the panel's start offset in floats]. */
import java.util.SplittableRandom;
import jdk.incubator.vector.*;
public class Group8 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED; static final int V = S.length(), W = 8 * V; static final int AL = Integer.getInteger("al", 12);
    static void row8(float[] vals, int[] offs, int p0, int p1, float[] src, float[] dst, int d, boolean acc) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7;
        if (acc) { a0 = FloatVector.fromArray(S, dst, d); a1 = FloatVector.fromArray(S, dst, d + V); a2 = FloatVector.fromArray(S, dst, d + 2 * V); a3 = FloatVector.fromArray(S, dst, d + 3 * V);
            a4 = FloatVector.fromArray(S, dst, d + 4 * V); a5 = FloatVector.fromArray(S, dst, d + 5 * V); a6 = FloatVector.fromArray(S, dst, d + 6 * V); a7 = FloatVector.fromArray(S, dst, d + 7 * V); }
        else a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = FloatVector.zero(S);
        for (int e = p0; e < p1; e++) { FloatVector w = FloatVector.broadcast(S, vals[e]); int o = offs[e];
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0); a1 = FloatVector.fromArray(S, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(S, src, o + 2 * V).fma(w, a2); a3 = FloatVector.fromArray(S, src, o + 3 * V).fma(w, a3);
            a4 = FloatVector.fromArray(S, src, o + 4 * V).fma(w, a4); a5 = FloatVector.fromArray(S, src, o + 5 * V).fma(w, a5);
            a6 = FloatVector.fromArray(S, src, o + 6 * V).fma(w, a6); a7 = FloatVector.fromArray(S, src, o + 7 * V).fma(w, a7); }
        a0.intoArray(dst, d); a1.intoArray(dst, d + V); a2.intoArray(dst, d + 2 * V); a3.intoArray(dst, d + 3 * V);
        a4.intoArray(dst, d + 4 * V); a5.intoArray(dst, d + 5 * V); a6.intoArray(dst, d + 6 * V); a7.intoArray(dst, d + 7 * V);
    }
    public static void main(String[] x) {
        int m = Integer.parseInt(x[0]), k = Integer.parseInt(x[1]); double dens = Double.parseDouble(x[2]);
        SplittableRandom r = new SplittableRandom(5);
        int[] rp = new int[m + 1]; int[] ci = new int[m * k]; int nnz = 0;
        for (int i = 0; i < m; i++) { for (int j = 0; j < k; j++) if (r.nextDouble() < dens) ci[nnz++] = j; rp[i + 1] = nnz; }
        float[] vals = new float[nnz]; int[] offs = new int[nnz]; for (int p = 0; p < nnz; p++) { vals[p] = (float) r.nextDouble(); offs[p] = ci[p] * W + AL; }
        float[] panel = new float[k * W + 16]; for (int i = 0; i < panel.length; i++) panel[i] = (float) r.nextDouble();
        float[] dst = new float[m * W + 16];
        int[][] gs = {{0, 0}, {16, 64}, {32, 32}, {32, 64}, {64, 32}, {64, 64}, {16, 32}, {8, 64}};
        // per (G, KB): starts[kb][t]
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            for (int[] gk : gs) {
                int G = gk[0], KB = gk[1];
                int nb = G == 0 ? 1 : (k + KB - 1) / KB;
                int[][] st = new int[nb + 1][m];
                for (int t = 0; t < m; t++) { int p = rp[t]; for (int b = 0; b <= nb; b++) { int lim = G == 0 ? (b == 0 ? 0 : k) : Math.min(k, b * KB); while (p < rp[t + 1] && ci[p] < lim) p++; st[b][t] = (b == nb) ? rp[t + 1] : p; } st[0][t] = rp[t]; }
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 15; rep++) {
                    long t0 = System.nanoTime();
                    for (int it = 0; it < 20; it++) {
                        if (G == 0) { for (int t = 0; t < m; t++) row8(vals, offs, rp[t], rp[t + 1], panel, dst, t * W + AL, false); }
                        else for (int g0 = 0; g0 < m; g0 += G) { int g1 = Math.min(m, g0 + G);
                            for (int b = 0; b < nb; b++) for (int t = g0; t < g1; t++) { int p0 = st[b][t], p1 = st[b + 1][t]; if (b > 0 && p0 == p1) continue; row8(vals, offs, p0, p1, panel, dst, t * W + AL, b > 0); } }
                    }
                    best = Math.min(best, System.nanoTime() - t0);
                }
                sb.append(String.format("G%d/K%d %.2f  ", G, KB, nnz * 8.0 * 20 / best));
            }
            System.out.println(sb + " vFMA/ns");
        }
    }
}
