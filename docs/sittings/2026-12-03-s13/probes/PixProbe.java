// Session 13 probe: PixelConv (pf/pd/pw) or ConvKernels (f/dd/dw) on a 3x3 "same" layer: java -cp <jar>:<lib>/* org.prune4j.simd.PixProbe N Cin H Cout mode
package org.prune4j.simd;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import java.util.Random;
public class PixProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]);
        String mode = a[4];
        ConvGeometry g = new ConvGeometry(n, cin, h, h, cout, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        Random r = new Random(1);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], y = new float[g.outputSize()], dw = new float[g.weightSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat(); for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int q = 0; q < 10; q++) {
                switch (mode) {
                    case "pf" -> PixelConv.forward(g, x, w, null, y);
                    case "pw" -> PixelConv.backwardWeight(g, x, y, dw);
                    case "pd" -> PixelConv.backwardData(g, y, w, x);
                    case "dd" -> ConvKernels.backwardData(g, y, w, x);
                    case "dw" -> ConvKernels.backwardWeight(g, x, y, dw);
                    case "gemm" -> { // the bare GEMMs of a 2x2 forward: 4 pixels x 2 rows, M=cout, N=n, K=2cin
                        float[] xt = new float[4 * cin * n], yt = new float[4 * cout * n];
                        for (int p = 0; p < 8; p++) Sgemm.gemm(false, false, cout, n, 2 * cin, 1f, w, 0, 9 * cin, xt, 0, n, 0f, yt, 0, n);
                    }
                    default -> ConvKernels.forward(g, x, w, null, y);
                }
            }
            System.out.printf("%.2f ", (System.nanoTime() - t0) / 1e6 / 10);
        }
        System.out.println(); 
    }
}
