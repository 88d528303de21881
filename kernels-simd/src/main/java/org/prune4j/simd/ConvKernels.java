package org.prune4j.simd;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

import java.util.Arrays;

/**
 * Dense convolution as GEMM. A 1x1 stride-1 conv is a GEMM straight over NCHW
 * (Y[n] = W·X[n]). Anything else lowers a chunk of images side by side with
 * {@link Im2col} into one wide per-thread matrix, so one GEMM covers several images:
 * one image of a late ResNet stage is only 7×7 = 49 columns, far too narrow for the
 * 32-column micro-kernel, while 42 of them make a GEMM that runs near its peak. Chunks
 * run in parallel when the batch can feed every thread (the GEMM inside then runs
 * inline); a single chunk lets the GEMM parallelise over its own tiles.
 * Backward-weight sums per-chunk products into one partial per thread range and adds
 * the partials in range order, so the result depends only on the thread count.
 * Depthwise convolutions go to {@link DepthwiseLanes} on small planes (channels as the vector lanes;
 * {@link DepthwiseLanes#wins(ConvGeometry, boolean)}) and to {@link DepthwiseConv} otherwise. Stride-1 "same" convolutions
 * with enough channels and a large enough image go to {@link ImplicitConv}, which never
 * lowers (see {@link ImplicitConv#wins} for where it measured faster). Forwards (and stride-1 "same" input
 * gradients) on small planes with a vector of images or more go to {@link LaneConv} (the batch as the vector
 * axis, no junk columns; {@link LaneConv#suits} says which). Weight gradients of kxk layers with 16 input
 * channels or more go to {@link TapWeights} (vectors over output channels, no lowering; {@link TapWeights#wins}).
 * Tiny planes go to {@link PixelConv} first (GEMMs per output pixel over only the taps inside; {@link PixelConv#wins}).
 */
final class ConvKernels {
    private ConvKernels() {}

    /** Aim for at least this many GEMM columns per chunk. */
    private static final int TARGET_COLUMNS = 2048;
    /** Cap on the lowered matrix per chunk (floats), to bound scratch memory. */
    private static final int MAX_LOWERED = 1 << 22;

    /** Which path computes a convolution {@link ImplicitConv} suits: the measured rule, or forced (probes, tests). */
    enum SamePath { AUTO, IMPLICIT, LOWERED }

    static volatile SamePath samePath = pathProperty("prune4j.conv.same", SamePath.class);

    /**
     * Which path computes a weight gradient {@link TapWeights} suits: the measured rule, or forced (probes, tests);
     * TAPS_BATCH and TAPS_ENTRIES also force how TapWeights shares the work out between threads.
     */
    enum WeightPath { AUTO, TAPS, TAPS_BATCH, TAPS_ENTRIES, GEMM }

    static volatile WeightPath weightPath = pathProperty("prune4j.conv.weight", WeightPath.class);

    /** Whether tiny planes take {@link PixelConv}: the measured rule, or forced (probes, tests). */
    enum PixelPath { AUTO, ON, OFF }

    static volatile PixelPath pixelPath = pathProperty("prune4j.conv.pixels", PixelPath.class);

    /** Whether small depthwise planes take {@link DepthwiseLanes}: the measured rule, or forced (probes, tests). */
    enum DepthwisePath { AUTO, LANES, PLANES }

    static volatile DepthwisePath depthwisePath = pathProperty("prune4j.conv.depthwise", DepthwisePath.class);

    /** Whether 3×3 "same" layers take {@link WinogradConv}: the measured rule, or forced (probes, tests). */
    enum WinogradPath { AUTO, ON, OFF }

    static volatile WinogradPath winogradPath = pathProperty("prune4j.conv.winograd", WinogradPath.class);

    /**
     * The path a system property names (default auto; lower case, '-' for '_'), or an error that lists the choices,
     * e.g. "prune4j.conv.weight must be auto, taps, taps-batch, taps-entries or gemm, got 'x'".
     */
    static <E extends Enum<E>> E pathProperty(String key, Class<E> type) {
        String v = System.getProperty(key, "auto");
        try {
            return Enum.valueOf(type, v.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            E[] all = type.getEnumConstants();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < all.length; i++) {
                if (i > 0) names.append(i == all.length - 1 ? " or " : ", ");
                names.append(all[i].name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException(key + " must be " + names + ", got '" + v + "'");
        }
    }

    static boolean useDepthwiseLanes(ConvGeometry g, boolean backwardData) {
        if (!DepthwiseLanes.suits(g)) return false;
        return switch (depthwisePath) {
            case LANES -> true;
            case PLANES -> false;
            case AUTO -> DepthwiseLanes.wins(g, backwardData);
        };
    }

    /** Whether g's forward (its weight gradient when weight) takes {@link WinogradConv}. */
    static boolean useWinograd(ConvGeometry g, boolean weight) {
        if (!WinogradConv.suits(g)) return false;
        return switch (winogradPath) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> !weight || WinogradConv.winsWeight(g);
        };
    }

    static boolean usePixelConv(ConvGeometry g) {
        if (!PixelConv.suits(g)) return false;
        return switch (pixelPath) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> PixelConv.wins(g);
        };
    }

    static boolean useTapWeights(ConvGeometry g) {
        if (!TapWeights.suits(g)) return false;
        return switch (weightPath) {
            case TAPS, TAPS_BATCH, TAPS_ENTRIES -> true;
            case GEMM -> false;
            case AUTO -> TapWeights.wins(g);
        };
    }

    static boolean useImplicit(ConvGeometry g) {
        if (!ImplicitConv.suits(g)) return false;
        return switch (samePath) {
            case IMPLICIT -> true;
            case LOWERED -> false;
            case AUTO -> ImplicitConv.wins(g);
        };
    }

    private static int parts(ConvGeometry g) {
        return g.batch() >= Parallel.threads() ? Parallel.threads() : 1;
    }

    static void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        if (g.batch() == 0) return;
        if (g.isDepthwise()) {
            if (useDepthwiseLanes(g, false)) DepthwiseLanes.forward(g, x, w, bias, y);
            else DepthwiseConv.forward(g, x, w, bias, y);
            return;
        }
        int ohw = g.outH() * g.outW();
        if (g.isPointwise()) {
            if (pointwiseSideBySide(g)) {
                forEachChunk(g, chunkImages(g, parts(g)), (part, n0, n1, first) -> pointwiseChunk(g, false, x, w, bias, y, n0, n1));
                return;
            }
            forEachImage(g, n -> {
                Sgemm.gemm(false, false, g.outChannels(), ohw, g.inChannels(), 1f, w, 0, g.inChannels(),
                        x, n * g.inChannels() * ohw, ohw, 0f, y, n * g.outChannels() * ohw, ohw);
                if (bias != null) Elementwise.addChannelBias(g.outChannels(), ohw, y, n * g.outChannels() * ohw, bias);
            });
            return;
        }
        if (useWinograd(g, false)) {
            WinogradConv.forward(g, x, w, bias, y);
            return;
        }
        if (usePixelConv(g)) {
            PixelConv.forward(g, x, w, bias, y);
            return;
        }
        if (LaneConv.suits(g)) {
            LaneConv.forward(g, x, w, bias, y);
            return;
        }
        if (useImplicit(g)) {
            forEachChunk(g, ImplicitConv.chunkImages(g, parts(g)), (part, n0, n1, first) -> ImplicitConv.forwardChunk(g, x, w, bias, y, n0, n1));
            return;
        }
        forEachChunk(g, chunkImages(g, parts(g)), (part, n0, n1, first) -> {
            forwardChunk(g, x, w, y, n0, n1);
            if (bias != null) {
                for (int n = n0; n < n1; n++) Elementwise.addChannelBias(g.outChannels(), ohw, y, n * g.outChannels() * ohw, bias);
            }
        });
    }

    private static void forwardChunk(ConvGeometry g, float[] x, float[] w, float[] y, int n0, int n1) {
        int ohw = g.outH() * g.outW(), coutG = g.outChannelsPerGroup(), patch = g.patchSize(), nb = n1 - n0, ld = nb * ohw;
        Scratch s = Scratch.get();
        float[] cols = s.floats(Scratch.COLUMNS, patch * ld);
        float[] out = nb == 1 ? null : s.floats(Scratch.MISC, coutG * ld);
        for (int grp = 0; grp < g.groups(); grp++) {
            for (int n = n0; n < n1; n++) Im2col.lower(g, x, n, grp * g.inChannelsPerGroup(), cols, (n - n0) * ohw, ld);
            if (nb == 1) {
                Sgemm.gemm(false, false, coutG, ohw, patch, 1f, w, grp * coutG * patch, patch,
                        cols, 0, ohw, 0f, y, (n0 * g.outChannels() + grp * coutG) * ohw, ohw);
                continue;
            }
            Sgemm.gemm(false, false, coutG, ld, patch, 1f, w, grp * coutG * patch, patch, cols, 0, ld, 0f, out, 0, ld);
            for (int n = n0; n < n1; n++)
                for (int co = 0; co < coutG; co++)
                    System.arraycopy(out, co * ld + (n - n0) * ohw, y, (n * g.outChannels() + grp * coutG + co) * ohw, ohw);
        }
    }

    static void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
        if (g.batch() == 0) return;
        if (g.isDepthwise()) {
            if (useDepthwiseLanes(g, true)) DepthwiseLanes.backwardData(g, dy, w, dx);
            else DepthwiseConv.backwardData(g, dy, w, dx);
            return;
        }
        int ohw = g.outH() * g.outW(), hw = g.inH() * g.inW();
        if (g.isPointwise()) {
            if (pointwiseSideBySide(g)) {
                forEachChunk(g, chunkImages(g, parts(g)), (part, n0, n1, first) -> pointwiseChunk(g, true, dy, w, null, dx, n0, n1));
                return;
            }
            forEachImage(g, n -> Sgemm.gemm(true, false, g.inChannels(), ohw, g.outChannels(), 1f, w, 0, g.inChannels(),
                    dy, n * g.outChannels() * ohw, ohw, 0f, dx, n * g.inChannels() * hw, hw));
            return;
        }
        if (ImplicitConv.suitsBackwardData(g) && useWinograd(g.adjoint(), false)) {
            ImplicitConv.backwardDataAsForward(g, dy, w, dx, WinogradConv::forward);
            return;
        }
        if (PixelConv.suitsBackwardData(g) && usePixelConv(g)) {
            PixelConv.backwardData(g, dy, w, dx);
            return;
        }
        if (LaneConv.suitsBackwardData(g)) {
            LaneConv.backwardData(g, dy, w, dx);
            return;
        }
        if (LaneConv.suitsStridedBackwardData(g)) {
            LaneConv.backwardDataStrided(g, dy, w, dx);
            return;
        }
        if (useImplicit(g) && ImplicitConv.suitsBackwardData(g)) {
            forEachChunk(g, ImplicitConv.chunkImages(g, parts(g)), (part, n0, n1, first) -> ImplicitConv.backwardDataChunk(g, dy, w, dx, n0, n1));
            return;
        }
        forEachChunk(g, chunkImages(g, parts(g)), (part, n0, n1, first) -> {
            int coutG = g.outChannelsPerGroup(), patch = g.patchSize(), nb = n1 - n0, ld = nb * ohw;
            Arrays.fill(dx, n0 * g.inChannels() * hw, n1 * g.inChannels() * hw, 0f);
            Scratch s = Scratch.get();
            float[] cols = s.floats(Scratch.COLUMNS, patch * ld);
            float[] grad = s.floats(Scratch.MISC, coutG * ld);
            for (int grp = 0; grp < g.groups(); grp++) {
                gatherChunk(g, dy, grp, n0, n1, grad);
                Sgemm.gemm(true, false, patch, ld, coutG, 1f, w, grp * coutG * patch, patch, grad, 0, ld, 0f, cols, 0, ld);
                for (int n = n0; n < n1; n++) Im2col.raiseAdd(g, cols, (n - n0) * ohw, ld, dx, n, grp * g.inChannelsPerGroup());
            }
        });
    }

    static void backwardWeight(ConvGeometry g, float[] x, float[] dy, float[] dw) {
        if (g.isDepthwise()) {
            if (useDepthwiseLanes(g, false)) DepthwiseLanes.backwardWeight(g, x, dy, dw);
            else DepthwiseConv.backwardWeight(g, x, dy, dw);
            return;
        }
        int size = g.weightSize();
        int batch = g.batch();
        if (batch == 0) {
            Arrays.fill(dw, 0, size, 0f);
            return;
        }
        if (useWinograd(g, true)) {
            WinogradConv.backwardWeight(g, x, dy, dw);
            return;
        }
        if (PixelConv.suitsBackwardWeight(g) && usePixelConv(g)) {
            PixelConv.backwardWeight(g, x, dy, dw);
            return;
        }
        if (useTapWeights(g)) {
            WeightPath path = weightPath;
            TapWeights.backwardWeight(g, x, dy, dw, path == WeightPath.TAPS_ENTRIES
                    || path != WeightPath.TAPS_BATCH && TapWeights.splitsEntries(g));
            return;
        }
        int ranges = parts(g);
        // Range 0 sums into dw; the others into their threads' scratch (Scratch.partial), overwritten by each range's
        // first chunk, then added to dw in range order. A fresh array per range and call was 1-4 MB of page faults and
        // zeroing for the 512- and 1024-channel 1×1 layers (4% of the 14×14 one's weight gradient, perf).
        float[][] partial = new float[ranges][];
        partial[0] = dw;
        // Stride-1 "same" layers whose rows are whole vectors (ResNet's 16-channel 32×32 layer): the implicit GEMM's
        // dot products with every load on a line (ShiftedWeights), over the batch range in one pass.
        boolean shifted = useImplicit(g) && ShiftedWeights.wins(g);
        boolean implicit = !shifted && useImplicit(g);
        // A 1×1 layer's weight gradient reads the planes in place (PointwiseGemm.weight), so nothing bounds its chunk:
        // each thread takes its whole range as one GEMM deep in pixels. Chunks of 2048 columns ran 56×56 and 112×112
        // planes one image (one small GEMM) at a time: 1.06–1.16× in one JVM (FlagProbe, batch 64), smaller planes even.
        int nb = implicit ? ImplicitConv.chunkImages(g, ranges) : g.isPointwise() || shifted ? g.batch() : chunkImages(g, ranges);
        forEachChunk(g, nb, (part, n0, n1, first) -> {
            if (first && part > 0) partial[part] = Scratch.partial(partial, size);
            if (shifted) ShiftedWeights.weightChunk(g, x, dy, partial[part], n0, n1, first);
            else if (implicit) ImplicitConv.weightChunk(g, x, dy, partial[part], n0, n1, first);
            else weightChunk(g, x, dy, partial[part], n0, n1, first);
        });
        for (int c = 1; c < ranges; c++) Elementwise.addInto(size, partial[c], 0, dw, 0);
    }

    /** dw (+)= dY[chunk]·cols[chunk]ᵀ per group; overwrites when first. */
    private static void weightChunk(ConvGeometry g, float[] x, float[] dy, float[] dw, int n0, int n1, boolean first) {
        int ohw = g.outH() * g.outW(), coutG = g.outChannelsPerGroup(), patch = g.patchSize();
        float beta = first ? 0f : 1f;
        if (g.isPointwise() && n1 - n0 > 1) { // the chunk side by side without copies (see PointwiseGemm.weight)
            PointwiseGemm.weight(g.outChannels(), g.inChannels(), dy, x, ohw, n0, n1, dw, first);
            return;
        }
        if (g.isPointwise()) {
            for (int n = n0; n < n1; n++) {
                Sgemm.gemm(false, true, g.outChannels(), g.inChannels(), ohw, 1f, dy, n * g.outChannels() * ohw, ohw,
                        x, n * g.inChannels() * ohw, ohw, n == n0 ? beta : 1f, dw, 0, g.inChannels());
            }
            return;
        }
        int nb = n1 - n0, ld = nb * ohw;
        Scratch s = Scratch.get();
        float[] cols = s.floats(Scratch.COLUMNS, patch * ld);
        float[] grad = s.floats(Scratch.MISC, coutG * ld);
        for (int grp = 0; grp < g.groups(); grp++) {
            for (int n = n0; n < n1; n++) Im2col.lower(g, x, n, grp * g.inChannelsPerGroup(), cols, (n - n0) * ohw, ld);
            gatherChunk(g, dy, grp, n0, n1, grad);
            Sgemm.gemm(false, true, coutG, patch, ld, 1f, grad, 0, ld, cols, 0, ld, beta, dw, grp * coutG * patch, patch);
        }
    }

    /** Copies dY of one group for images [n0, n1) side by side: grad[co][(n−n0)·OHW + i]. */
    private static void gatherChunk(ConvGeometry g, float[] dy, int grp, int n0, int n1, float[] grad) {
        int coutG = g.outChannelsPerGroup();
        sideBySide(dy, g.outChannels(), grp * coutG, coutG, g.outH() * g.outW(), n0, n1, grad);
    }

    /**
     * dst[c][(n−n0)·hw + i] = src[n][c0 + c][i] for c &lt; count, images [n0, n1) of an NCHW tensor with
     * `channels` channels of hw floats: the images of a chunk side by side, one wide matrix.
     */
    private static void sideBySide(float[] src, int channels, int c0, int count, int hw, int n0, int n1, float[] dst) {
        int ld = (n1 - n0) * hw;
        for (int n = n0; n < n1; n++)
            for (int c = 0; c < count; c++)
                System.arraycopy(src, (n * channels + c0 + c) * hw, dst, c * ld + (n - n0) * hw, hw);
    }

    /**
     * Whether a 1x1 convolution's forward and input gradient run as one GEMM per chunk of images side by side
     * ({@link PointwiseGemm}, which reads and writes the images' planes in place) rather than one per image: whenever
     * a chunk holds more than one image. One image of MobileNet's 7×7 stage is 49 columns (a panel and a half), and
     * a GEMM per image re-packed the 1024×1024 weights 64 times per batch-64 call; side by side (then through copies)
     * its batch-64 7×7 layers ran 1.6–2.0× faster forward and 2.3–2.5× backward-data (docs/sittings/2026-12-02-s9/
     * ab-pointwise), while the copies cost the 14×14 and 28×28 layers what the wide GEMM saved. Without the copies,
     * in one JVM alternating with the session-24 rule (docs/sittings/2026-12-04-s25/PwProbe.java, 2 threads, batch
     * 64): 14×14 forwards 1.15× / 1.22×, input gradients 1.24× / 1.27×, 7×7 0.98–1.06×, 28×28 1.00–1.04×; the same
     * bits as before.
     */
    private static boolean pointwiseSideBySide(ConvGeometry g) {
        return chunkImages(g, parts(g)) > 1;
    }

    /**
     * The chunk's images side by side through one GEMM ({@link PointwiseGemm}): y = W·X (+ bias) forward, or
     * dx = Wᵀ·dY when adjoint (src = dY, dst = dx, bias null).
     */
    private static void pointwiseChunk(ConvGeometry g, boolean adjoint, float[] src, float[] w, float[] bias, float[] dst,
                                       int n0, int n1) {
        int hw = g.outH() * g.outW(), cin = g.inChannels();
        int in = adjoint ? g.outChannels() : cin, out = adjoint ? cin : g.outChannels();
        PointwiseGemm.gemm(adjoint, out, in, w, cin, src, bias, dst, hw, n0, n1);
    }

    /** Images per chunk: enough for a wide GEMM, within the scratch cap, and leaving every thread a chunk. */
    static int chunkImages(ConvGeometry g, int parts) {
        int ohw = g.outH() * g.outW();
        int wanted = (TARGET_COLUMNS + ohw - 1) / ohw;
        int cap = Math.max(1, MAX_LOWERED / Math.max(1, g.patchSize() * ohw));
        int perPart = (g.batch() + parts - 1) / parts;
        return Math.max(1, Math.min(Math.min(wanted, cap), perPart));
    }

    /**
     * Runs body over the batch cut into parts(g) equal ranges, one per thread, each range
     * cut into the fewest chunks of at most nb images, evened out (a range of 64 images
     * with nb = 26 runs as 21 + 21 + 22, not 26 + 26 + 12). Ranges rather than a
     * list of chunks: 5 chunks of 26 over 2 threads would give one thread 3 and the other 2
     * (measured on the 64-channel 8×8 ResNet layer, whose 81-column padded images make
     * nb = 26). first marks a range's first chunk; chunk boundaries depend only on the
     * batch, nb and the thread count.
     */
    private static void forEachChunk(ConvGeometry g, int nb, ChunkBody body) {
        int batch = g.batch(), parts = parts(g);
        Parallel.forRange(parts, 1, (from, to) -> {
            for (int part = from; part < to; part++) {
                int r0 = (int) ((long) batch * part / parts), r1 = (int) ((long) batch * (part + 1) / parts);
                int chunks = Math.max(1, (r1 - r0 + nb - 1) / nb);
                for (int c = 0; c < chunks; c++) {
                    int n0 = r0 + (int) ((long) (r1 - r0) * c / chunks), n1 = r0 + (int) ((long) (r1 - r0) * (c + 1) / chunks);
                    body.run(part, n0, n1, c == 0);
                }
            }
        });
    }

    @FunctionalInterface
    private interface ChunkBody {
        void run(int part, int n0, int n1, boolean first);
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
