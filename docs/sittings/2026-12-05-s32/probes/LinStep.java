import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;

public class LinStep {
    public static void main(String[] a) {
        int out = Integer.parseInt(a[0]), in = Integer.parseInt(a[1]), batch = Integer.parseInt(a[2]);
        double sp = Double.parseDouble(a[3]);
        Kernels k = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(6);
        float[] w = new float[out*in], x = new float[batch*in], y = new float[batch*out], dy = new float[batch*out], dx = new float[batch*in],
            gt = new float[out*batch], xt = new float[in*batch];
        for (int i=0;i<w.length;i++) w[i]=(float)r.nextDouble();
        for (int i=0;i<x.length;i++) x[i]=(float)r.nextDouble();
        for (int i=0;i<dy.length;i++) dy[i]=(float)r.nextDouble();
        float[] mask = new float[out*in];
        for (int i=0;i<mask.length;i++) mask[i] = r.nextDouble() >= sp ? 1f : 0f;
        CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, out, in), cwt = cw.transpose();
        float[] vals = new float[cw.nnz()];
        String[] names = {"fwd", "dxT", "permG", "permX", "sddmm", "denseFwd", "denseDx", "denseDw"};
        Runnable[] parts = {
            () -> k.sparseLinear(cw, batch, x, 0, y, 0, null, false, false),
            () -> k.sparseLinear(cwt, batch, dy, 0, dx, 0, null, false, false),
            () -> k.permute(new int[]{batch, out}, new int[]{1,0}, dy, gt),
            () -> k.permute(new int[]{batch, in}, new int[]{1,0}, x, xt),
            () -> k.sddmm(cw, batch, gt, 0, xt, 0, vals, false),
            () -> k.gemm(false, true, batch, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out),
            () -> k.gemm(false, false, batch, in, out, 1f, dy, 0, out, w, 0, in, 0f, dx, 0, in),
            () -> k.gemm(true, false, out, in, batch, 1f, dy, 0, out, x, 0, in, 0f, w, 0, in),
        };
        for (int round = 0; round < Integer.getInteger("rounds", 6); round++) {
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < parts.length; p++) { if (System.getProperty("only") != null && !names[p].equals(System.getProperty("only"))) continue;
                int reps = 200;
                long best = Long.MAX_VALUE;
                for (int b = 0; b < 5; b++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) parts[p].run();
                    best = Math.min(best, System.nanoTime() - t0);
                }
                sb.append(String.format("%s %.3f  ", names[p], best / 1e6 / reps));
            }
            System.out.println(sb);
        }
    }
}
