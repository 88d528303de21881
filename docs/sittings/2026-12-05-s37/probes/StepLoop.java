package org.prune4j.simd.sparse;

import java.util.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/** Session 37: the sparse 3x3 training step (forward + backward) of one layer in a loop for perf. args: batch cin cout hw stride sparsity seconds */
public class StepLoop {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), hw = Integer.parseInt(a[3]), st = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]);
        double secs = Double.parseDouble(a[6]);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        ConvGeometry g = ConvGeometry.of(n, cin, hw, hw, cout, 3, st, 1, 1);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], y = new float[g.outputSize()];
        for (float[] arr : new float[][] {x, w, dy}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        for (int i = 0; i < w.length; i++) if (r.nextDouble() < sp) w[i] = 0f;
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, cout, g.patchSize());
        float[] dwv = new float[csr.nnz()];
        long end = System.nanoTime() + (long) (secs * 1e9);
        List<Double> t = new ArrayList<>();
        while (System.nanoTime() < end) {
            long s = System.nanoTime();
            SparseConv2d.forward(g, csr, x, null, false, y);
            SparseConv2d.backward(g, csr, x, dy, dx, dwv);
            t.add((System.nanoTime() - s) / 1e6);
        }
        List<Double> last = new ArrayList<>(t.subList(t.size() / 2, t.size()));
        Collections.sort(last);
        System.out.printf("%d steps, median of last half %.3f ms%n", t.size(), last.get(last.size() / 2));
    }
}
