package org.prune4j.simd.sparse;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.sparse.CsrMatrix;
public class FwdProbe {
  public static void main(String[] a) {
    int c = Integer.parseInt(a[0]), hw = Integer.parseInt(a[1]), batch = Integer.parseInt(a[2]); double dens = Double.parseDouble(a[3]);
    ConvGeometry g = ConvGeometry.of(batch, c, hw, hw, c, 3, 1, 1, 1);
    java.util.Random r = new java.util.Random(3);
    int m = c, k = c * 9; int[] rp = new int[m + 1]; java.util.List<Integer> ci = new java.util.ArrayList<>();
    for (int i = 0; i < m; i++) { for (int j = 0; j < k; j++) if (r.nextDouble() < dens) ci.add(j); rp[i + 1] = ci.size(); }
    int[] col = ci.stream().mapToInt(Integer::intValue).toArray(); float[] v = new float[col.length]; for (int i = 0; i < v.length; i++) v[i] = r.nextFloat() - 0.5f;
    CsrMatrix w = new CsrMatrix(m, k, rp, col, v);
    float[] x = new float[batch * c * hw * hw], y = new float[batch * c * hw * hw];
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
    int reps = Math.max(1, 256 / batch);
    double best = 1e18;
    for (int it = 0; it < Integer.getInteger("its", 40); it++) {
      long t0 = System.nanoTime();
      for (int rep = 0; rep < reps; rep++) SparseConv2d.forward(g, w, x, null, false, y);
      long t1 = System.nanoTime();
      if (it > 10) best = Math.min(best, (t1 - t0) / (double) reps);
    }
    double fmas = (double) col.length * hw * hw * batch / 16;
    System.out.printf("c=%d hw=%d batch=%d nnz=%d: %.3f ms per call, %.2f vector FMA/ns (useful)%n", c, hw, batch, col.length, best / 1e6, fmas / best);
  }
}
