package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * A pruned Linear layer on row-major activations: Y[batch×m] = X[batch×k]·Wᵀ with W
 * (m×k) in CSR. The sparse kernel wants vectors along the batch (one broadcast weight
 * times a run of batch positions, XNNPACK's layout with the batch as the spatial axis),
 * while X and Y keep features contiguous. Transposing X and Y as separate passes cost as
 * much as the multiply itself at batch 128 (two scalar strided passes over both), so the
 * transposes are fused into the two copies the kernel makes anyway: each panel of 64
 * batch rows is packed features-major by V×V register transposes ({@link TileTranspose}),
 * summed by {@link ShiftedSum} into a staging tile of m rows, and written back to Y by
 * the same transposes with ReLU (or the accumulation into Y) applied on the way.
 *
 * <p>Batches narrower than one vector have no lanes to fill along the batch and go to
 * {@link GatherSpmv}, which runs the vector along each row's nonzeros instead. A last
 * partial panel is computed at a vector multiple of positions, padded with zeros.
 *
 * <p>Threads take whole panels when there are enough of them, each packing its own and
 * writing its own rows of Y; otherwise the calling thread packs the panels once and the
 * threads split the output features by nonzero count. Each output is one fixed-order sum,
 * so the results do not depend on the thread count.
 */
public final class SparseLinear {
    private static final int P = ShiftedSum.TILE;
    private static final int V = ShiftedSum.V;

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
        Plan plan = PlanCache.get(w, new PlanKey(), () -> new Plan(CsrSpmm.packedOffsets(w), CsrSpmm.kBlockStarts(w)));
        int panels = (batch + P - 1) / P;
        long panelSize = (long) k * P;
        if (threads == 1 || panels % threads == 0 || panels >= 4 * threads) {
            Parallel.forRange(panels, 1, (p0, p1) -> {
                float[] buf = Scratch.get(Scratch.PANEL, panelSize);
                float[] acc = Scratch.get(Scratch.TILES, (long) m * P);
                for (int pn = p0; pn < p1; pn++) {
                    int n0 = pn * P, valid = Math.min(P, batch - n0);
                    pack(x, xOff, k, n0, valid, buf, 0);
                    panel(vals, plan, m, 0, m, buf, 0, valid, acc, bias, y, yOff, n0, relu, accumulate);
                }
            });
            return;
        }
        float[] shared = Scratch.get(Scratch.SHARED, panels * panelSize);
        for (int pn = 0; pn < panels; pn++) pack(x, xOff, k, pn * P, Math.min(P, batch - pn * P), shared, (int) (pn * panelSize));
        int[] rows = RowSplit.byWork(ptr, m, Math.max(1, Math.min(threads, m)), 2);
        Parallel.forEach(rows.length - 1, part -> {
            int r0 = rows[part], r1 = rows[part + 1];
            if (r0 == r1) return;
            float[] acc = Scratch.get(Scratch.TILES, (long) (r1 - r0) * P);
            for (int pn = 0; pn < panels; pn++) {
                int n0 = pn * P;
                panel(vals, plan, m, r0, r1, shared, (int) (pn * panelSize), Math.min(P, batch - n0), acc, bias, y, yOff, n0, relu, accumulate);
            }
        });
    }

    /** Output features [r0, r1) of batch rows [n0, n0 + valid) from a packed panel, k block by k block, then written back. */
    private static void panel(float[] vals, Plan plan, int m, int r0, int r1, float[] buf, int bufOff, int valid,
                              float[] acc, float[] bias, float[] y, int yOff, int n0, boolean relu, boolean accumulate) {
        int[] blocks = plan.blocks;
        int nb = blocks.length / m - 1;
        int width = (valid + V - 1) / V * V;
        boolean shortRows = (long) blocks[nb * m + m - 1] < (long) ShiftedSum.SHORT_ROWS * m * nb;
        for (int kb = 0; kb < nb; kb++) {
            boolean first = kb == 0;
            ShiftedSum.run(vals, plan.packedOffs, blocks, kb * m, blocks, (kb + 1) * m, r0, r1,
                    buf, bufOff, 0, width, acc, 0, P, first ? bias : null, false, !first, shortRows);
        }
        // Y[n0 + p][t] = acc[(t - r0)·P + p]: batch rows outer, so Y is written row after row.
        for (int p0 = 0; p0 < valid; p0 += V) {
            int cols = Math.min(V, valid - p0);
            for (int t0 = r0; t0 < r1; t0 += V) {
                TileTranspose.blockOut(acc, (t0 - r0) * P + p0, P, Math.min(V, r1 - t0), cols,
                        y, yOff + (n0 + p0) * m + t0, m, relu, accumulate);
            }
        }
    }

    /**
     * buf[off + j·P + p] = X[n0 + p][j] for p &lt; valid, and 0 for the padding lanes up to the
     * next vector multiple (junk lanes are computed, then dropped; zeros keep them finite).
     */
    private static void pack(float[] x, int xOff, int k, int n0, int valid, float[] buf, int off) {
        for (int p0 = 0; p0 < valid; p0 += V) {
            int rows = Math.min(V, valid - p0);
            for (int j0 = 0; j0 < k; j0 += V) {
                TileTranspose.block(x, xOff + (n0 + p0) * k + j0, k, rows, Math.min(V, k - j0), buf, off + j0 * P + p0, P);
            }
        }
        int width = (valid + V - 1) / V * V;
        if (width > valid) {
            for (int j = 0; j < k; j++) java.util.Arrays.fill(buf, off + j * P + valid, off + j * P + width, 0f);
        }
    }

    private record PlanKey() {}

    /** Start of each nonzero's row in a packed panel (column·P) and the k-block boundaries. */
    private record Plan(int[] packedOffs, int[] blocks) {}
}
