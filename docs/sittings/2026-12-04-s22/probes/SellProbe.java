import java.util.Random;
import jdk.incubator.vector.*;

/** Session 22: SELL-8 slices over a 16-wide batch panel, k-blocked so the panel block sits in L1, against row8 over a 128-wide panel. One thread. */
public class SellProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int V = 16;
    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]);
        double density = Double.parseDouble(a[2]);
        int kb = Integer.parseInt(a[3]), reps = Integer.parseInt(a[4]);
        boolean sort = Boolean.getBoolean("sort");
        Random rnd = new Random(7);
        int[] ptr = new int[m + 1];
        int[] ci = new int[(int) (m * k * density * 1.3) + 16];
        int nnz = 0;
        for (int r = 0; r < m; r++) { for (int c = 0; c < k; c++) if (rnd.nextDouble() < density) ci[nnz++] = c; ptr[r + 1] = nnz; }
        float[] vals = new float[nnz];
        for (int e = 0; e < nnz; e++) vals[e] = rnd.nextFloat() - 0.5f;
        // SELL-8 per k block
        int groups = (m + 7) / 8, blocks = (k + kb - 1) / kb;
        int[] start = new int[groups * blocks + 1], width = new int[groups * blocks];
        int total = 0;
        int[] cursor = new int[m];
        for (int r = 0; r < m; r++) cursor[r] = ptr[r];
        // count widths
        int[][] cnt = new int[blocks][m];
        for (int r = 0; r < m; r++) for (int e = ptr[r]; e < ptr[r + 1]; e++) cnt[ci[e] / kb][r]++;
        for (int b = 0; b < blocks; b++) for (int g = 0; g < groups; g++) {
            int wmax = 0; for (int r = g * 8; r < Math.min(m, g * 8 + 8); r++) wmax = Math.max(wmax, cnt[b][r]);
            width[b * groups + g] = wmax; start[b * groups + g] = total; total += wmax * 8;
        }
        float[] sv = new float[total]; int[] so = new int[total];
        for (int b = 0; b < blocks; b++) for (int g = 0; g < groups; g++) {
            int st = start[b * groups + g];
            for (int rr = 0; rr < 8; rr++) {
                int r = g * 8 + rr, s = 0;
                if (r < m) for (int e = ptr[r]; e < ptr[r + 1]; e++) if (ci[e] / kb == b) { sv[st + s * 8 + rr] = vals[e]; so[st + s * 8 + rr] = (ci[e] - b * kb) * V; s++; }
                for (; s < width[b * groups + g]; s++) { sv[st + s * 8 + rr] = 0f; so[st + s * 8 + rr] = 0; }
            }
        }
        System.out.printf("nnz %d, SELL slots %d (%.1f%% padding)%n", nnz, total, 100.0 * (total - nnz) / nnz);
        // panels: 8 batch panels of 16, each as [k][16]
        float[] panel = new float[8 * k * V + 64];
        for (int i = 0; i < panel.length; i++) panel[i] = rnd.nextFloat();
        float[] acc = new float[8 * m * V + 64];
        double fma = (double) nnz * 8;
        for (int round = 0; round < 8; round++) {
            long t = System.nanoTime();
            for (int rep = 0; rep < reps; rep++)
                for (int p = 0; p < 8; p++) {
                    int pb = p * k * V;
                    for (int b = 0; b < blocks; b++)
                        for (int g = 0; g < groups; g++)
                            slice(sv, so, start[b * groups + g], width[b * groups + g], panel, pb + b * kb * V, acc, (p * m + g * 8) * V, b > 0);
                }
            double ns = (System.nanoTime() - t) / (double) reps;
            System.out.printf("sell kb=%d %.3f ms %.2f FMA/ns%n", kb, ns / 1e6, fma / ns);
        }
    }
    static void slice(float[] sv, int[] so, int st, int w, float[] panel, int pb, float[] acc, int ai, boolean add) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7;
        if (add) {
            a0 = FloatVector.fromArray(S, acc, ai); a1 = FloatVector.fromArray(S, acc, ai + V); a2 = FloatVector.fromArray(S, acc, ai + 2 * V); a3 = FloatVector.fromArray(S, acc, ai + 3 * V);
            a4 = FloatVector.fromArray(S, acc, ai + 4 * V); a5 = FloatVector.fromArray(S, acc, ai + 5 * V); a6 = FloatVector.fromArray(S, acc, ai + 6 * V); a7 = FloatVector.fromArray(S, acc, ai + 7 * V);
        } else { a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = FloatVector.zero(S); }
        for (int s = st, end = st + w * 8; s < end; s += 8) {
            a0 = FloatVector.fromArray(S, panel, pb + so[s]).fma(FloatVector.broadcast(S, sv[s]), a0);
            a1 = FloatVector.fromArray(S, panel, pb + so[s + 1]).fma(FloatVector.broadcast(S, sv[s + 1]), a1);
            a2 = FloatVector.fromArray(S, panel, pb + so[s + 2]).fma(FloatVector.broadcast(S, sv[s + 2]), a2);
            a3 = FloatVector.fromArray(S, panel, pb + so[s + 3]).fma(FloatVector.broadcast(S, sv[s + 3]), a3);
            a4 = FloatVector.fromArray(S, panel, pb + so[s + 4]).fma(FloatVector.broadcast(S, sv[s + 4]), a4);
            a5 = FloatVector.fromArray(S, panel, pb + so[s + 5]).fma(FloatVector.broadcast(S, sv[s + 5]), a5);
            a6 = FloatVector.fromArray(S, panel, pb + so[s + 6]).fma(FloatVector.broadcast(S, sv[s + 6]), a6);
            a7 = FloatVector.fromArray(S, panel, pb + so[s + 7]).fma(FloatVector.broadcast(S, sv[s + 7]), a7);
        }
        a0.intoArray(acc, ai); a1.intoArray(acc, ai + V); a2.intoArray(acc, ai + 2 * V); a3.intoArray(acc, ai + 3 * V);
        a4.intoArray(acc, ai + 4 * V); a5.intoArray(acc, ai + 5 * V); a6.intoArray(acc, ai + 6 * V); a7.intoArray(acc, ai + 7 * V);
    }
}
