/* Session 34: CsrSpmm (Kernels.spmm) with B read at a 64-byte line against one float off it (in-place shapes:
 * k <= 160). One JVM, 2 threads, alternating, medians. Usage: SpmmAl m k n sparsity */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
public class SpmmAl {
    public static void main(String[] a) {
        int m = Integer.parseInt(a[0]), k = Integer.parseInt(a[1]), n = Integer.parseInt(a[2]); double sp = Double.parseDouble(a[3]);
        Kernels ker = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(3);
        float[] w = new float[m * k], mask = new float[m * k];
        for (int i = 0; i < w.length; i++) { w[i] = (float) (r.nextDouble() * 2 - 1); mask[i] = r.nextDouble() >= sp ? 1f : 0f; }
        CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, m, k);
        float[] b = new float[k * n + 64]; for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble();
        float[] c = new float[m * n + 64];
        int[] shifts = {0, 1, 4, 8};
        for (int round = 0; round < 4; round++) {
            StringBuilder sb = new StringBuilder();
            for (int sh : shifts) {
                int bo = org.prune4j.simd.Aligned.offset(b) + sh, co = org.prune4j.simd.Aligned.offset(c);
                for (int i = 0; i < 30; i++) ker.spmm(cw, n, b, bo, c, co, null, false, false);
                long[] t = new long[31];
                for (int i = 0; i < t.length; i++) { long t0 = System.nanoTime(); ker.spmm(cw, n, b, bo, c, co, null, false, false); t[i] = System.nanoTime() - t0; }
                java.util.Arrays.sort(t);
                sb.append(String.format("B+%d %.4f  ", sh, t[15] / 1e6));
            }
            System.out.println(m + "x" + k + "x" + n + ": " + sb + "ms");
        }
    }
}
