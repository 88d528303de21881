/*
 * Session 33: one JVM, alternating weights whose plans were built under different settings (properties set before
 * each weight's first call). The channel-block A/B ran on a build with a temporary switch, -Dprune4j.oldspan=true
 * for the old 4-vector span (jar of that build: /work/frozen/s33h on the sitting's machine); the committed code has
 * no switch. Usage: BudgetAB cin cout hw stride batch sparsity "k=v,...;k=v,..." with -Drounds -Dreps -Dwarmup.
 * Without the warm-up loop (its first version) one call per variant left the kernels interpreted and every figure
 * 2-3x high: only the runs with -Dwarmup count.
 */
import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.sparse.SparseConv2d;
/** Alternates weights whose channel blocks were planned under different settings (props set before each first use). */
public class BudgetAB {
    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), hw = Integer.parseInt(a[2]), stride = Integer.parseInt(a[3]), batch = Integer.parseInt(a[4]);
        double sp = Double.parseDouble(a[5]); String[] variants = a[6].split(";");
        ConvGeometry g = ConvGeometry.of(batch, cin, hw, hw, cout, 3, stride, 1, 1);
        SplittableRandom r = new SplittableRandom(2);
        float[] x = u(r, g.inputSize()), w = u(r, g.weightSize()), dy = u(r, g.outputSize()), y = new float[g.outputSize()], dx = new float[g.inputSize()];
        float[] mask = new float[w.length]; for (int i = 0; i < w.length; i++) mask[i] = r.nextDouble() >= sp ? 1f : 0f;
        int nv = variants.length; CsrMatrix[] cw = new CsrMatrix[nv];
        for (int v = 0; v < nv; v++) {
            for (String kv : variants[v].split(",")) { if (kv.isEmpty()) continue; String[] p = kv.split("="); if (p[1].equals("-")) System.clearProperty(p[0]); else System.setProperty(p[0], p[1]); }
            cw[v] = CsrMatrix.fromDenseMasked(w, 0, mask, cout, g.patchSize());
            float[] dv = new float[cw[v].nnz()];
            SparseConv2d.forward(g, cw[v], x, null, false, y); SparseConv2d.backward(g, cw[v], x, dy, dx, dv);
        }
        // Warm-up: every kernel compiled by C2 before the timed rounds (one call per variant left them interpreted).
        for (int i = 0; i < Integer.getInteger("warmup", 40); i++) for (int v = 0; v < nv; v++) {
            SparseConv2d.forward(g, cw[v], x, null, false, y); SparseConv2d.backward(g, cw[v], x, dy, dx, new float[cw[v].nnz()]);
        }
        float[] dv = new float[cw[0].nnz()];
        double[][] f = new double[nv][Integer.getInteger("rounds", 15)], b = new double[nv][f[0].length];
        int reps = Integer.getInteger("reps", 10);
        for (int round = 0; round < f[0].length; round++) for (int v = 0; v < nv; v++) {
            CsrMatrix c = cw[v];
            long t0 = System.nanoTime(); for (int i = 0; i < reps; i++) SparseConv2d.forward(g, c, x, null, false, y); long t1 = System.nanoTime();
            for (int i = 0; i < reps; i++) SparseConv2d.backward(g, c, x, dy, dx, dv); long t2 = System.nanoTime();
            f[v][round] = (t1 - t0) / 1e6 / reps; b[v][round] = (t2 - t1) / 1e6 / reps;
        }
        for (int v = 0; v < nv; v++) System.out.printf("%-40s fwd median %.3f  bwd median %.3f  step %.3f%n", variants[v], med(f[v]), med(b[v]), med(f[v]) + med(b[v]));
    }
    static double med(double[] d) { double[] c = d.clone(); java.util.Arrays.sort(c); return c[c.length / 2]; }
    static float[] u(SplittableRandom r, int n) { float[] f = new float[n]; for (int i = 0; i < n; i++) f[i] = (float) (r.nextDouble() * 2 - 1); return f; }
}
