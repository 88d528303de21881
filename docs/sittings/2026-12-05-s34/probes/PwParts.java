/* Session 34: a sparse 1x1 layer's step parts at batch 64 (forward, input gradient, weight gradient), one JVM,
 * 2 threads, medians of 15 after warm-up. Usage: PwParts cin cout hw sparsity */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
public class PwParts {
    interface Job { void run(); }
    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), hw = Integer.parseInt(a[2]) * Integer.parseInt(a[2]), n = 64;
        double sp = Double.parseDouble(a[3]);
        Kernels k = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(4);
        float[] x = new float[n * cin * hw], dy = new float[n * cout * hw], y = new float[n * cout * hw], dx = new float[n * cin * hw];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        for (int i = 0; i < dy.length; i++) dy[i] = (float) (r.nextDouble() * 2 - 1);
        float[] w = new float[cout * cin], mask = new float[w.length];
        for (int i = 0; i < w.length; i++) { w[i] = (float) (r.nextDouble() * 2 - 1); mask[i] = r.nextDouble() >= sp ? 1f : 0f; }
        CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, cout, cin), cwt = cw.transpose();
        float[] dw = new float[cw.nnz()];
        String[] names = {"fwd", "dX", "dW", "step"};
        Job[] jobs = {() -> k.spmmImages(cw, hw, n, x, 0, y, 0, null, false), () -> k.spmmImages(cwt, hw, n, dy, 0, dx, 0, null, false),
                      () -> k.sddmmImages(cw, hw, n, dy, 0, x, 0, dw),
                      () -> { k.spmmImages(cw, hw, n, x, 0, y, 0, null, false); k.spmmImages(cwt, hw, n, dy, 0, dx, 0, null, false); k.sddmmImages(cw, hw, n, dy, 0, x, 0, dw); }};
        for (int w0 = 0; w0 < 5; w0++) for (Job j : jobs) j.run();
        for (int round = 0; round < 3; round++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < 4; j++) { long[] t = new long[15]; for (int i = 0; i < t.length; i++) { long t0 = System.nanoTime(); jobs[j].run(); t[i] = System.nanoTime() - t0; }
                java.util.Arrays.sort(t); sb.append(String.format("%s %.2f  ", names[j], t[7] / 1e6)); }
            System.out.println(cin + "x" + cout + "x" + a[2] + ": " + sb + "ms");
        }
    }
}
