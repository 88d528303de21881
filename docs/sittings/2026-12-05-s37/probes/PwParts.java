package org.prune4j.simd.sparse;

import java.util.*;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/** Session 37: median ms of a sparse 1x1 layer's forward, input gradient (Wt) and weight gradient (SDDMM) at batch n. args: batch cin cout hw sparsity rounds */
public class PwParts {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), hw = Integer.parseInt(a[3]) * Integer.parseInt(a[3]);
        double sp = Double.parseDouble(a[4]);
        int rounds = Integer.parseInt(a[5]);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        Kernels k = org.prune4j.core.kernels.Backends.select("simd");
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[n * cin * hw], w = new float[cout * cin], dy = new float[n * cout * hw], dx = new float[n * cin * hw], y = new float[n * cout * hw];
        for (float[] arr : new float[][] {x, w, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) if (r.nextDouble() < sp) w[i] = 0f;
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, cout, cin), wt = csr.transpose();
        float[] dwv = new float[csr.nnz()];
        String[] names = {"forward", "dX", "dW"};
        List<List<Double>> t = new ArrayList<>();
        for (int i = 0; i < 3; i++) t.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < 3; m++) {
                for (int rep = 0; rep < 3; rep++) {
                    long s = System.nanoTime();
                    switch (m) {
                        case 0 -> k.spmmImages(csr, hw, n, x, 0, y, 0, null, false);
                        case 1 -> k.spmmImages(wt, hw, n, dy, 0, dx, 0, null, false);
                        default -> k.sddmmImages(csr, hw, n, dy, 0, x, 0, dwv);
                    }
                    if (round >= rounds / 4) t.get(m).add((System.nanoTime() - s) / 1e6);
                }
            }
        }
        StringBuilder sb = new StringBuilder(String.format("%dx%dx%dx%d sp=%.2f nnz=%d:", n, cin, cout, hw, sp, csr.nnz()));
        for (int m = 0; m < 3; m++) {
            var l = t.get(m); Collections.sort(l);
            double med = l.get(l.size() / 2), vf = (double) csr.nnz() * n * hw / 16;
            sb.append(String.format(" %s %.3f ms (%.2f vFMA/ns/core)", names[m], med, vf / (med * 1e6) / 2));
        }
        System.out.println(sb);
    }
}
