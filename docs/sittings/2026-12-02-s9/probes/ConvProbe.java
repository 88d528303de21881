package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;
import java.util.Random;

public class ConvProbe {
    public static void main(String[] a) {
        // args: N cin H cout pass reps
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]);
        String pass = a[4]; int reps = Integer.parseInt(a[5]);
        int stride = a.length > 6 ? Integer.parseInt(a[6]) : 1;
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, stride, 1, Integer.getInteger("groups", 1));
        if (System.getProperty("t") != null) org.prune4j.core.kernels.Parallel.setThreads(Integer.getInteger("t"));
        Random r = new Random(1);
        float[] x = new float[n * cin * h * h], w = new float[g.weightSize()], y = new float[n * cout * g.outH() * g.outW()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
        for (int i = 0; i < y.length; i++) y[i] = r.nextFloat();
        float[] dw = new float[w.length];
        double best = 1e9; double[] ts = new double[reps];
        for (int it = 0; it < reps; it++) {
            long t0 = System.nanoTime();
            for (int q = 0; q < 10; q++) {
                if (pass.equals("fwd")) ConvKernels.forward(g, x, w, null, y);
                else if (pass.equals("bw")) ConvKernels.backwardWeight(g, x, y, dw);
                else ConvKernels.backwardData(g, y, w, x);
            }
            ts[it] = (System.nanoTime() - t0) / 10e6;
        }
        java.util.Arrays.sort(ts);
        System.out.printf("%s %s median %.3f ms best %.3f ms%n", g, pass, ts[reps / 2], ts[0]);
    }
}
