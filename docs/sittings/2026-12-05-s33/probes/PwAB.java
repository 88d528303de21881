/* Session 33: a 1x1 layer's sparse forward and input gradient (spmmImages on W and its transpose) at a batch;
 * the across-images bound was -Dprune4j.across while measuring (a temporary switch), 64 pixels in the committed code.
 * Usage: PwAB cin cout hw batch sparsity. */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
/** Pointwise layer forward (spmmImages) with and without the across-images path; -Dprune4j.across is read once, so two JVMs. */
public class PwAB {
    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), hw = Integer.parseInt(a[2]), batch = Integer.parseInt(a[3]);
        double sp = Double.parseDouble(a[4]);
        Kernels k = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(2);
        float[] x = u(r, batch * cin * hw), w = u(r, cout * cin), y = new float[batch * cout * hw], dy = u(r, batch * cout * hw), dx = new float[batch * cin * hw];
        float[] mask = new float[w.length]; for (int i = 0; i < w.length; i++) mask[i] = r.nextDouble() >= sp ? 1f : 0f;
        CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, cout, cin), ct = cw.transpose();
        int reps = Integer.getInteger("reps", 10);
        for (int round = 0; round < Integer.getInteger("rounds", 8); round++) {
            long best = Long.MAX_VALUE, bestT = Long.MAX_VALUE;
            for (int b = 0; b < 3; b++) {
                long t0 = System.nanoTime(); for (int i = 0; i < reps; i++) k.spmmImages(cw, hw, batch, x, 0, y, 0, null, false); best = Math.min(best, System.nanoTime() - t0);
                t0 = System.nanoTime(); for (int i = 0; i < reps; i++) k.spmmImages(ct, hw, batch, dy, 0, dx, 0, null, false); bestT = Math.min(bestT, System.nanoTime() - t0);
            }
            System.out.printf("fwd %.3f ms  dX %.3f ms  y[7]=%s%n", best / 1e6 / reps, bestT / 1e6 / reps, Float.floatToIntBits(y[7]) + "/" + Float.floatToIntBits(dx[7]));
        }
    }
    static float[] u(SplittableRandom r, int n) { float[] f = new float[n]; for (int i = 0; i < n; i++) f[i] = (float) (r.nextDouble() * 2 - 1); return f; }
}
