package org.prune4j.simd.sparse;

import java.util.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Session 31: SparseConv2d.backward with a temporary static field set to -Doff= and -Don= (default 0 and 1) in turn,
 * alternating in one JVM, medians. -Dfield=Class.NAME in this package (a boolean field takes on != 0). The fields were:
 *   SparseConv2d.HACK  (boolean) every weight-gradient delta moved onto the middle tap's line phase: the loads of an
 *                      aligned layout with wrong sums (an upper bound for shifted copies of x, not a kernel)
 *   SparseConv2d.BAND  (int) the weight-gradient dots row band by row band (all output channels per band); 1 forced
 *                      the span form (ShiftedDot.dots over the whole span, junk columns included)
 *   ShiftedDot.SEG     (boolean) pairs2V's loads through heap MemorySegments in a counted long loop
 * None is in the tree; add one back as the sitting's README describes to re-run it.
 * args: batch cin cout hw stride sparsity rounds
 */
public class BwdProbe {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), hw = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]);
        int rounds = Integer.parseInt(a[6]);
        String f = System.getProperty("field", "SparseConv2d.HACK");
        var fld = Class.forName("org.prune4j.simd.sparse." + f.substring(0, f.lastIndexOf('.'))).getDeclaredField(f.substring(f.lastIndexOf('.') + 1));
        fld.setAccessible(true);
        int off = Integer.getInteger("off", 0), on = Integer.getInteger("on", 1);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        ConvGeometry g = ConvGeometry.of(n, cin, hw, hw, cout, 3, st, 1, 1);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()];
        for (float[] arr : new float[][] {x, w, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) if (r.nextDouble() < sp) w[i] = 0f;
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, cout, g.patchSize());
        float[][] dwv = new float[2][csr.nnz()];
        float[][] dxs = new float[2][];
        List<List<Double>> t = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < 2; m++) {
                int v = m == 1 ? on : off;
                if (fld.getType() == boolean.class) fld.setBoolean(null, v != 0);
                else fld.setInt(null, v);
                for (int rep = 0; rep < 5; rep++) {
                    long s = System.nanoTime();
                    SparseConv2d.backward(g, csr, x, dy, dx, dwv[m]);
                    if (round >= rounds / 4) t.get(m).add((System.nanoTime() - s) / 1e6);
                }
                dxs[m] = dx.clone();
            }
        }
        double ddw = 0, ddx = 0;
        for (int i = 0; i < dwv[0].length; i++) ddw = Math.max(ddw, Math.abs(dwv[0][i] - dwv[1][i]));
        for (int i = 0; i < dx.length; i++) ddx = Math.max(ddx, Math.abs(dxs[0][i] - dxs[1][i]));
        for (var l : t) Collections.sort(l);
        double m0 = t.get(0).get(t.get(0).size() / 2), m1 = t.get(1).get(t.get(1).size() / 2);
        System.out.printf("%dx%dx%dx%d s%d sp=%.2f: off %.3f ms, on %.3f ms (medians), off/on %.2f; max|ddw| %.2e max|ddx| %.2e%n", n, cin, cout, hw, st, sp, m0, m1, m0 / m1, ddw, ddx);
    }
}
