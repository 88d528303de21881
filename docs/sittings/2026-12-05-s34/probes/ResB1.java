/* Session 34: VGG-19's 3x3 layers at batch 1, 90%: the sparse forward alone, medians of 101 after 500 warm-up
 * calls, one JVM (run once per jar, jars alternating). Usage: VggB1 sparsity */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
public class ResB1 {
    public static void main(String[] a) {
        double sp = Double.parseDouble(a[0]);
        Kernels k = Backends.select("simd");
        int[][] shapes = {{16, 32}, {32, 16}, {64, 8}};
        StringBuilder sb = new StringBuilder();
        for (int[] s : shapes) {
            int c = s[0], h = s[1], hw = h * h;
            ConvGeometry g = ConvGeometry.of(1, c, h, h, c, 3, 1, 1, 1);
            SplittableRandom r = new SplittableRandom(4);
            float[] x = new float[c * hw], w = new float[c * c * 9], mask = new float[w.length];
            for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
            for (int i = 0; i < w.length; i++) { w[i] = (float) (r.nextDouble() * 2 - 1); mask[i] = r.nextDouble() >= sp ? 1f : 0f; }
            CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, c, c * 9);
            float[] y = new float[c * hw];
            for (int i = 0; i < 500; i++) k.sparseConv2dForward(g, cw, x, null, false, y);
            long[] t = new long[101];
            for (int i = 0; i < t.length; i++) { long t0 = System.nanoTime(); k.sparseConv2dForward(g, cw, x, null, false, y); t[i] = System.nanoTime() - t0; }
            java.util.Arrays.sort(t);
            sb.append(String.format("c%d/%dx%d %.4f  ", c, h, h, t[50] / 1e6));
        }
        System.out.println(sb + "ms");
    }
}
