package org.prune4j.simd.sparse;

import java.util.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * Session 37: one sparse 3x3 pass with a static int field of this package set to each of -Dvalues in turn,
 * alternating in one JVM, medians. -Dfield=Class.NAME, -Dpass=forward|backward|bwdWeight|step.
 * args: batch cin cout hw stride sparsity rounds
 */
public class FieldAB {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), hw = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]);
        int rounds = Integer.parseInt(a[6]);
        String f = System.getProperty("field", "BatchLaneConv.blockBytes");
        var fld = Class.forName("org.prune4j.simd.sparse." + f.substring(0, f.lastIndexOf('.'))).getDeclaredField(f.substring(f.lastIndexOf('.') + 1));
        fld.setAccessible(true);
        int[] values = Arrays.stream(System.getProperty("values").split(",")).mapToInt(Integer::parseInt).toArray();
        String pass = System.getProperty("pass", "forward");
        Parallel.setThreads(Integer.getInteger("threads", 2));
        ConvGeometry g = ConvGeometry.of(n, cin, hw, hw, cout, 3, st, 1, 1);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], y = new float[g.outputSize()];
        for (float[] arr : new float[][] {x, w, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) if (r.nextDouble() < sp) w[i] = 0f;
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, cout, g.patchSize());
        float[] dwv = new float[csr.nnz()];
        List<List<Double>> t = new ArrayList<>();
        double[] check = new double[values.length];
        for (int i = 0; i < values.length; i++) t.add(new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < values.length; m++) {
                fld.setInt(null, values[m]);
                for (int rep = 0; rep < 5; rep++) {
                    long s = System.nanoTime();
                    if (pass.equals("bwdWeight")) SparseConv2d.backwardWeight(g, csr, x, dy, dwv);
                    else {
                        if (!pass.equals("backward")) SparseConv2d.forward(g, csr, x, null, false, y);
                        if (!pass.equals("forward")) SparseConv2d.backward(g, csr, x, dy, dx, dwv);
                    }
                    if (round >= rounds / 4) t.get(m).add((System.nanoTime() - s) / 1e6);
                }
                double c = 0;
                for (float v : y) c += v;
                for (float v : dx) c += v;
                for (float v : dwv) c += v;
                check[m] = c;
            }
        }
        StringBuilder sb = new StringBuilder(String.format("%s %s %dx%dx%dx%d s%d sp=%.2f:", f, pass, n, cin, cout, hw, st, sp));
        for (int m = 0; m < values.length; m++) {
            var l = t.get(m); Collections.sort(l);
            sb.append(String.format(" [%d] %.3f (sum %.6g)", values[m], l.get(l.size() / 2), check[m]));
        }
        System.out.println(sb);
    }
}
