/* Session 34: VGG-19's 3x3 layers at batch 1, 90%: the direct sparse forward (SparseConv2d) against the 9 shifted
 * input planes built once (padding as zeros) and one CSR SpMM over them (W as cout x cin*9, columns ci*9+kh*3+kw).
 * One JVM, 2 threads, alternating, medians of 41. Usage: ShiftPlanes sparsity */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;

public class ShiftPlanes {
    static void shifted(float[] x, int cin, int h, int w, float[] b) {
        int hw = h * w;
        for (int c = 0; c < cin; c++) for (int kh = 0; kh < 3; kh++) for (int kw = 0; kw < 3; kw++) {
            int row = (c * 9 + kh * 3 + kw) * hw;
            for (int oy = 0; oy < h; oy++) { int iy = oy + kh - 1;
                for (int ox = 0; ox < w; ox++) { int ix = ox + kw - 1;
                    b[row + oy * w + ox] = iy < 0 || iy >= h || ix < 0 || ix >= w ? 0f : x[c * hw + iy * w + ix]; } }
        }
    }
    interface Job { void run(); }
    public static void main(String[] a) {
        double sp = Double.parseDouble(a[0]);
        Kernels k = Backends.select("simd");
        int[][] shapes = {{64, 32}, {128, 16}, {256, 8}, {512, 4}, {512, 2}};
        for (int[] s : shapes) {
            int c = s[0], h = s[1], hw = h * h;
            ConvGeometry g = ConvGeometry.of(1, c, h, h, c, 3, 1, 1, 1);
            SplittableRandom r = new SplittableRandom(4);
            float[] x = new float[c * hw], w = new float[c * c * 9], mask = new float[w.length];
            for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
            for (int i = 0; i < w.length; i++) { w[i] = (float) (r.nextDouble() * 2 - 1); mask[i] = r.nextDouble() >= sp ? 1f : 0f; }
            CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, c, c * 9);
            float[] y1 = new float[c * hw], y2 = new float[c * hw], y3 = new float[c * hw], b = new float[c * 9 * hw];
            Job[] jobs = {() -> k.sparseConv2dForward(g, cw, x, null, false, y1),
                          () -> { shifted(x, c, h, h, b); k.spmm(cw, hw, b, 0, y2, 0, null, false, false); },
                          () -> k.conv2dForward(g, x, w, null, y3),
                          () -> k.spmm(cw, hw, b, 0, y2, 0, null, false, false),
                          () -> shifted(x, c, h, h, b)};
            long[][] t = new long[5][41];
            for (int warm = 0; warm < 300; warm++) for (Job j : jobs) j.run();
            for (int i = 0; i < 41; i++) for (int j = 0; j < 5; j++) { long t0 = System.nanoTime(); jobs[j].run(); t[j][i] = System.nanoTime() - t0; }
            double e = 0; for (int i = 0; i < y1.length; i++) e = Math.max(e, Math.abs(y1[i] - y2[i]));
            for (long[] tt : t) java.util.Arrays.sort(tt);
            System.out.printf("c%d %dx%d: direct %.3f ms  shifted+spmm %.3f ms  dense(masked w) %.3f ms  spmm %.3f  build %.3f  max|diff| %.2e%n", c, h, h, t[0][20] / 1e6, t[1][20] / 1e6, t[2][20] / 1e6, t[3][20] / 1e6, t[4][20] / 1e6, e);
        }
    }
}
