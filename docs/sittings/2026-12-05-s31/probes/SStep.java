package org.prune4j.simd.sparse;

import java.util.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.SimdKernels;

/** Session 31: a sparse 3x3 layer's step pieces (forward, backward) beside the dense passes, medians. args: batch cin cout hw stride sparsity rounds */
public class SStep {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), hw = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]);
        int rounds = Integer.parseInt(a[6]);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        ConvGeometry g = ConvGeometry.of(n, cin, hw, hw, cout, 3, st, 1, 1);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], dy = new float[g.outputSize()], y = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        for (float[] arr : new float[][] {x, w, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        float[] wm = w.clone();
        for (int i = 0; i < wm.length; i++) if (r.nextDouble() < sp) wm[i] = 0f;
        CsrMatrix csr = CsrMatrix.fromDense(wm, 0, cout, g.patchSize());
        float[] dwv = new float[csr.nnz()];
        SimdKernels k = new SimdKernels();
        String[] names = {"sparse fwd", "sparse bwd", "dense fwd", "dense bwdD", "dense bwdW"};
        List<List<Double>> t = new ArrayList<>();
        for (int i = 0; i < names.length; i++) t.add(new ArrayList<>());
        String only = System.getProperty("only", "");
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.length; i++) {
                if (!only.isEmpty() && !only.contains(String.valueOf(i))) continue;
                for (int rep = 0; rep < 5; rep++) {
                    long s = System.nanoTime();
                    switch (i) {
                        case 0 -> SparseConv2d.forward(g, csr, x, null, false, y);
                        case 1 -> SparseConv2d.backward(g, csr, x, dy, dx, dwv);
                        case 2 -> k.conv2dForward(g, x, w, null, y);
                        case 3 -> k.conv2dBackwardData(g, dy, w, dx);
                        default -> k.conv2dBackwardWeight(g, x, dy, dw);
                    }
                    if (round >= rounds / 4) t.get(i).add((System.nanoTime() - s) / 1e6);
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            List<Double> l = t.get(i);
            if (l.isEmpty()) continue;
            Collections.sort(l);
            System.out.printf("%s %dx%dx%dx%d s%d sp=%.2f: median %.3f ms (p25 %.3f p75 %.3f)%n", names[i], n, cin, cout, hw, st, sp, l.get(l.size() / 2), l.get(l.size() / 4), l.get(3 * l.size() / 4));
        }
    }
}
