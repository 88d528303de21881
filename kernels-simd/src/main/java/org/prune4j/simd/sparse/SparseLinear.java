package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * A pruned Linear layer on row-major activations: Y[batch×m] = X[batch×k]·Wᵀ with W
 * (m×k) in CSR. The sparse kernel wants vectors along the batch (one broadcast weight
 * times a run of batch positions, XNNPACK's layout with the batch as the spatial axis),
 * while X and Y keep features contiguous. The transposes are fused into the two copies
 * the kernel makes anyway: each panel of up to W = 8 vectors (128) of batch rows is
 * packed features-major by V×V register transposes ({@link TileTranspose}), summed row by
 * row, and written back to Y by the same transposes with ReLU (or the accumulation into
 * Y) applied on the way.
 *
 * <p>A full panel is summed one output feature at a time with the whole panel in eight
 * accumulators ({@link ShiftedSum#row8}): eight independent FMA chains cover the FMA latency
 * without pairing rows, each nonzero costs one broadcast and eight loads of one packed
 * row, and the loop overhead is paid once per eight FMAs. The packed panel (k·W floats,
 * 512 KB for k = 1024) stays in L2; blocking it along k for all rows measured no faster
 * (one load per FMA runs at L2 bandwidth either way, and the partial rows spill). Sixteen
 * rows at a time are staged in a small tile (8 KB, L1) and transposed out; rows dense
 * enough to share panel rows (≥ 25%) fill that tile k block by k block, so the group's
 * hits on the same panel rows come from L1 ({@link ShiftedSum#K_GROUPED}). The panel and the tile start on a
 * 64-byte line ({@link Aligned}): split loads made the loop 1.3× slower. A last partial
 * panel runs through {@link ShiftedSum} at a vector multiple of positions, padded with
 * zeros.
 *
 * <p>Batches narrower than one vector have no lanes to fill along the batch and go to
 * {@link GatherSpmv}, which runs the vector along each row's nonzeros instead.
 *
 * <p>Threads take whole panels when there are enough of them; otherwise each thread packs
 * the panels itself and takes a share of the output features by nonzero count, at
 * multiples of V. Each output is one fixed-order sum, so the results do not depend on the
 * thread count.
 */
public final class SparseLinear {
    private static final int V = ShiftedSum.V;
    /** Batch positions per packed panel: eight vectors. */
    private static final int W = ShiftedSum.WIDE;

    private SparseLinear() {}

    /** Kernels.sparseLinear: Y = X·Wᵀ (+bias per feature, then ReLU), or Y += X·Wᵀ when accumulate. */
    public static void forward(CsrMatrix w, int batch, float[] x, int xOff, float[] y, int yOff,
                               float[] bias, boolean relu, boolean accumulate) {
        if (accumulate && (bias != null || relu)) {
            throw new IllegalArgumentException("sparseLinear: accumulate cannot be combined with bias or relu");
        }
        int m = w.rows(), k = w.cols();
        if (m == 0 || batch == 0) return;
        int[] ptr = w.rowPtr();
        float[] vals = w.values();
        int threads = Parallel.threads();
        if (batch < V) {
            int[] rows = RowSplit.byWork(ptr, m, Math.max(1, Math.min(threads, m / 16)), 2);
            int[] idx = w.colIdx();
            Parallel.forEach(rows.length - 1, part -> GatherSpmv.rows(vals, idx, ptr, rows[part], rows[part + 1], batch,
                    x, xOff, k, y, yOff, m, 1, bias, relu, accumulate));
            return;
        }
        int panels = (batch + W - 1) / W;
        ShiftedSum.WidePlan plan = ShiftedSum.WidePlan.of(w);
        int[] offs = plan.offs(), starts = ShiftedSum.grouped(w.nnz(), m, k) ? plan.starts() : null;
        long panelSize = (long) k * W;
        if (threads == 1 || splits(panels, threads)) {
            Parallel.forRange(panels, 1, (p0, p1) -> {
                float[] buf = Scratch.get(Scratch.PANEL, panelSize + Aligned.SLACK);
                float[] stage = Scratch.get(Scratch.TILES, (long) V * W + Aligned.SLACK);
                int b0 = Aligned.offset(buf), s0 = Aligned.offset(stage);
                for (int pn = p0; pn < p1; pn++) {
                    int n0 = pn * W, valid = Math.min(W, batch - n0);
                    pack(x, xOff, k, n0, valid, buf, b0);
                    panel(vals, offs, starts, ptr, 0, m, m, buf, b0, valid, stage, s0, bias, y, yOff, n0, relu, accumulate);
                }
            });
            return;
        }
        // Too few panels to share out (batch 128 on two threads): every thread packs all panels itself and takes
        // a share of the rows. Packing a panel once, each thread a part, and reading the other parts from the
        // other core's cache was slower than packing it twice; so were four-vector panels, one per thread.
        int[] rows = RowSplit.byWork(ptr, m, Math.max(1, Math.min(threads, m / V)), 2);
        for (int i = 1; i < rows.length - 1; i++) rows[i] = Math.max(rows[i - 1], Math.min(m, (rows[i] + V / 2) / V * V));
        Parallel.forEach(rows.length - 1, part -> {
            int r0 = rows[part], r1 = rows[part + 1];
            if (r0 == r1) return;
            float[] buf = Scratch.get(Scratch.PANEL, panelSize + Aligned.SLACK);
            float[] stage = Scratch.get(Scratch.TILES, (long) V * W + Aligned.SLACK);
            int b0 = Aligned.offset(buf), s0 = Aligned.offset(stage);
            for (int pn = 0; pn < panels; pn++) {
                int n0 = pn * W, valid = Math.min(W, batch - n0);
                pack(x, xOff, k, n0, valid, buf, b0);
                panel(vals, offs, starts, ptr, r0, r1, m, buf, b0, valid, stage, s0, bias, y, yOff, n0, relu, accumulate);
            }
        });
    }

    /** Whether panels divide between the threads well enough to give each thread whole panels. */
    private static boolean splits(int panels, int threads) {
        return panels % threads == 0 || panels >= 4 * threads;
    }

    /**
     * Output features [r0, r1) of batch rows [n0, n0 + valid) from a packed panel, V features at a time through
     * the stage; with starts (dense enough rows), each group of V features summed k block by k block
     * ({@link ShiftedSum#K_GROUPED}).
     */
    private static void panel(float[] vals, int[] offs, int[] starts, int[] ptr, int r0, int r1, int m, float[] buf, int bufOff, int valid,
                              float[] stage, int sOff, float[] bias, float[] y, int yOff, int n0, boolean relu, boolean accumulate) {
        int width = (valid + V - 1) / V * V;
        int phase = linePhase(y, yOff, m, r0);
        for (int t0 = r0, t1; t0 < r1; t0 = t1) {
            // Tiles end where Y's rows cross a 64-byte line, so the transposes out store whole lines.
            t1 = Math.min(r1, t0 + V - Math.floorMod(t0 - phase, V));
            if (accumulate) {
                // The stage starts from Y's values (transposed in), so the sums add onto them.
                for (int p0 = 0; p0 < valid; p0 += V) {
                    TileTranspose.block(y, yOff + (n0 + p0) * m + t0, m, Math.min(V, valid - p0), t1 - t0, stage, sOff + p0, W);
                }
            }
            if (width == W) {
                ShiftedSum.stageRows(vals, offs, starts, ptr, m, t0, t1, buf, bufOff, stage, sOff, bias, accumulate);
            } else {
                ShiftedSum.run(vals, offs, ptr, t0, t1, buf, bufOff, 0, width, stage, sOff, W, bias, false, accumulate);
            }
            // Y[n0 + p][t] = stage[(t - t0)·W + p]: batch rows outer, so Y is written row after row.
            for (int p0 = 0; p0 < valid; p0 += V) {
                TileTranspose.blockOut(stage, sOff + p0, W, t1 - t0, Math.min(V, valid - p0), y, yOff + (n0 + p0) * m + t0, m, relu);
            }
        }
    }

    /**
     * buf[off + j·W + p] = X[n0 + p][j] for p &lt; valid, and 0 for the padding lanes up to the
     * next vector multiple (junk lanes are computed, then dropped; zeros keep them finite).
     */
    private static void pack(float[] x, int xOff, int k, int n0, int valid, float[] buf, int off) {
        int phase = linePhase(x, xOff, k, 0);
        for (int p0 = 0; p0 < valid; p0 += V) {
            int rows = Math.min(V, valid - p0);
            // Column blocks start where X's rows cross a 64-byte line (the first one shorter), so each load is one line.
            for (int j = 0, j1; j < k; j = j1) {
                j1 = Math.min(k, j + V - Math.floorMod(j - phase, V));
                TileTranspose.block(x, xOff + (n0 + p0) * k + j, k, rows, j1 - j, buf, off + j * W + p0, W);
            }
        }
        int width = (valid + V - 1) / V * V;
        if (width > valid) {
            for (int j = 0; j < k; j++) java.util.Arrays.fill(buf, off + j * W + valid, off + j * W + width, 0f);
        }
    }

    /**
     * A column c of a row-major array a (rows of length cols from aOff) such that every row's element c starts a
     * 64-byte line (Aligned), when all rows share that phase (cols a multiple of V); otherwise fallback, so tiles
     * keep their old places. Where the lines fall is a matter of speed only: V×V transposes whose V loads or stores
     * each split two lines ran 1.2x (loads) and 1.6x (stores) slower (docs/sittings/2026-12-03-s17/probes/UnpackProbe.java).
     */
    private static int linePhase(float[] a, int aOff, int cols, int fallback) {
        return cols % V == 0 ? Aligned.toLine(a, aOff) % V : fallback;
    }
}
