package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * C[m×n] = A[m×k]·B[k×n] with A in CSR and B, C dense row-major, in XNNPACK's
 * sparse-inference layout: rows of B are input channels, its columns spatial (or batch)
 * positions, and vectors run along the columns. For each nonzero one weight is
 * broadcast and multiplied into a register tile of the output row, so a nonzero costs
 * one load and one FMA per vector (see {@link ShiftedSum}).
 *
 * <p>B is processed in panels of W = 8 vectors (128 columns), each first copied into a
 * contiguous per-thread buffer that starts on a cache line ({@link Aligned}), and every
 * row of A is summed over a whole panel at once by {@link ShiftedSum#row8}, straight into
 * C. Read in place, a panel's rows sit n floats apart, and for the power-of-two widths
 * common in practice (4096, 8192) they all map to the same few cache sets and evict each
 * other. The packed panel (k·512 bytes) lives in L2; eight loads per nonzero from L2 ran
 * faster than the earlier scheme of 64-wide panels summed in L1-sized k blocks through a
 * staging tile (JMH, 2 threads, A/B in one sitting: 1024×1024×4096 at 90% 10.4–14.1 →
 * 7.2–7.4 ms, ResNet-32's 64×576×8192 im2col GEMM at 95% 1.4–1.8 → 0.60–0.64 ms).
 * Rows dense enough to share panel rows (density ≥ 25%) are summed in groups of 16
 * through an L1 stage, k block by k block ({@link ShiftedSum#K_GROUPED}).
 *
 * <p>Small k (up to K_IN_PLACE) with a row stride that does not alias in L1 skips the
 * packing: B is read in place and C written once, which is what memory-bound pointwise
 * layers need. Index plans are cached per CSR structure ({@link PlanCache}).
 *
 * <p>Serves 1x1 convolution per image (m = Cout, k = Cin, n = H·W). Fewer columns than
 * one vector go to {@link GatherSpmv}. Wide problems are split across threads by panels,
 * so each thread streams its own part of B; narrow ones by rows of equal nonzero count,
 * each thread packing the panels itself. Each output is one fixed-order sum, so results
 * are identical for any thread count.
 */
public final class CsrSpmm {
    private static final int P = ShiftedSum.TILE;
    private static final int W = ShiftedSum.WIDE;
    /** Panels per thread below which splitting by rows balances better. */
    private static final int MIN_PANELS_PER_THREAD = 4;
    /** Up to this k, B may be read in place (see {@link #fitsInPlace}). */
    private static final int K_IN_PLACE = 160;

    private CsrSpmm() {}

    /** Kernels.spmm: C = A·B (+bias per row, then ReLU), or C += A·B when accumulate. */
    public static void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff,
                            float[] bias, boolean relu, boolean accumulate) {
        if (accumulate && (bias != null || relu)) {
            throw new IllegalArgumentException("spmm: accumulate cannot be combined with bias or relu");
        }
        if (a.rows() == 0 || n == 0) return;
        Plan plan = PlanCache.get(a, new PlanKey(n), () -> Plan.of(a, n));
        product(a, plan, n, b, bOff, c, cOff, bias, relu, accumulate, Parallel.threads());
    }

    /**
     * Kernels.spmmImages: a 1×1 convolution over a batch of NCHW images, C_i = A·B_i (+bias, ReLU) with B_i the k×hw
     * planes of image i at bOff + i·k·hw and C_i its m×hw planes at cOff + i·m·hw. With at least as many images as
     * threads, the threads share out the images and each product runs on one thread; one product at a time split over
     * the threads made every thread pack the same panels when an image has fewer than 4 panels per thread (28×28
     * planes and smaller), and ran one parallel region per image. Each output is the same fixed-order sum either way.
     */
    public static void spmmImages(CsrMatrix a, int hw, int images, float[] b, int bOff, float[] c, int cOff,
                                  float[] bias, boolean relu) {
        int m = a.rows(), k = a.cols(), threads = Parallel.threads();
        if (m == 0 || hw == 0 || images == 0) return;
        if (images > 1 && hw <= ACROSS_IMAGES_MAX_PIXELS) {
            acrossImages(a, hw, images, b, bOff, c, cOff, bias, relu);
            return;
        }
        Plan plan = PlanCache.get(a, new PlanKey(hw), () -> Plan.of(a, hw));
        if (threads <= 1 || images < threads) {
            for (int i = 0; i < images; i++) {
                product(a, plan, hw, b, bOff + i * k * hw, c, cOff + i * m * hw, bias, relu, false, threads);
            }
            return;
        }
        Parallel.forRange(images, 1, (i0, i1) -> {
            for (int i = i0; i < i1; i++) product(a, plan, hw, b, bOff + i * k * hw, c, cOff + i * m * hw, bias, relu, false, 1);
        });
    }

    /**
     * Planes up to this many pixels (7×7, 8×8) are multiplied as one product across the batch ({@link #acrossImages}).
     * Batch 64, 90%, 2 threads, two JVMs each way, forward / input gradient (docs/sittings/2026-12-05-s33, PwAB):
     * MobileNet's 7×7 1024-channel layer 7.27–7.35 → 5.48–5.50 ms / 7.11–7.28 → 5.41–5.56 ms (same bits); its 14×14
     * 512-channel layer 6.24–6.49 → 5.95–6.25 / 6.25–6.33 → 5.92–5.98, a 14×14 256-channel one 1.70–1.79 → 1.94–1.95,
     * the 28×28 layer 4.44–4.51 → 5.46–5.54: there a plane is whole panels but for a short rest, and the stage's
     * copy-out and the gathered panel rows cost more than the rest's tiles did.
     */
    static final int ACROSS_IMAGES_MAX_PIXELS = 64;

    /**
     * spmmImages for small planes: the batch as one k × (images·hw) product whose columns run across images, in
     * W-wide panels. Each panel's rows are gathered from the images it spans (a panel row is a few runs of hw
     * floats), every row of A is summed over the whole panel by {@link ShiftedSum#row8} into an L1 stage, and the
     * stage is written back in the images' runs. Per image, a 7×7 plane is 49 columns (three vectors and a masked
     * one) and a 14×14 plane one panel and a 68-column rest summed by 4-vector tiles. Panels are split between
     * threads; each output is the same fixed-order sum from the bias over the row's entries, whatever the split.
     */
    private static void acrossImages(CsrMatrix a, int hw, int images, float[] b, int bOff, float[] c, int cOff,
                                     float[] bias, boolean relu) {
        int m = a.rows(), k = a.cols(), n = images * hw, panels = (n + W - 1) / W;
        ShiftedSum.WidePlan wp = ShiftedSum.WidePlan.of(a);
        int[] ptr = a.rowPtr(), offs = wp.offs(), used = wp.used();
        float[] vals = a.values();
        Parallel.forRange(panels, 1, (pn0, pn1) -> {
            float[] buf = Scratch.get(Scratch.PANEL, (long) k * W + Aligned.SLACK);
            float[] stage = Scratch.get(Scratch.TILES, W + Aligned.SLACK);
            int b0 = Aligned.offset(buf), s0 = Aligned.offset(stage);
            for (int pn = pn0; pn < pn1; pn++) {
                int q0 = pn * W, q1 = Math.min(n, q0 + W);
                for (int r : used) {
                    for (int q = q0; q < q1; ) {
                        int img = q / hw, px = q - img * hw, len = Math.min(hw - px, q1 - q);
                        System.arraycopy(b, bOff + (img * k + r) * hw + px, buf, b0 + r * W + q - q0, len);
                        q += len;
                    }
                }
                for (int t = 0; t < m; t++) {
                    ShiftedSum.row8(vals, offs, ptr[t], ptr[t + 1], buf, b0, stage, s0, bias == null ? 0f : bias[t], false);
                    if (relu) ShiftedSum.reluInPlace(stage, s0, W);
                    for (int q = q0; q < q1; ) {
                        int img = q / hw, px = q - img * hw, len = Math.min(hw - px, q1 - q);
                        System.arraycopy(stage, s0 + q - q0, c, cOff + (img * m + t) * hw + px, len);
                        q += len;
                    }
                }
            }
        });
    }

    /** C = A·B as {@link #spmm}, its work split over the given number of threads (1: all on the calling thread). */
    private static void product(CsrMatrix a, Plan plan, int n, float[] b, int bOff, float[] c, int cOff,
                                float[] bias, boolean relu, boolean accumulate, int threads) {
        int m = a.rows(), k = a.cols();
        int[] offs = plan.offs;
        int[] ptr = a.rowPtr();
        float[] vals = a.values();
        if (n < ShiftedSum.V) {
            // Fewer columns than lanes: vectors along each row's nonzeros, B gathered (offs[e] = column·n).
            int[] rows = RowSplit.byWork(ptr, m, Math.max(1, Math.min(threads, m / 16)), 2);
            Parallel.forEach(rows.length - 1, part -> GatherSpmv.rows(vals, offs, ptr, rows[part], rows[part + 1], n,
                    b, bOff, 1, c, cOff, 1, n, bias, relu, accumulate));
            return;
        }
        if (k <= K_IN_PLACE && fitsInPlace(n, k)) {
            // Read B in place: no copy of B and no staging of C, each element of both touched once.
            int parts = Math.max(1, Math.min(threads, n / W / MIN_PANELS_PER_THREAD));
            if (parts < threads && m >= 2 * threads) {
                // Too few strips to share out (MobileNet's 28×28 layer at batch 1: 784 columns), which ran on one
                // thread: each thread takes all columns of a share of the rows, by nonzero count, and reads all of B
                // (from L2). 256×128×784 at 90%, JMH, three forks each: 0.101–0.103 → 0.048–0.051 ms.
                int[] rows = RowSplit.byWork(ptr, m, threads, 2);
                Parallel.forEach(rows.length - 1, part -> inPlace(vals, offs, ptr, rows[part], rows[part + 1], b, bOff, n, 0, n,
                        c, cOff, bias, relu, accumulate));
                return;
            }
            Parallel.forEach(parts, part -> {
                int q0 = (int) ((long) n / W * part / parts) * W;
                int q1 = part == parts - 1 ? n : (int) ((long) n / W * (part + 1) / parts) * W;
                inPlace(vals, offs, ptr, 0, m, b, bOff, n, q0, q1, c, cOff, bias, relu, accumulate);
            });
            return;
        }
        if (threads == 1 && n > 3 * ShiftedSum.V && n < 4 * ShiftedSum.V) {
            // Rows of three to four vectors (MobileNet's 7×7 planes, 49 floats): B copied into rows of 4V floats on
            // cache lines, so that no load of the product splits a line; read in place, three in four did. The
            // columns past n are never stored (masked), so the copy leaves them as they are. One thread per product
            // only: split over threads, every part would copy B. JMH A/B, batch 64, 1024 channels: 1.17× at 90%, 1.24× at
            // 95% (docs/sittings/2026-12-05-s29/probe-runs.txt), when spmmImages ran one image per thread; batches now
            // go across the images (acrossImages), and this serves one image, or spmm, on a single thread.
            int stride = 4 * ShiftedSum.V;
            Plan packed = PlanCache.get(a, new PlanKey(stride), () -> Plan.of(a, stride));
            float[] buf = Scratch.get(Scratch.PANEL, (long) k * stride + Aligned.SLACK);
            int b0 = Aligned.offset(buf);
            for (int r = 0; r < k; r++) System.arraycopy(b, bOff + r * n, buf, b0 + r * stride, n);
            ShiftedSum.rowsOfFour(vals, packed.offs, ptr, 0, m, buf, b0, n, c, cOff, bias, relu, accumulate);
            return;
        }
        wideSpmm(a, plan, n, k, b, bOff, c, cOff, bias, relu, accumulate, threads);
    }

    /** The packed path: W-wide panels of B, each row of A summed over a whole panel by {@link ShiftedSum#row8}, straight into C. */
    private static void wideSpmm(CsrMatrix a, Plan plan, int n, int k, float[] b, int bOff, float[] c, int cOff,
                                 float[] bias, boolean relu, boolean accumulate, int threads) {
        int m = a.rows();
        ShiftedSum.WidePlan wp = ShiftedSum.WidePlan.of(a);
        int[] ptr = a.rowPtr(), offs = plan.offs, wideOffs = wp.offs();
        float[] vals = a.values();
        int panels = n / W;
        if (threads > 1 && panels >= threads * MIN_PANELS_PER_THREAD) {
            Parallel.forRange(panels, 1, (from, to) -> {
                wide(vals, wideOffs, wp.starts(), wp.used(), ptr, 0, m, b, bOff, n, k, from, to, c, cOff, bias, relu, accumulate);
                if (to == panels && panels * W < n) {
                    ShiftedSum.run(vals, offs, ptr, 0, m, b, bOff, panels * W, n, c, cOff, n, bias, relu, accumulate);
                }
            });
            return;
        }
        int[] rows = RowSplit.byWork(ptr, m, Math.max(1, Math.min(threads, m)), 2);
        Parallel.forEach(rows.length - 1, part -> {
            int r0 = rows[part], r1 = rows[part + 1];
            if (r0 == r1) return;
            int dst = cOff + r0 * n;
            wide(vals, wideOffs, wp.starts(), wp.used(), ptr, r0, r1, b, bOff, n, k, 0, panels, c, dst, bias, relu, accumulate);
            if (panels * W < n) {
                ShiftedSum.run(vals, offs, ptr, r0, r1, b, bOff, panels * W, n, c, dst, n, bias, relu, accumulate);
            }
        });
    }

    private static final int G = ShiftedSum.ROWS_GROUPED;

    /**
     * Rows [t0, t1) of a packed panel in groups of G rows, each group summed k block by k block into a
     * G×W stage (8 KB, L1) and then copied into C. See {@link ShiftedSum#K_GROUPED} for when this pays.
     */
    private static void grouped(float[] vals, int[] wideOffs, int[] starts, int[] ptr, int t0, int t1, float[] buf, int b0,
                                float[] stage, int s0, float[] c, int dst, int n, float[] bias, boolean relu, boolean accumulate) {
        int m = ptr.length - 1;
        for (int g0 = t0; g0 < t1; g0 += G) {
            int g1 = Math.min(t1, g0 + G);
            if (accumulate) {
                for (int t = g0; t < g1; t++) System.arraycopy(c, dst + (t - t0) * n, stage, s0 + (t - g0) * W, W);
            }
            ShiftedSum.stageRows(vals, wideOffs, starts, ptr, m, g0, g1, buf, b0, stage, s0, bias, accumulate);
            for (int t = g0; t < g1; t++) {
                if (relu) ShiftedSum.reluCopy(stage, s0 + (t - g0) * W, c, dst + (t - t0) * n, W);
                else System.arraycopy(stage, s0 + (t - g0) * W, c, dst + (t - t0) * n, W);
            }
        }
    }

    /**
     * Rows [t0, t1) of output panels [pn0, pn1), row t written at dstOff + (t - t0)·n. Only the rows of B that some
     * entry of A reads (used) are packed: at 99% sparsity most are not, and copying all of B per panel was the whole
     * cost (ResNet-32's 16×144 lowered layer over 131072 columns: 2.9 ms at 98–99% against 4.8 at 90%, session 32's
     * issue4 sitting).
     */
    private static void wide(float[] vals, int[] wideOffs, int[] starts, int[] used, int[] ptr, int t0, int t1, float[] b, int bOff, int n, int k,
                             int pn0, int pn1, float[] c, int dstOff, float[] bias, boolean relu, boolean accumulate) {
        if (pn0 >= pn1) return;
        float[] buf = Scratch.get(Scratch.PANEL, (long) k * W + Aligned.SLACK);
        int b0 = Aligned.offset(buf);
        boolean skipEmpty = accumulate && !relu;
        boolean group = ShiftedSum.grouped(ptr[t1] - ptr[t0], t1 - t0, k);
        float[] stage = group ? Scratch.get(Scratch.TILES, (long) G * W + Aligned.SLACK) : null;
        int s0 = group ? Aligned.offset(stage) : 0;
        for (int pn = pn0; pn < pn1; pn++) {
            for (int r : used) System.arraycopy(b, bOff + r * n + pn * W, buf, b0 + r * W, W);
            if (group) {
                grouped(vals, wideOffs, starts, ptr, t0, t1, buf, b0, stage, s0, c, dstOff + pn * W, n, bias, relu, accumulate);
                continue;
            }
            for (int t = t0; t < t1; t++) {
                int p0 = ptr[t], p1 = ptr[t + 1];
                if (skipEmpty && p0 == p1) continue;
                int d = dstOff + (t - t0) * n + pn * W;
                ShiftedSum.row8(vals, wideOffs, p0, p1, buf, b0, c, d, bias == null ? 0f : bias[t], accumulate);
                if (relu) ShiftedSum.reluInPlace(c, d, W);
            }
        }
    }

    /**
     * Columns [q0, q1) of rows [t0, t1) from B in place, W columns at a time for all rows by {@link ShiftedSum#row8},
     * so C is written in runs of W floats per row while the W-wide strip of B (k·512 bytes) stays in L1 or L2.
     * JMH A/B against the previous two-rows-by-256-columns scheme, 2 threads: 128×64×3136 at 90% 0.12 → 0.08 ms,
     * the MobileNet pointwise layer 64→128 at 56² and batch 64 (memory-bound) 11.6–12.5 → 9.3–9.4 ms.
     */
    private static void inPlace(float[] vals, int[] offs, int[] ptr, int t0, int t1, float[] b, int bOff, int n, int q0, int q1,
                                float[] c, int cOff, float[] bias, boolean relu, boolean accumulate) {
        boolean skipEmpty = accumulate && !relu;
        // Strips start where B's rows cross a 64-byte line when they all cross at the same column (n a multiple of
        // V), so that no load of row8 splits two lines; the columns before the first strip and after the last are
        // summed in row8's order (ShiftedSum.rowLanes), so every column has the same bits wherever the strips fall.
        // A caller's B starts on a line one time in eight; split, row8's loads run at about half the rate (one JMH
        // fork each, 256×128×784 at 90%: 0.054–0.056 ms split against 0.038–0.039 on lines; 128×64×3136 0.041–0.062
        // against 0.043; docs/sittings/2026-12-05-s34).
        int v = ShiftedSum.V;
        int head = n % v == 0 ? Math.min(q1 - q0, Aligned.toLine(b, bOff + q0) % v) : 0;
        int x0 = q0 + head;
        if (head > 0) remainder(vals, offs, ptr, t0, t1, b, bOff, n, q0, x0, c, cOff, bias, relu, accumulate);
        for (; x0 + W <= q1; x0 += W) {
            for (int t = t0; t < t1; t++) {
                int p0 = ptr[t], p1 = ptr[t + 1];
                if (skipEmpty && p0 == p1) continue;
                int d = cOff + t * n + x0;
                ShiftedSum.row8(vals, offs, p0, p1, b, bOff + x0, c, d, bias == null ? 0f : bias[t], accumulate);
                if (relu) ShiftedSum.reluInPlace(c, d, W);
            }
        }
        if (x0 < q1) remainder(vals, offs, ptr, t0, t1, b, bOff, n, x0, q1, c, cOff, bias, relu, accumulate);
    }

    /** Columns [x0, x1) of rows [t0, t1), fewer than a strip, by {@link ShiftedSum#rowLanes}. */
    private static void remainder(float[] vals, int[] offs, int[] ptr, int t0, int t1, float[] b, int bOff, int n, int x0, int x1,
                                  float[] c, int cOff, float[] bias, boolean relu, boolean accumulate) {
        for (int t = t0; t < t1; t++) {
            int p0 = ptr[t], p1 = ptr[t + 1];
            if (accumulate && !relu && p0 == p1) continue;
            ShiftedSum.rowLanes(vals, offs, p0, p1, b, bOff + x0, c, cOff + t * n + x0, x1 - x0, bias == null ? 0f : bias[t], accumulate, relu);
        }
    }

    /**
     * Whether the k rows of a P-wide tile of B, n floats apart, stay in a 48 KB 12-way L1 when read in
     * place. Small k with a row stride that spreads over the cache sets does: then packing only adds a
     * copy (MobileNet pointwise layers at batch 1 are bound by streaming B and C once). Power-of-two
     * strides put every row in the same few sets and must be packed.
     */
    static boolean fitsInPlace(int n, int k) {
        final int sets = 64, ways = 12, lines = P * 4 / 64;
        boolean[] used = new boolean[sets];
        int distinct = 0;
        for (int r = 0; r < Math.min(k, sets); r++) {
            for (int i = 0; i < lines; i++) {
                int set = (int) (((long) r * n * 4 / 64 + i) % sets);
                if (!used[set]) {
                    used[set] = true;
                    distinct++;
                }
            }
        }
        // Two thirds of the capacity of the sets hit, leaving room for the output rows streaming by.
        return (long) k * lines * 3 <= (long) distinct * ways * 2;
    }

    private record PlanKey(int n) {}

    /** Start of each nonzero's B row relative to bOff (column·n), for the in-place and gathered paths. */
    private record Plan(int[] offs) {
        static Plan of(CsrMatrix a, int n) {
            int[] ci = a.colIdx();
            int nnz = a.nnz();
            int[] offs = new int[nnz];
            for (int p = 0; p < nnz; p++) offs[p] = ci[p] * n;
            return new Plan(offs);
        }
    }
}
