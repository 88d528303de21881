package org.prune4j.simd.sparse;

import java.util.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/** Session 37: median ms of forward, backwardData, backwardWeight and backward (both) of one sparse 3x3 layer. args: batch cin cout hw stride sparsity rounds */
public class Parts {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), hw = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]);
        int rounds = Integer.parseInt(a[6]);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        ConvGeometry g = ConvGeometry.of(n, cin, hw, hw, cout, 3, st, 1, 1);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], y = new float[g.outputSize()];
        for (float[] arr : new float[][] {x, w, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) if (r.nextDouble() < sp) w[i] = 0f;
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, cout, g.patchSize());
        float[] dwv = new float[csr.nnz()];
        String[] names = {"forward", "bwdData", "bwdWeight", "backward"};
        List<List<Double>> t = new ArrayList<>();
        for (int i = 0; i < 4; i++) t.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < 4; m++) {
                for (int rep = 0; rep < 5; rep++) {
                    long s = System.nanoTime();
                    switch (m) {
                        case 0 -> SparseConv2d.forward(g, csr, x, null, false, y);
                        case 1 -> SparseConv2d.backwardData(g, csr, dy, dx);
                        case 2 -> SparseConv2d.backwardWeight(g, csr, x, dy, dwv);
                        default -> SparseConv2d.backward(g, csr, x, dy, dx, dwv);
                    }
                    if (round >= rounds / 4) t.get(m).add((System.nanoTime() - s) / 1e6);
                }
            }
        }
        StringBuilder sb = new StringBuilder(String.format("%dx%dx%dx%d s%d sp=%.2f:", n, cin, cout, hw, st, sp));
        for (int m = 0; m < 4; m++) { var l = t.get(m); Collections.sort(l); sb.append(String.format(" %s %.3f", names[m], l.get(l.size() / 2))); }
        System.out.println(sb);
    }
}
