package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

import java.util.Arrays;

/**
 * Dense convolution as GEMM: a 1x1 stride-1 conv is a GEMM straight over NCHW
 * (Y[n] = W·X[n]); anything else lowers each image and group with {@link Im2col}
 * into a per-thread scratch buffer. Forward and backward-data run images in parallel
 * when the batch can feed every thread (the GEMM inside then runs inline); with a
 * small batch the images run in turn and the GEMM parallelises over its own tiles.
 * Backward-weight sums per-image products into one partial per batch chunk and adds
 * the partials in chunk order, so the result depends only on the thread count.
 * Depthwise convolutions go to {@link DepthwiseConv}.
 */
final class ConvKernels {
    private ConvKernels() {}

    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        if (g.batch() == 0) return;
        if (g.isDepthwise()) {
            DepthwiseConv.forward(g, x, w, bias, y);
            return;
        }
        forEachImage(g, n -> {
            forwardImage(g, x, w, y, n);
            if (bias != null) Elementwise.addChannelBias(g.outChannels(), g.outH() * g.outW(), y, n * g.outChannels() * g.outH() * g.outW(), bias);
        });
    }

    private static void forwardImage(ConvGeometry g, float[] x, float[] w, float[] y, int n) {
        int ohw = g.outH() * g.outW(), coutG = g.outChannelsPerGroup(), patch = g.patchSize();
        if (g.isPointwise()) {
            Sgemm.gemm(false, false, g.outChannels(), ohw, g.inChannels(), 1f, w, 0, g.inChannels(),
                    x, n * g.inChannels() * ohw, ohw, 0f, y, n * g.outChannels() * ohw, ohw);
            return;
        }
        float[] cols = Scratch.get().floats(Scratch.COLUMNS, patch * ohw);
        for (int grp = 0; grp < g.groups(); grp++) {
            Im2col.lower(g, x, n, grp * g.inChannelsPerGroup(), cols);
            Sgemm.gemm(false, false, coutG, ohw, patch, 1f, w, grp * coutG * patch, patch,
                    cols, 0, ohw, 0f, y, (n * g.outChannels() + grp * coutG) * ohw, ohw);
        }
    }

    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        if (g.batch() == 0) return;
        if (g.isDepthwise()) {
            DepthwiseConv.backwardData(g, dy, w, dx);
            return;
        }
        int ohw = g.outH() * g.outW(), hw = g.inH() * g.inW(), coutG = g.outChannelsPerGroup(), patch = g.patchSize();
        forEachImage(g, n -> {
            if (g.isPointwise()) {
                Sgemm.gemm(true, false, g.inChannels(), ohw, g.outChannels(), 1f, w, 0, g.inChannels(),
                        dy, n * g.outChannels() * ohw, ohw, 0f, dx, n * g.inChannels() * hw, hw);
                return;
            }
            Arrays.fill(dx, n * g.inChannels() * hw, (n + 1) * g.inChannels() * hw, 0f);
            float[] cols = Scratch.get().floats(Scratch.COLUMNS, patch * ohw);
            for (int grp = 0; grp < g.groups(); grp++) {
                Sgemm.gemm(true, false, patch, ohw, coutG, 1f, w, grp * coutG * patch, patch,
                        dy, (n * g.outChannels() + grp * coutG) * ohw, ohw, 0f, cols, 0, ohw);
                Im2col.raiseAdd(g, cols, dx, n, grp * g.inChannelsPerGroup());
            }
        });
    }

    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        if (g.isDepthwise()) {
            DepthwiseConv.backwardWeight(g, x, dy, dw);
            return;
        }
        int size = g.weightSize();
        int batch = g.batch();
        if (batch == 0) {
            Arrays.fill(dw, 0, size, 0f);
            return;
        }
        int chunks = batch >= Parallel.threads() ? Parallel.threads() : 1;
        float[][] partial = new float[chunks][];
        partial[0] = dw;
        for (int c = 1; c < chunks; c++) partial[c] = new float[size];
        Parallel.forRange(chunks, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                int n0 = (int) ((long) batch * c / chunks), n1 = (int) ((long) batch * (c + 1) / chunks);
                for (int n = n0; n < n1; n++) weightImage(g, x, dy, partial[c], n, n == n0);
            }
        });
        for (int c = 1; c < chunks; c++) Elementwise.addInto(size, partial[c], 0, dw, 0);
    }

    /** dw (+)= dY[n]·cols[n]ᵀ per group; overwrites when first. */
    private static void weightImage(ConvGeometry g, float[] x, float[] dy, float[] dw, int n, boolean first) {
        int ohw = g.outH() * g.outW(), coutG = g.outChannelsPerGroup(), patch = g.patchSize();
        float beta = first ? 0f : 1f;
        if (g.isPointwise()) {
            Sgemm.gemm(false, true, g.outChannels(), g.inChannels(), ohw, 1f, dy, n * g.outChannels() * ohw, ohw,
                    x, n * g.inChannels() * ohw, ohw, beta, dw, 0, g.inChannels());
            return;
        }
        float[] cols = Scratch.get().floats(Scratch.COLUMNS, patch * ohw);
        for (int grp = 0; grp < g.groups(); grp++) {
            Im2col.lower(g, x, n, grp * g.inChannelsPerGroup(), cols);
            Sgemm.gemm(false, true, coutG, patch, ohw, 1f, dy, (n * g.outChannels() + grp * coutG) * ohw, ohw,
                    cols, 0, ohw, beta, dw, grp * coutG * patch, patch);
        }
    }

    /** Runs body per image: in parallel over images when the batch can occupy every thread. */
    private static void forEachImage(ConvGeometry g, java.util.function.IntConsumer body) {
        if (g.batch() >= Parallel.threads() && Parallel.threads() > 1) {
            Parallel.forRange(g.batch(), 1, (from, to) -> {
                for (int n = from; n < to; n++) body.accept(n);
            });
        } else {
            for (int n = 0; n < g.batch(); n++) body.accept(n);
        }
    }
}
