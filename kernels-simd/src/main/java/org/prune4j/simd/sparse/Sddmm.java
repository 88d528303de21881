package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * Sampled dense-dense product: for every stored entry p = (i, j) of a CSR pattern,
 * out[p] = Σ_t A[i, t]·B[j, t] with A (m×n) and B (k×n) dense row-major. This is the
 * weight gradient dY·Xᵀ of a pruned layer evaluated at the mask's nonzeros only, so its
 * cost is nnz·n instead of m·k·n.
 *
 * <p>Rows of the pattern are split between threads by nonzero count. When B outgrows L2,
 * it is read in tiles of K_ROWS rows × T_CHUNK positions, each copied contiguously first,
 * while every row of A dots its entries in that row block: read in place, B's rows sit n
 * floats apart and for power-of-two n (a 4096-column Linear) alias onto a few L2 sets,
 * so every tile came from L3 again for each pattern row. Partial sums of the tiles are
 * added in double, in a fixed tile order, so results do not depend on the thread count.
 */
public final class Sddmm {
    /** Bytes of B one chunk may occupy: half of a typical 1-2 MB L2, leaving room for A. */
    private static final int L2_BUDGET_BYTES = 512 * 1024;

    private Sddmm() {}

    /** Kernels.sddmm: out[p] = dot(A[i], B[j]) for each stored (i, j), or out[p] += ... when accumulate. */
    public static void sddmm(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff,
                             float[] out, boolean accumulate) {
        int m = pattern.rows(), k = pattern.cols(), nnz = pattern.nnz();
        if (nnz == 0) return;
        int[] rp = pattern.rowPtr();
        int threads = Parallel.threads();
        int[] rows = RowSplit.byWork(rp, m, Math.max(1, Math.min(threads, m)), 1);
        if (n == 1) {
            outer(pattern, rows, a, aOff, b, bOff, out, accumulate);
            return;
        }
        double[] acc = new double[nnz];
        if (!tiled(n, k)) {
            // All of B fits L2: whole rows, read in place.
            int[] offs = offsets(pattern, n);
            Parallel.forEach(rows.length - 1, part -> {
                float[] lanes = Scratch.get(Scratch.LANES, 8 * ShiftedSum.V);
                for (int i = rows[part]; i < rows[part + 1]; i++) {
                    ShiftedDot.dots(a, aOff + i * n, b, offs, bOff, rp[i], rp[i + 1], n, acc, lanes);
                }
            });
        } else {
            tiledImages(pattern, rows, n, 1, a, aOff, b, bOff, acc);
        }
        for (int p = 0; p < nnz; p++) out[p] = accumulate ? out[p] + (float) acc[p] : (float) acc[p];
    }

    /**
     * Dots of length one (a Linear layer's weight gradient at batch 1): the mask's entries of the outer product,
     * out[p] = A[i]·B[col], one multiply each, straight into out. The general path spent 2.1 ns an entry on its
     * four-entry dots' lane sums and an nnz-long double array, all for one product per entry, and left the sparse
     * Linear step at batch 1 only 1.26× its dense twin at 90% (session 32). A float product is the double product
     * rounded once, so the bits are those of the general path.
     */
    private static void outer(CsrMatrix pattern, int[] rows, float[] a, int aOff, float[] b, int bOff, float[] out,
                              boolean accumulate) {
        int[] rp = pattern.rowPtr(), ci = pattern.colIdx();
        Parallel.forEach(rows.length - 1, part -> {
            for (int i = rows[part]; i < rows[part + 1]; i++) {
                float ai = a[aOff + i];
                int p1 = rp[i + 1];
                if (accumulate) {
                    for (int p = rp[i]; p < p1; p++) out[p] += ai * b[bOff + ci[p]];
                } else {
                    for (int p = rp[i]; p < p1; p++) out[p] = ai * b[bOff + ci[p]];
                }
            }
        });
    }

    /**
     * Kernels.sddmmImages: out[p] = Σ over images i &lt; images of dot(A_i[row], B_i[col]) for each stored (row, col),
     * A_i at aOff + i·m·hw and B_i at bOff + i·k·hw: a pruned 1×1 layer's weight gradient over its batch. One
     * parallel region: threads split the pattern's rows and take every image in order, each entry summed in double
     * by one thread, so the bits do not depend on the thread count. One call per image allocated an nnz-long double
     * array and a parallel region per image, and rounded each image's sums to float (the 7×7 1024-channel layer's
     * step at 90% ran slower than its dense twin). Larger planes run image by image through B's tiles (tiledImages).
     */
    public static void sddmmImages(CsrMatrix pattern, int hw, int images, float[] a, int aOff, float[] b, int bOff, float[] out) {
        int m = pattern.rows(), k = pattern.cols(), nnz = pattern.nnz();
        if (nnz == 0) return;
        if (images > 1 && hw <= PACK_MAX_PIXELS) {
            // Small planes: a dot per image is a few vectors and its lane sum costs as much as its FMAs. Packed
            // channel-major (every image's plane of a channel in one row), each entry is one dot over images·hw.
            int len = images * hw;
            float[] pa = Scratch.get(Scratch.SHARED, (long) m * len + Aligned.SLACK), pb = Scratch.get(Scratch.GRAD, (long) k * len);
            int a0 = Aligned.offset(pa);
            packImages(a, aOff, m, hw, images, pa, a0);
            packImages(b, bOff, k, hw, images, pb, 0);
            sddmm(pattern, len, pa, a0, pb, 0, out, false);
            return;
        }
        if (images <= 1) {
            if (images == 0) java.util.Arrays.fill(out, 0, nnz, 0f);
            else sddmm(pattern, hw, a, aOff, b, bOff, out, false);
            return;
        }
        int[] rows = RowSplit.byWork(pattern.rowPtr(), m, Math.max(1, Math.min(Parallel.threads(), m)), 1);
        double[] acc = new double[nnz];
        tiledImages(pattern, rows, hw, images, a, aOff, b, bOff, acc);
        for (int p = 0; p < nnz; p++) out[p] = (float) acc[p];
    }

    /**
     * acc[p] += Σ over images and positions of A_i[row]·B_i[col] for the entries p of the pattern rows each thread
     * takes (rows: the split), with A_i at aOff + i·m·n and B_i at bOff + i·k·n (n positions per image). Image by
     * image, B is copied in tiles of K_ROWS rows × T_CHUNK positions (64 KB, on a cache line), and every pattern row
     * dots its entries of the tile: each row of B is read from L1 by the row's T_CHUNK-long dot, A in place. B read
     * in place came from L2, or from L3 when it outgrew it, and a large tile (256 rows × 512 positions, 512 KB) from
     * L2: with 128 × 128, 1024×1024 entries at 10% over 3136 positions took 6.7–6.9 ms against 9.2–9.5 (one JVM, 2
     * threads, docs/sittings/2026-12-05-s34/probes/SdTile.java); MobileNet's 1×1 layers' weight gradients at batch 64
     * (A, B per image, in place) ran 8.4–16 ms. Partial dots go to the double accumulators tile by tile, in a fixed
     * order, and each entry is one thread's: the bits do not depend on the thread count.
     */
    private static void tiledImages(CsrMatrix pattern, int[] rows, int n, int images, float[] a, int aOff, float[] b, int bOff,
                                    double[] acc) {
        int m = pattern.rows(), k = pattern.cols();
        Tiled plan = PlanCache.get(pattern, new TiledKey(), () -> Tiled.of(pattern));
        int nb = ColumnBlocks.count(plan.starts, m);
        Parallel.forEach(rows.length - 1, part -> {
            float[] buf = Scratch.get(Scratch.PANEL, (long) K_ROWS * T_CHUNK + Aligned.SLACK);
            float[] lanes = Scratch.get(Scratch.LANES, 8 * ShiftedSum.V);
            int b0 = Aligned.offset(buf), r0 = rows[part], r1 = rows[part + 1];
            for (int img = 0; img < images; img++) {
                int an = aOff + img * m * n, bn = bOff + img * k * n;
                for (int t0 = 0; t0 < n; t0 += T_CHUNK) {
                    int len = Math.min(T_CHUNK, n - t0);
                    for (int kb = 0; kb < nb; kb++) {
                        int j0 = kb * K_ROWS, j1 = Math.min(k, j0 + K_ROWS);
                        for (int j = j0; j < j1; j++) System.arraycopy(b, bn + j * n + t0, buf, b0 + (j - j0) * T_CHUNK, len);
                        for (int i = r0; i < r1; i++) {
                            ShiftedDot.dots(a, an + i * n + t0, buf, plan.offs, b0, plan.starts[kb * m + i], plan.starts[(kb + 1) * m + i],
                                    len, acc, lanes);
                        }
                    }
                }
            }
        });
    }

    /**
     * Planes up to this many pixels (7×7 and 8×8) are packed channel-major for {@link #sddmmImages}. In one JVM
     * alternating (docs/sittings/2026-12-05-s32/probes/SdImg.java, 2 threads, batch 64, 90%, pack included):
     * MobileNet's 7×7 1024-channel layer 24–35 → 16–20 ms (1.25–1.76×); its 14×14 layer 0.86–0.99× and 28×28 layer
     * 0.70–0.75×, which stay per image.
     */
    static final int PACK_MAX_PIXELS = 64;

    /** dst[dOff + c·images·hw + n·hw + p] = src[off + (n·channels + c)·hw + p]: each channel's planes of all images in one row. */
    private static void packImages(float[] src, int off, int channels, int hw, int images, float[] dst, int dOff) {
        int len = images * hw;
        Parallel.forRange(channels, 16, (c0, c1) -> {
            for (int c = c0; c < c1; c++)
                for (int n = 0; n < images; n++) System.arraycopy(src, off + (n * channels + c) * hw, dst, dOff + c * len + n * hw, hw);
        });
    }

    /** Positions of B per tile: eight vectors, one dot of ShiftedDot's eight-vector form. */
    private static final int T_CHUNK = 128;
    /** Rows of B per tile: K_ROWS × T_CHUNK floats = 64 KB. */
    private static final int K_ROWS = 128;

    /**
     * B larger than L2: tiles of K_ROWS rows × T_CHUNK positions are packed contiguously (B's rows are n
     * floats apart and, for power-of-two n, alias in L2 when read in place) and each pattern row dots its
     * entries of that row block. Partial dots go to the double accumulators tile by tile.
     */
    private record Tiled(int[] offs, int[] starts) {
        static Tiled of(CsrMatrix pattern) {
            int[] ci = pattern.colIdx();
            int[] offs = new int[ci.length];
            for (int p = 0; p < ci.length; p++) offs[p] = (ci[p] % K_ROWS) * T_CHUNK;
            return new Tiled(offs, ColumnBlocks.starts(pattern.rowPtr(), ci, pattern.rows(), pattern.cols(), K_ROWS));
        }
    }

    private record PlanKey(int n) {}

    /** Where each entry's row of B starts (column·n), cached per pattern and n. */
    private static int[] offsets(CsrMatrix pattern, int n) {
        int[] ci = pattern.colIdx();
        return PlanCache.get(pattern, new PlanKey(n), () -> {
            int[] o = new int[ci.length];
            for (int p = 0; p < ci.length; p++) o[p] = ci[p] * n;
            return o;
        });
    }

    private record TiledKey() {}

    /** Whether B exceeds the L2 budget, so it is read in packed tiles. */
    static boolean tiled(int n, int k) {
        return 4L * n * Math.max(1, k) > L2_BUDGET_BYTES;
    }
}
