/* Session 34: the sparse Linear step's parts at out x in x batch, one JVM, 2 threads. Usage: LinParts out in batch sparsity */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
public class LinParts {
    static float[] u(SplittableRandom r, int n) { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1); return a; }
    interface Job { void run(); }
    public static void main(String[] a) {
        int out = Integer.parseInt(a[0]), in = Integer.parseInt(a[1]), b = Integer.parseInt(a[2]); double sp = Double.parseDouble(a[3]);
        Kernels k = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(6);
        float[] w = u(r, out * in), x = u(r, b * in), y = new float[b * out], dy = u(r, b * out), dx = new float[b * in], dw = new float[out * in], gt = new float[out * b], xt = new float[in * b];
        SplittableRandom rm = new SplittableRandom(7); float[] mask = new float[out * in]; for (int i = 0; i < mask.length; i++) mask[i] = rm.nextDouble() >= sp ? 1f : 0f;
        CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, out, in), cwt = cw.transpose(); float[] vals = new float[cw.nnz()];
        String[] names = {"fwd", "dX", "permDy", "permX", "sddmm", "dFwd", "dDX", "dDW"};
        Job[] jobs = {
            () -> k.sparseLinear(cw, b, x, 0, y, 0, null, false, false),
            () -> k.sparseLinear(cwt, b, dy, 0, dx, 0, null, false, false),
            () -> k.permute(new int[] {b, out}, new int[] {1, 0}, dy, gt),
            () -> k.permute(new int[] {b, in}, new int[] {1, 0}, x, xt),
            () -> k.sddmm(cw, b, gt, 0, xt, 0, vals, false),
            () -> k.gemm(false, true, b, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out),
            () -> k.gemm(false, false, b, in, out, 1f, dy, 0, out, w, 0, in, 0f, dx, 0, in),
            () -> k.gemm(true, false, out, in, b, 1f, dy, 0, out, x, 0, in, 0f, dw, 0, in)};
        for (int round = 0; round < 6; round++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < jobs.length; j++) {
                long[] t = new long[31];
                for (int i = 0; i < t.length; i++) { long t0 = System.nanoTime(); jobs[j].run(); t[i] = System.nanoTime() - t0; }
                java.util.Arrays.sort(t);
                sb.append(String.format("%s %.3f  ", names[j], t[t.length / 2] / 1e6));
            }
            System.out.println(sb);
        }
    }
}
