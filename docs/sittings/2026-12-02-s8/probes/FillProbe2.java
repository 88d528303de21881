package org.prune4j.simd.sparse;
import org.prune4j.core.kernels.ConvGeometry;
public class FillProbe2 {
  static float[] junk = new float[16 << 20];
  static float evict() { float s = 0; for (int i = 0; i < junk.length; i += 16) { junk[i] += 1f; s += junk[i]; } return s; }
  public static void main(String[] a) {
    int c = Integer.parseInt(a[0]), hw = Integer.parseInt(a[1]), batch = 128; boolean ev = a.length > 2;
    ConvGeometry g = ConvGeometry.of(batch, c, hw, hw, c, 3, 1, 1, 1);
    ImageFolds folds = new ImageFolds(g);
    float[] x = new float[batch * c * hw * hw]; java.util.Arrays.fill(x, 1f);
    float[] buf = new float[folds.full.bufferSize], grad = new float[c * folds.full.gradStride];
    float[] copy = new float[x.length];
    double[] best = new double[3]; java.util.Arrays.fill(best, 1e9);
    for (int it = 0; it < 30; it++) {
      if (ev) evict();
      long t0 = System.nanoTime();
      for (int f = 0; f < folds.count; f++) folds.layout(f).fillImages(x, folds.firstImage(f), buf, 0);
      long t1 = System.nanoTime();
      if (ev) evict();
      long t2 = System.nanoTime();
      for (int f = 0; f < folds.count; f++) folds.layout(f).fillGrad(x, folds.firstImage(f), grad, 0);
      long t3 = System.nanoTime();
      if (ev) evict();
      long t4 = System.nanoTime();
      System.arraycopy(x, 0, copy, 0, x.length);
      long t5 = System.nanoTime();
      if (it >= 10) { best[0] = Math.min(best[0], (t1-t0)/1e6); best[1] = Math.min(best[1], (t3-t2)/1e6); best[2] = Math.min(best[2], (t5-t4)/1e6); }
    }
    System.out.printf("%s evict=%s: fillImages %.3f ms  fillGrad %.3f ms  arraycopy %.3f ms (best of 20)%n", g, ev, best[0], best[1], best[2]);
  }
}
