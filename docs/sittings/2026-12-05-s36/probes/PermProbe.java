package org.prune4j.simd.sparse;

import java.util.*;
import jdk.incubator.vector.*;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Session 36: a Linear layer's forward at batch 1 without gathers: 16-row slices x 31-column blocks of the input,
 * each block's 31 inputs (and a zero) in two registers and each step's 16 inputs picked by a two-register permute
 * (selectFrom(v1, v2), vpermi2ps), the slices' nonzeros padded per block to the longest row (2.04x the nonzeros).
 * Usage: PermProbe m k density reps [forms] [copies]. 1024x1024 at 10%, one thread, medians: gather 43 us, perm 27-34,
 * permInt (int indices) 23.4-24.8, permNo (no permute, the loop alone) 12.8-14.3, permFlat (one loop per slice, the
 * window loaded per step) 33. The loop over (slice, block) pairs, ~6.5 steps each, costs most of it (permNo). In
 * 2 of 16 JVMs every form ran 10-16x slower (permNo 214-246 us, gather 1.5-2x) with the G1 collector running 38 times
 * instead of 4: the kernels compiled by C2 straight from the interpreter (no tier-3 compile in -XX:+PrintCompilation)
 * kept their vectors boxed, with -XX:Tier3DelayOn=100000 set. Not kept: 1.8x on one thread would bring the layer
 * from 3.2x to about 5x on two threads, short of 6x, and the values would have to be copied into the padded layout
 * whenever they change.
 */
public class PermProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int V = 16, B = 31;
    static final VectorSpecies<Integer> SI = IntVector.SPECIES_512;
    static final VectorMask<Float> LAST = VectorMask.fromLong(S, 1L << 15);

    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]);
        double d = Double.parseDouble(a[2]);
        int reps = Integer.parseInt(a[3]);
        Random r = new Random(1);
        float[] dense = new float[m * k];
        for (int i = 0; i < dense.length; i++) if (r.nextDouble() < d) dense[i] = (float) r.nextGaussian();
        CsrMatrix w = CsrMatrix.fromDense(dense, 0, m, k);
        float[] x = new float[k];
        for (int i = 0; i < k; i++) x[i] = (float) r.nextGaussian();
        float[] y = new float[m], y2 = new float[m];
        int[] ptr = w.rowPtr(), idx = w.colIdx();
        float[] vals = w.values();
        int slices = (m + V - 1) / V, blocks = (k + B - 1) / B;
        // plan: per slice, per block: step count; steps hold 16 vals and 16 float indices
        int[] steps = new int[slices * blocks + 1];
        int[] cur = new int[m];
        for (int t = 0; t < m; t++) cur[t] = ptr[t];
        List<float[]> sv = new ArrayList<>(), si = new ArrayList<>();
        int total = 0;
        for (int s = 0; s < slices; s++) for (int b = 0; b < blocks; b++) {
            int lim = Math.min(k, (b + 1) * B), L = 0;
            int[] cnt = new int[V];
            for (int l = 0; l < V && s * V + l < m; l++) { int t = s * V + l, e = cur[t]; while (e < ptr[t + 1] && idx[e] < lim) e++; cnt[l] = e - cur[t]; L = Math.max(L, cnt[l]); }
            for (int j = 0; j < L; j++) {
                float[] v = new float[V], ii = new float[V];
                for (int l = 0; l < V; l++) {
                    if (j < cnt[l]) { int t = s * V + l, e = cur[t] + j; v[l] = vals[e]; ii[l] = idx[e] - b * B; } else { v[l] = 0f; ii[l] = 31; }
                }
                sv.add(v); si.add(ii);
            }
            for (int l = 0; l < V && s * V + l < m; l++) cur[s * V + l] += cnt[l];
            total += L;
            steps[s * blocks + b + 1] = total;
        }
        float[] pv = new float[total * V], pi = new float[total * V];
        for (int j = 0; j < total; j++) { System.arraycopy(sv.get(j), 0, pv, j * V, V); System.arraycopy(si.get(j), 0, pi, j * V, V); }
        float[] xp = new float[blocks * 32 + 32];
        int[] off = new int[total];
        for (int q = 0; q < slices * blocks; q++) for (int e2 = steps[q]; e2 < steps[q + 1]; e2++) off[e2] = (q % blocks) * 32;
        int[] pii = new int[pi.length]; for (int q = 0; q < pi.length; q++) pii[q] = (int) pi[q];
        if (a.length > 5) {
            for (int c = 0; c < 12; c++) {
                float[] pvc = pv.clone(); float[] xpc = new float[xp.length + (c % 4) * 4];
                long[] ts = new long[200];
                for (int i = 0; i < 200; i++) { long t0 = System.nanoTime(); permNo(pvc, pi, steps, slices, blocks, x, k, xpc, y2); ts[i] = System.nanoTime() - t0; }
                Arrays.sort(ts);
                System.out.printf("copy %d pv@%s median %.2f us%n", c, Long.toHexString(System.identityHashCode(pvc)), ts[100] / 1e3);
            }
            return;
        }
        String[] forms = a.length > 4 ? a[4].split(",") : new String[]{"gather", "perm"};
        for (int round = 0; round < 6; round++) {
            for (String f : forms) {
                long[] ts = new long[reps];
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    switch (f) {
                        case "gather" -> GatherSpmv.rows(vals, idx, ptr, 0, m, 1, x, 0, k, y, 0, m, 1, null, false, false);
                        case "perm" -> perm(pv, pi, steps, slices, blocks, x, k, xp, y2);
                        case "permNo" -> permNo(pv, pi, steps, slices, blocks, x, k, xp, y2);
                        case "permRe" -> permRe(pv, pi, pii, steps, slices, blocks, x, k, xp, y2);
                        case "permFlat" -> permFlat(pv, pi, off, steps, slices, blocks, x, k, xp, y2);
                        case "permInt" -> permInt(pv, pii, steps, slices, blocks, x, k, xp, y2);
                        case "perm2" -> perm2(pv, pi, steps, slices, blocks, x, k, xp, y2);
                    }
                    ts[i] = System.nanoTime() - t0;
                }
                Arrays.sort(ts);
                if (round >= 3) System.out.printf("%s median %.2f us  min %.2f us  (%.3f ns/nnz)%n", f, ts[reps / 2] / 1e3, ts[0] / 1e3, ts[reps / 2] / (double) w.nnz());
            }
        }
        double err = 0;
        permFlat(pv, pi, off, steps, slices, blocks, x, k, xp, y2);
        GatherSpmv.rows(vals, idx, ptr, 0, m, 1, x, 0, k, y, 0, m, 1, null, false, false);
        for (int i = 0; i < m; i++) err = Math.max(err, Math.abs(y[i] - y2[i]));
        System.out.println("nnz " + w.nnz() + " steps " + total + " (" + (total * V) + " lanes, " + String.format("%.2f", total * V / (double) w.nnz()) + "x) maxerr " + err);
    }

    static void perm(float[] pv, float[] pi, int[] steps, int slices, int blocks, float[] x, int k, float[] xp, float[] y) {
        System.arraycopy(x, 0, xp, 0, k);
        for (int s = 0; s < slices; s++) {
            FloatVector acc = FloatVector.zero(S), acc2 = FloatVector.zero(S);
            for (int b = 0; b < blocks; b++) {
                FloatVector lo = FloatVector.fromArray(S, xp, b * B), hi = FloatVector.fromArray(S, xp, b * B + V).blend(0f, LAST);
                int e = steps[s * blocks + b], end = steps[s * blocks + b + 1];
                for (; e + 1 < end; e += 2) {
                    acc = FloatVector.fromArray(S, pi, e * V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V), acc);
                    acc2 = FloatVector.fromArray(S, pi, e * V + V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V + V), acc2);
                }
                if (e < end) acc = FloatVector.fromArray(S, pi, e * V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V), acc);
            }
            acc.add(acc2).intoArray(y, s * V);
        }
    }

    static void permInt(float[] pv, int[] pi, int[] steps, int slices, int blocks, float[] x, int k, float[] xp, float[] y) {
        System.arraycopy(x, 0, xp, 0, k);
        for (int s = 0; s < slices; s++) {
            FloatVector acc = FloatVector.zero(S), acc2 = FloatVector.zero(S);
            for (int b = 0; b < blocks; b++) {
                FloatVector lo = FloatVector.fromArray(S, xp, b * B), hi = FloatVector.fromArray(S, xp, b * B + V).blend(0f, LAST);
                IntVector loI = (IntVector) lo.reinterpretAsInts(), hiI = (IntVector) hi.reinterpretAsInts();
                int e = steps[s * blocks + b], end = steps[s * blocks + b + 1];
                for (; e + 1 < end; e += 2) {
                    acc = ((FloatVector) IntVector.fromArray(SI, pi, e * V).selectFrom(loI, hiI).reinterpretAsFloats()).fma(FloatVector.fromArray(S, pv, e * V), acc);
                    acc2 = ((FloatVector) IntVector.fromArray(SI, pi, e * V + V).selectFrom(loI, hiI).reinterpretAsFloats()).fma(FloatVector.fromArray(S, pv, e * V + V), acc2);
                }
                if (e < end) acc = ((FloatVector) IntVector.fromArray(SI, pi, e * V).selectFrom(loI, hiI).reinterpretAsFloats()).fma(FloatVector.fromArray(S, pv, e * V), acc);
            }
            acc.add(acc2).intoArray(y, s * V);
        }
    }

    static void permNo(float[] pv, float[] pi, int[] steps, int slices, int blocks, float[] x, int k, float[] xp, float[] y) {
        System.arraycopy(x, 0, xp, 0, k);
        for (int s = 0; s < slices; s++) {
            FloatVector acc = FloatVector.zero(S), acc2 = FloatVector.zero(S);
            for (int b = 0; b < blocks; b++) {
                FloatVector lo = FloatVector.fromArray(S, xp, b * B), hi = FloatVector.fromArray(S, xp, b * B + V).blend(0f, LAST);
                int e = steps[s * blocks + b], end = steps[s * blocks + b + 1];
                for (; e + 1 < end; e += 2) {
                    acc = lo.fma(FloatVector.fromArray(S, pv, e * V), acc);
                    acc2 = hi.fma(FloatVector.fromArray(S, pv, e * V + V), acc2);
                }
                if (e < end) acc = lo.fma(FloatVector.fromArray(S, pv, e * V), acc);
            }
            acc.add(acc2).intoArray(y, s * V);
        }
    }

    static void permRe(float[] pv, float[] pi, int[] ii, int[] steps, int slices, int blocks, float[] x, int k, float[] xp, float[] y) {
        System.arraycopy(x, 0, xp, 0, k);
        for (int s = 0; s < slices; s++) {
            FloatVector acc = FloatVector.zero(S), acc2 = FloatVector.zero(S);
            for (int b = 0; b < blocks; b++) {
                FloatVector lo = FloatVector.fromArray(S, xp, b * B), hi = FloatVector.fromArray(S, xp, b * B + V).blend(0f, LAST);
                int e = steps[s * blocks + b], end = steps[s * blocks + b + 1];
                for (; e + 1 < end; e += 2) {
                    acc = lo.rearrange(VectorShuffle.fromArray(S, ii, e * V), hi).fma(FloatVector.fromArray(S, pv, e * V), acc);
                    acc2 = lo.rearrange(VectorShuffle.fromArray(S, ii, e * V + V), hi).fma(FloatVector.fromArray(S, pv, e * V + V), acc2);
                }
                if (e < end) acc = lo.rearrange(VectorShuffle.fromArray(S, ii, e * V), hi).fma(FloatVector.fromArray(S, pv, e * V), acc);
            }
            acc.add(acc2).intoArray(y, s * V);
        }
    }

    static void permFlat(float[] pv, float[] pi, int[] off, int[] steps, int slices, int blocks, float[] x, int k, float[] xp, float[] y) {
        for (int b = 0; b < blocks; b++) { int n = Math.min(B, k - b * B); System.arraycopy(x, b * B, xp, b * 32, n); for (int q = n; q < 32; q++) xp[b * 32 + q] = 0f; }
        for (int s = 0; s < slices; s++) {
            FloatVector acc = FloatVector.zero(S), acc2 = FloatVector.zero(S);
            int e = steps[s * blocks], end = steps[s * blocks + blocks];
            for (; e + 1 < end; e += 2) {
                int o = off[e], o2 = off[e + 1];
                acc = FloatVector.fromArray(S, pi, e * V).selectFrom(FloatVector.fromArray(S, xp, o), FloatVector.fromArray(S, xp, o + V)).fma(FloatVector.fromArray(S, pv, e * V), acc);
                acc2 = FloatVector.fromArray(S, pi, e * V + V).selectFrom(FloatVector.fromArray(S, xp, o2), FloatVector.fromArray(S, xp, o2 + V)).fma(FloatVector.fromArray(S, pv, e * V + V), acc2);
            }
            if (e < end) { int o = off[e]; acc = FloatVector.fromArray(S, pi, e * V).selectFrom(FloatVector.fromArray(S, xp, o), FloatVector.fromArray(S, xp, o + V)).fma(FloatVector.fromArray(S, pv, e * V), acc); }
            acc.add(acc2).intoArray(y, s * V);
        }
    }

    // Four slices at once: four independent chains, one x window load per block for all four.
    static void perm2(float[] pv, float[] pi, int[] steps, int slices, int blocks, float[] x, int k, float[] xp, float[] y) {
        System.arraycopy(x, 0, xp, 0, k);
        for (int s = 0; s < slices; s += 2) {
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            for (int b = 0; b < blocks; b++) {
                FloatVector lo = FloatVector.fromArray(S, xp, b * B), hi = FloatVector.fromArray(S, xp, b * B + V).blend(0f, LAST);
                int e = steps[s * blocks + b], end = steps[s * blocks + b + 1];
                for (; e + 1 < end; e += 2) {
                    a0 = FloatVector.fromArray(S, pi, e * V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V), a0);
                    a1 = FloatVector.fromArray(S, pi, e * V + V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V + V), a1);
                }
                if (e < end) a0 = FloatVector.fromArray(S, pi, e * V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V), a0);
                e = steps[(s + 1) * blocks + b]; end = steps[(s + 1) * blocks + b + 1];
                for (; e + 1 < end; e += 2) {
                    c0 = FloatVector.fromArray(S, pi, e * V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V), c0);
                    c1 = FloatVector.fromArray(S, pi, e * V + V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V + V), c1);
                }
                if (e < end) c0 = FloatVector.fromArray(S, pi, e * V).selectFrom(lo, hi).fma(FloatVector.fromArray(S, pv, e * V), c0);
            }
            a0.add(a1).intoArray(y, s * V);
            c0.add(c1).intoArray(y, s * V + V);
        }
    }
}
