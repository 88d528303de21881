import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
public class VggLoop {
    public static void main(String[] a) {
        int c = Integer.parseInt(a[0]), h = Integer.parseInt(a[1]), hw = h * h; long iters = Long.parseLong(a[2]);
        Kernels k = Backends.select("simd");
        ConvGeometry g = ConvGeometry.of(1, c, h, h, c, 3, 1, 1, 1);
        SplittableRandom r = new SplittableRandom(4);
        float[] x = new float[c * hw], w = new float[c * c * 9], mask = new float[w.length];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        for (int i = 0; i < w.length; i++) { w[i] = (float) (r.nextDouble() * 2 - 1); mask[i] = r.nextDouble() >= 0.9 ? 1f : 0f; }
        CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, c, c * 9);
        float[] y = new float[c * hw];
        long t0 = System.nanoTime();
        for (long i = 0; i < iters; i++) k.sparseConv2dForward(g, cw, x, null, false, y);
        System.out.printf("%.4f ms/call%n", (System.nanoTime() - t0) / 1e6 / iters);
    }
}
