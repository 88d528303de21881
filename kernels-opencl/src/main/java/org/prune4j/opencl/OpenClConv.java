package org.prune4j.opencl;

import org.prune4j.core.kernels.ConvGeometry;

/**
 * Dense convolution as im2col + one batched GEMM over the groups, on chunks of
 * images small enough for the column buffer to fit the device's allocation limit.
 * The backward passes use the same column layout: the input gradient is a GEMM into
 * columns followed by col2im as a gather, the weight gradient a GEMM over all
 * columns of a chunk, accumulated across chunks with beta = 1. No float atomics.
 */
final class OpenClConv extends KernelFamily {
    private static final String FILE = "conv.cl";
    /** Column buffers above this many floats are split over smaller image chunks. */
    private static final long COLUMN_BUDGET_FLOATS = 32L << 20;

    private final OpenClGemm gemm;

    OpenClConv(OpenClContext ctx, OpenClKernels owner, OpenClGemm gemm) {
        super(ctx, owner);
        this.gemm = gemm;
    }

    /** Images per chunk so that the column matrix stays within budget and the device's max allocation. */
    private int chunk(ConvGeometry g) {
        long perImage = (long) g.inChannels() * g.kernelH() * g.kernelW() * g.outH() * g.outW();
        long budget = Math.min(COLUMN_BUDGET_FLOATS, ctx.info().maxAllocationBytes() / Float.BYTES);
        return (int) Math.max(1, Math.min(g.batch(), budget / Math.max(1, perImage)));
    }

    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        if (g.batch() == 0) return;
        int ohw = g.outH() * g.outW(), patch = g.patchSize(), coutG = g.outChannelsPerGroup();
        int nb = chunk(g);
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dw = s.in(w), db = bias == null ? dw : s.in(bias);
            DeviceBuffer dy = s.out(y, y.length == g.outputSize());
            DeviceBuffer col = s.scratch((long) g.inChannels() * g.kernelH() * g.kernelW() * nb * ohw);
            DeviceBuffer t = s.scratch((long) g.outChannels() * nb * ohw);
            for (int n0 = 0; n0 < g.batch(); n0 += nb) {
                int cnt = Math.min(nb, g.batch() - n0), cols = cnt * ohw;
                im2col(g, n0, cnt, dx, col);
                // t[g][coutG][cols] = W_g [coutG x patch] * col_g [patch x cols]
                gemm.run(false, false, coutG, cols, patch, 1f, dw, 0, patch, coutG * patch,
                        col, 0, cols, patch * cols, 0f, t, 0, cols, coutG * cols, g.groups());
                int total = cnt * g.outChannels() * ohw;
                launch(FILE, "cnhw_to_nchw").arg(total).arg(n0).arg(cnt).arg(g.outChannels()).arg(ohw)
                        .arg(t).arg(db).arg(bias == null ? 0 : 1).arg(dy).run1d(total);
            }
        }
    }

    void backwardData(ConvGeometry g, float[] dyArr, float[] w, float[] dxArr) {
        if (g.batch() == 0) return;
        int ohw = g.outH() * g.outW(), patch = g.patchSize(), coutG = g.outChannelsPerGroup();
        int nb = chunk(g);
        try (CallScope s = scope()) {
            DeviceBuffer dy = s.in(dyArr), dw = s.in(w);
            DeviceBuffer dx = s.out(dxArr, dxArr.length == g.inputSize());
            DeviceBuffer col = s.scratch((long) g.inChannels() * g.kernelH() * g.kernelW() * nb * ohw);
            DeviceBuffer t = s.scratch((long) g.outChannels() * nb * ohw);
            for (int n0 = 0; n0 < g.batch(); n0 += nb) {
                int cnt = Math.min(nb, g.batch() - n0), cols = cnt * ohw;
                toCnhw(g, n0, cnt, dy, t);
                // dcol_g [patch x cols] = W_g^T [patch x coutG] * t_g [coutG x cols]
                gemm.run(true, false, patch, cols, coutG, 1f, dw, 0, patch, coutG * patch,
                        t, 0, cols, coutG * cols, 0f, col, 0, cols, patch * cols, g.groups());
                int total = cnt * g.inChannels() * g.inH() * g.inW();
                geometry(launch(FILE, "col2im").arg(total).arg(n0).arg(cnt), g).arg(col).arg(dx).run1d(total);
            }
        }
    }

    void backwardWeight(ConvGeometry g, float[] x, float[] dyArr, float[] dwArr) {
        int ohw = g.outH() * g.outW(), patch = g.patchSize(), coutG = g.outChannelsPerGroup();
        int nb = chunk(g);
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dy = s.in(dyArr);
            DeviceBuffer dw = s.out(dwArr, dwArr.length == g.weightSize());
            if (g.batch() == 0) {
                // An empty batch contributes nothing: the gradient is zero (GEMM with k = 0 and beta = 0).
                gemm.run(false, true, coutG, patch, 0, 1f, dy, 0, 1, 0, dx, 0, 1, 0, 0f, dw, 0, patch, coutG * patch, g.groups());
                return;
            }
            DeviceBuffer col = s.scratch((long) g.inChannels() * g.kernelH() * g.kernelW() * nb * ohw);
            DeviceBuffer t = s.scratch((long) g.outChannels() * nb * ohw);
            for (int n0 = 0; n0 < g.batch(); n0 += nb) {
                int cnt = Math.min(nb, g.batch() - n0), cols = cnt * ohw;
                im2col(g, n0, cnt, dx, col);
                toCnhw(g, n0, cnt, dy, t);
                // dW_g [coutG x patch] (+)= t_g [coutG x cols] * col_g^T [cols x patch]
                gemm.run(false, true, coutG, patch, cols, 1f, t, 0, cols, coutG * cols,
                        col, 0, cols, patch * cols, n0 == 0 ? 0f : 1f, dw, 0, patch, coutG * patch, g.groups());
            }
        }
    }

    private void im2col(ConvGeometry g, int n0, int cnt, DeviceBuffer x, DeviceBuffer col) {
        long total = (long) g.inChannels() * g.kernelH() * g.kernelW() * cnt * g.outH() * g.outW();
        geometry(launch(FILE, "im2col").arg((int) total).arg(n0).arg(cnt), g).arg(x).arg(col).run1d(total);
    }

    private void toCnhw(ConvGeometry g, int n0, int cnt, DeviceBuffer dy, DeviceBuffer t) {
        int ohw = g.outH() * g.outW(), total = cnt * g.outChannels() * ohw;
        launch(FILE, "nchw_to_cnhw").arg(total).arg(n0).arg(cnt).arg(g.outChannels()).arg(ohw).arg(dy).arg(t).run1d(total);
    }

    /** The shared geometry arguments cin, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow. */
    private static KernelLaunch geometry(KernelLaunch l, ConvGeometry g) {
        return l.arg(g.inChannels()).arg(g.inH()).arg(g.inW()).arg(g.kernelH()).arg(g.kernelW())
                .arg(g.strideH()).arg(g.strideW()).arg(g.padH()).arg(g.padW())
                .arg(g.dilationH()).arg(g.dilationW()).arg(g.outH()).arg(g.outW());
    }
}
