package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;

/** Lowering of 8 images of a stride-2 3x3 layer through Im2col.lower (whatever the jar's path is). */
public class LowerProbe2 {
    public static void main(String[] a) {
        int n = 8, cin = Integer.parseInt(a[0]), h = Integer.parseInt(a[1]);
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, 32, 3, 2, 1, 1);
        int ohw = g.outH() * g.outW(), ld = n * ohw;
        float[] x = new float[n * cin * h * h];
        for (int i = 0; i < x.length; i++) x[i] = i % 7;
        float[] cols = new float[g.patchSize() * ld];
        long[] best = new long[8];
        for (int round = 0; round < 8; round++) {
            best[round] = Long.MAX_VALUE;
            for (int rep = 0; rep < 200; rep++) {
                long t0 = System.nanoTime();
                for (int img = 0; img < n; img++) Im2col.lower(g, x, img, 0, cols, img * ohw, ld);
                best[round] = Math.min(best[round], System.nanoTime() - t0);
            }
        }
        System.out.printf("cin %d %dx%d: lower best %.1f us, %.1f us%n", cin, h, h, best[6] / 1e3, best[7] / 1e3);
    }
}
