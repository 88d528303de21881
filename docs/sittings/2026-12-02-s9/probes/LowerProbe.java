package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;

public class LowerProbe {
    public static void main(String[] a) {
        int n = 8, cin = Integer.parseInt(a[0]), h = Integer.parseInt(a[1]);
        boolean small = a.length > 2;
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, 32, 3, 2, 1, 1);
        int ohw = g.outH() * g.outW(), ld = n * ohw, patch = g.patchSize();
        float[] x = new float[n * cin * h * h];
        for (int i = 0; i < x.length; i++) x[i] = i % 7;
        float[] cols = new float[patch * ld], dx = new float[x.length];
        for (int round = 0; round < 8; round++) {
            for (int mode = 0; mode < 2; mode++) {
                long best = Long.MAX_VALUE, bestR = Long.MAX_VALUE;
                for (int rep = 0; rep < 200; rep++) {
                    long t0 = System.nanoTime();
                    for (int img = 0; img < n; img++) lower(g, x, img, cols, img * ohw, ld, mode == 1);
                    long t1 = System.nanoTime();
                    for (int img = 0; img < n; img++) raise(g, cols, img * ohw, ld, dx, img, mode == 1);
                    long t2 = System.nanoTime();
                    best = Math.min(best, t1 - t0); bestR = Math.min(bestR, t2 - t1);
                }
                if (round >= 6) System.out.printf("%s lower %.1f us raise %.1f us (8 images, cols %d KB)%n", mode == 1 ? "vector" : "scalar", best / 1e3, bestR / 1e3, cols.length / 256);
            }
        }
    }

    static void lower(ConvGeometry g, float[] x, int n, float[] cols, int colOff, int ld, boolean vec) {
        int ow = g.outW(), h = g.inH(), w = g.inW(), row = 0;
        for (int ci = 0; ci < g.inChannels(); ci++) {
            int plane = (n * g.inChannels() + ci) * h * w;
            for (int ky = 0; ky < 3; ky++) for (int kx = 0; kx < 3; kx++, row++) {
                int dst = row * ld + colOff, xShift = kx - 1;
                int oxLo = Im2col.firstValid(xShift, 2), oxHi = Im2col.lastValidExclusive(xShift, 2, w, ow);
                if (vec) StridedRows.lower(g, x, plane, ky, xShift, oxLo, oxHi, cols, dst);
                else for (int oy = 0; oy < g.outH(); oy++) Im2col.lowerRow(g, x, plane, oy, ky, xShift, oxLo, oxHi, cols, dst + oy * ow);
            }
        }
    }

    static void raise(ConvGeometry g, float[] cols, int colOff, int ld, float[] dx, int n, boolean vec) {
        int ow = g.outW(), h = g.inH(), w = g.inW(), row = 0;
        int image = n * g.inChannels() * h * w, end = image + g.inChannels() * h * w;
        for (int ci = 0; ci < g.inChannels(); ci++) {
            int plane = image + ci * h * w;
            for (int ky = 0; ky < 3; ky++) for (int kx = 0; kx < 3; kx++, row++) {
                int src = row * ld + colOff, xShift = kx - 1;
                int oxLo = Im2col.firstValid(xShift, 2), oxHi = Im2col.lastValidExclusive(xShift, 2, w, ow);
                if (vec) StridedRows.raiseAdd(g, cols, src, dx, plane, image, end, ky, xShift, oxLo, oxHi);
                else for (int oy = 0; oy < g.outH(); oy++) Im2col.raiseRow(g, cols, src + oy * ow, dx, plane, oy, ky, xShift, oxLo, oxHi);
            }
        }
    }
}
