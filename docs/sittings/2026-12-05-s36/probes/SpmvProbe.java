package org.prune4j.simd.sparse;

import java.util.*;
import jdk.incubator.vector.*;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Session 36: a Linear layer's forward at batch 1 (SpMV), one thread unless named, medians of reps calls:
 * GatherSpmv (a gather of 16 inputs per 16 nonzeros of a row) against 16-row slices padded to their longest row
 * (SELL-16: one gather per 16 rows' step, no lane sums) and a scalar loop with four chains; par2/par1 are
 * SparseLinear.forward on two threads / inline on one. Usage (package org.prune4j.simd.sparse, on the classpath before
 * the jar): SpmvProbe m k density reps [forms]. 1024x1024 at 10%: gather 42.8-45.9 us (0.41-0.44 ns a nonzero), sell
 * 44.7-44.8 (its 7,616 gathers ~5.9 ns each, ~24 cycles), scalar4 38.3-39.5; par2 31.2-31.4, par1 62.1-62.5 (min 44).
 */
public class SpmvProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int V = 16;

    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]);
        double d = Double.parseDouble(a[2]);
        int reps = Integer.parseInt(a[3]);
        org.prune4j.core.kernels.Parallel.setThreads(2);
        Random r = new Random(1);
        float[] dense = new float[m * k];
        for (int i = 0; i < dense.length; i++) if (r.nextDouble() < d) dense[i] = (float) r.nextGaussian();
        CsrMatrix w = CsrMatrix.fromDense(dense, 0, m, k);
        float[] x = new float[k];
        for (int i = 0; i < k; i++) x[i] = (float) r.nextGaussian();
        float[] y = new float[m], y2 = new float[m];
        int[] ptr = w.rowPtr(), idx = w.colIdx();
        float[] vals = w.values();
        // sliced layout (values copied): slices of 16 rows padded to max length
        int slices = (m + V - 1) / V;
        int[] sbase = new int[slices + 1];
        for (int s = 0; s < slices; s++) {
            int L = 0;
            for (int t = s * V; t < Math.min(m, s * V + V); t++) L = Math.max(L, ptr[t + 1] - ptr[t]);
            sbase[s + 1] = sbase[s] + L * V;
        }
        float[] sv = new float[sbase[slices]];
        int[] si = new int[sbase[slices]];
        for (int s = 0; s < slices; s++) for (int t = s * V; t < Math.min(m, s * V + V); t++)
            for (int e = ptr[t]; e < ptr[t + 1]; e++) { int j = e - ptr[t]; sv[sbase[s] + j * V + (t - s * V)] = vals[e]; si[sbase[s] + j * V + (t - s * V)] = idx[e]; }
        String[] forms = a.length > 4 ? a[4].split(",") : new String[]{"gather", "sell", "scalar4"};
        for (int round = 0; round < 6; round++) {
            for (String f : forms) {
                long best = Long.MAX_VALUE; long[] ts = new long[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    switch (f) {
                        case "gather" -> GatherSpmv.rows(vals, idx, ptr, 0, m, 1, x, 0, k, y, 0, m, 1, null, false, false);
                        case "sell" -> sell(sv, si, sbase, slices, m, x, y2);
                        case "scalar4" -> scalar4(vals, idx, ptr, m, x, y2);
                        case "par2" -> SparseLinear.forward(w, 1, x, 0, y2, 0, null, false, false);
                        case "par1" -> org.prune4j.core.kernels.Parallel.inline(() -> { SparseLinear.forward(w, 1, x, 0, y2, 0, null, false, false); return null; });
                    }
                    ts[i] = System.nanoTime() - t0;
                }
                Arrays.sort(ts);
                if (round >= 3) System.out.printf("%s median %.2f us  min %.2f us  (%.2f ns/nnz)%n", f, ts[reps / 2] / 1e3, ts[0] / 1e3, ts[reps / 2] / (double) w.nnz());
            }
        }
        double err = 0;
        sell(sv, si, sbase, slices, m, x, y2);
        GatherSpmv.rows(vals, idx, ptr, 0, m, 1, x, 0, k, y, 0, m, 1, null, false, false);
        for (int i = 0; i < m; i++) err = Math.max(err, Math.abs(y[i] - y2[i]));
        System.out.println("nnz " + w.nnz() + " sell padded " + sbase[slices] + " maxerr " + err);
    }

    static void sell(float[] sv, int[] si, int[] sbase, int slices, int m, float[] x, float[] y) {
        for (int s = 0; s < slices; s++) {
            FloatVector acc = FloatVector.zero(S), acc2 = FloatVector.zero(S);
            int e = sbase[s], end = sbase[s + 1];
            for (; e + 2 * V <= end; e += 2 * V) {
                acc = FloatVector.fromArray(S, x, 0, si, e).fma(FloatVector.fromArray(S, sv, e), acc);
                acc2 = FloatVector.fromArray(S, x, 0, si, e + V).fma(FloatVector.fromArray(S, sv, e + V), acc2);
            }
            if (e < end) acc = FloatVector.fromArray(S, x, 0, si, e).fma(FloatVector.fromArray(S, sv, e), acc);
            acc.add(acc2).intoArray(y, s * V);  // m multiple of 16 assumed
        }
    }

    static void scalar4(float[] vals, int[] idx, int[] ptr, int m, float[] x, float[] y) {
        for (int t = 0; t < m; t++) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int e = ptr[t], end = ptr[t + 1];
            for (; e + 4 <= end; e += 4) {
                s0 = Math.fma(vals[e], x[idx[e]], s0);
                s1 = Math.fma(vals[e + 1], x[idx[e + 1]], s1);
                s2 = Math.fma(vals[e + 2], x[idx[e + 2]], s2);
                s3 = Math.fma(vals[e + 3], x[idx[e + 3]], s3);
            }
            for (; e < end; e++) s0 = Math.fma(vals[e], x[idx[e]], s0);
            y[t] = (s0 + s1) + (s2 + s3);
        }
    }
}
