package org.prune4j.simd;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.kernels.PoolGeometry;

import java.util.Arrays;

/**
 * Max and average pooling, planes in parallel. Each window is clipped to the image
 * once (not tested per tap), and the comparison is the oracle's, so ties keep the first
 * index and a NaN wins. Backward passes touch only their own plane, so planes are
 * independent and the scatter needs no synchronisation.
 */
final class Pooling {
    private Pooling() {}

    private static int minPlanes(PoolGeometry p) {
        return Math.max(1, 8192 / Math.max(1, p.inH() * p.inW()));
    }

    static void maxForward(PoolGeometry p, float[] x, float[] y, int[] argmax) {
        Parallel.forRange(p.batch() * p.channels(), minPlanes(p), (from, to) -> {
            int oh = p.outH(), ow = p.outW();
            for (int nc = from; nc < to; nc++)
                for (int oy = 0; oy < oh; oy++) {
                    int y0 = oy * p.strideH() - p.padH(), yLo = Math.max(0, y0), yHi = Math.min(p.inH(), y0 + p.kernelH());
                    for (int ox = 0; ox < ow; ox++) {
                        int x0 = ox * p.strideW() - p.padW(), xLo = Math.max(0, x0), xHi = Math.min(p.inW(), x0 + p.kernelW());
                        float best = Float.NEGATIVE_INFINITY;
                        int bestIdx = -1;
                        for (int iy = yLo; iy < yHi; iy++) {
                            int row = (nc * p.inH() + iy) * p.inW();
                            for (int ix = xLo; ix < xHi; ix++) {
                                float v = x[row + ix];
                                if (bestIdx < 0 || v > best || Float.isNaN(v) && !Float.isNaN(best)) {
                                    best = v;
                                    bestIdx = row + ix;
                                }
                            }
                        }
                        int o = (nc * oh + oy) * ow + ox;
                        y[o] = best;
                        argmax[o] = bestIdx;
                    }
                }
        });
    }

    static void maxBackward(PoolGeometry p, float[] dy, int[] argmax, float[] dx) {
        int in = p.inH() * p.inW(), out = p.outH() * p.outW();
        Parallel.forRange(p.batch() * p.channels(), minPlanes(p), (from, to) -> {
            Arrays.fill(dx, from * in, to * in, 0f);
            for (int o = from * out; o < to * out; o++) dx[argmax[o]] += dy[o];
        });
    }

    static void avgForward(PoolGeometry p, float[] x, float[] y) {
        float inv = 1f / (p.kernelH() * p.kernelW());
        Parallel.forRange(p.batch() * p.channels(), minPlanes(p), (from, to) -> {
            int oh = p.outH(), ow = p.outW();
            for (int nc = from; nc < to; nc++)
                for (int oy = 0; oy < oh; oy++) {
                    int y0 = oy * p.strideH() - p.padH(), yLo = Math.max(0, y0), yHi = Math.min(p.inH(), y0 + p.kernelH());
                    for (int ox = 0; ox < ow; ox++) {
                        int x0 = ox * p.strideW() - p.padW(), xLo = Math.max(0, x0), xHi = Math.min(p.inW(), x0 + p.kernelW());
                        float s = 0f;
                        for (int iy = yLo; iy < yHi; iy++) {
                            int row = (nc * p.inH() + iy) * p.inW();
                            for (int ix = xLo; ix < xHi; ix++) s += x[row + ix];
                        }
                        y[(nc * oh + oy) * ow + ox] = s * inv;
                    }
                }
        });
    }

    static void avgBackward(PoolGeometry p, float[] dy, float[] dx) {
        float inv = 1f / (p.kernelH() * p.kernelW());
        int in = p.inH() * p.inW();
        Parallel.forRange(p.batch() * p.channels(), minPlanes(p), (from, to) -> {
            Arrays.fill(dx, from * in, to * in, 0f);
            int oh = p.outH(), ow = p.outW();
            for (int nc = from; nc < to; nc++)
                for (int oy = 0; oy < oh; oy++) {
                    int y0 = oy * p.strideH() - p.padH(), yLo = Math.max(0, y0), yHi = Math.min(p.inH(), y0 + p.kernelH());
                    for (int ox = 0; ox < ow; ox++) {
                        int x0 = ox * p.strideW() - p.padW(), xLo = Math.max(0, x0), xHi = Math.min(p.inW(), x0 + p.kernelW());
                        float d = dy[(nc * oh + oy) * ow + ox] * inv;
                        for (int iy = yLo; iy < yHi; iy++) {
                            int row = (nc * p.inH() + iy) * p.inW();
                            for (int ix = xLo; ix < xHi; ix++) dx[row + ix] += d;
                        }
                    }
                }
        });
    }
}
