package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;
import java.util.Random;

public class DenseTrainCrash {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]), iters = Integer.parseInt(a[4]);
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, 1, 1, 1);
        var k = org.prune4j.core.kernels.Backends.select("simd");
        Random r = new Random(1);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
        for (int i = 0; i < dy.length; i++) dy[i] = r.nextFloat();
        long t0 = System.nanoTime();
        for (int i = 0; i < iters; i++) {
            String step = System.getProperty("step", "all");
            if (step.equals("all") || step.equals("fwd")) k.conv2dForward(g, x, w, null, y);
            if (step.equals("all") || step.equals("bd")) k.conv2dBackwardData(g, dy, w, dx);
            if (step.equals("all") || step.equals("bw")) k.conv2dBackwardWeight(g, x, dy, dw);
        }
        System.out.printf("ok %.1f ms/step%n", (System.nanoTime() - t0) / 1e6 / iters);
    }
}
