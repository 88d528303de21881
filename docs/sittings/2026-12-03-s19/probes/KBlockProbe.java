package org.prune4j.simd.sparse;
import org.prune4j.simd.Aligned;
import java.util.Random;
/** Sum phase of the sparse Linear: whole-panel rows (as now) vs all rows per k block of the panel (L1-resident). */
public class KBlockProbe {
    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]); double sp = Double.parseDouble(a[2]); int reps = Integer.parseInt(a[3]);
        int[] kbs = java.util.Arrays.stream(System.getProperty("kb", "32,64,128").split(",")).mapToInt(Integer::parseInt).toArray();
        int W = 128, V = ShiftedSum.V;
        Random r = new Random(5);
        int[] ptr = new int[m + 1]; int nnz = 0;
        int[] colsAll = new int[m * k]; float[] valsAll = new float[m * k];
        for (int o = 0; o < m; o++) { for (int j = 0; j < k; j++) if (r.nextDouble() >= sp) { colsAll[nnz] = j; valsAll[nnz++] = r.nextFloat() - .5f; } ptr[o + 1] = nnz; }
        int[] col = java.util.Arrays.copyOf(colsAll, nnz); float[] vals = java.util.Arrays.copyOf(valsAll, nnz);
        int[] offs = new int[nnz]; for (int e = 0; e < nnz; e++) offs[e] = col[e] * W;
        float[] panel = new float[k * W + 64]; int b0 = Aligned.offset(panel);
        for (int i = 0; i < k * W; i++) panel[b0 + i] = r.nextFloat();
        float[] stage = new float[16 * W + 64]; int s0 = Aligned.offset(stage);
        float[] out = new float[m * W + 64]; int o0 = Aligned.offset(out);
        float[] ref = new float[m * W];
        int iters = Integer.getInteger("iters", 50);
        double[] best = new double[kbs.length + 1]; java.util.Arrays.fill(best, 1e9);
        int[][] bptr = new int[kbs.length][];
        for (int v = 0; v < kbs.length; v++) {
            int kb = kbs[v], nb = (k + kb - 1) / kb; int[] bp = new int[m * (nb + 1)];
            for (int o = 0; o < m; o++) { int e = ptr[o]; for (int b = 0; b <= nb; b++) { while (e < ptr[o + 1] && col[e] < b * kb) e++; bp[o * (nb + 1) + b] = e; } bp[o * (nb + 1) + nb] = ptr[o + 1]; }
            bptr[v] = bp;
        }
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < iters; it++)
                for (int o = 0; o < m; o++) ShiftedSum.row8(vals, offs, ptr[o], ptr[o + 1], panel, b0, stage, s0 + (o & 15) * W, 0f, false);
            best[0] = Math.min(best[0], (System.nanoTime() - t0) / 1e6 / iters);
            for (int v = 0; v < kbs.length; v++) {
                int kb = kbs[v], nb = (k + kb - 1) / kb; int[] bp = bptr[v];
                t0 = System.nanoTime();
                for (int it = 0; it < iters; it++)
                    for (int b = 0; b < nb; b++)
                        for (int o = 0; o < m; o++) {
                            int q = o * (nb + 1) + b, e0 = bp[q], e1 = bp[q + 1];
                            if (b == 0) ShiftedSum.row8(vals, offs, e0, e1, panel, b0, out, o0 + o * W, 0f, false);
                            else if (e1 > e0) ShiftedSum.row8(vals, offs, e0, e1, panel, b0, out, o0 + o * W, 0f, true);
                        }
                best[v + 1] = Math.min(best[v + 1], (System.nanoTime() - t0) / 1e6 / iters);
            }
        }
        System.out.printf("nnz %d  whole rows %.3f ms (%.2f FMA/ns)%n", nnz, best[0], nnz * 8.0 / best[0] / 1e6);
        for (int v = 0; v < kbs.length; v++) System.out.printf("kb %d: %.3f ms (%.2f FMA/ns)%n", kbs[v], best[v + 1], nnz * 8.0 / best[v + 1] / 1e6);
    }
}
