/* Session 33: a 3x3 layer's sparse forward, input and weight gradients (alone and combined) and its dense twin's
 * passes, best of 5 batches per round. Usage: ConvParts cin cout hw stride batch sparsity [-Donly=fwd,bwdBoth ...]. */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.sparse.SparseConv2d;
public class ConvParts {
    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), hw = Integer.parseInt(a[2]), stride = Integer.parseInt(a[3]), batch = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]);
        ConvGeometry g = ConvGeometry.of(batch, cin, hw, hw, cout, 3, stride, 1, 1);
        Kernels k = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(2);
        float[] x = u(r, g.inputSize()), w = u(r, g.weightSize()), dy = u(r, g.outputSize()), y = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        float[] mask = new float[w.length]; for (int i = 0; i < w.length; i++) mask[i] = r.nextDouble() >= sp ? 1f : 0f;
        CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, cout, g.patchSize());
        float[] dv = new float[cw.nnz()];
        String[] names = {"fwd", "bwdData", "bwdWeight", "bwdBoth", "dFwd", "dBwdData", "dBwdWeight"};
        Runnable[] parts = {
            () -> SparseConv2d.forward(g, cw, x, null, false, y),
            () -> SparseConv2d.backwardData(g, cw, dy, dx),
            () -> SparseConv2d.backwardWeight(g, cw, x, dy, dv),
            () -> SparseConv2d.backward(g, cw, x, dy, dx, dv),
            () -> k.conv2dForward(g, x, w, null, y),
            () -> k.conv2dBackwardData(g, dy, w, dx),
            () -> k.conv2dBackwardWeight(g, x, dy, dw),
        };
        String only = System.getProperty("only");
        for (int round = 0; round < Integer.getInteger("rounds", 5); round++) {
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < parts.length; p++) { if (only != null && !only.contains(names[p])) continue;
                int reps = Integer.getInteger("reps", 20); long best = Long.MAX_VALUE;
                for (int b = 0; b < 5; b++) { long t0 = System.nanoTime(); for (int i = 0; i < reps; i++) parts[p].run(); best = Math.min(best, System.nanoTime() - t0); }
                sb.append(String.format("%s %.3f  ", names[p], best / 1e6 / reps));
            }
            System.out.println(sb);
        }
    }
    static float[] u(SplittableRandom r, int n) { float[] f = new float[n]; for (int i = 0; i < n; i++) f[i] = (float) (r.nextDouble() * 2 - 1); return f; }
}
