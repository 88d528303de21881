package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/**
 * C[m×n] = A[m×k]·B[k×n] with A in CSR and B, C dense row-major, in XNNPACK's
 * sparse-inference layout: rows of B are input channels, its columns spatial (or batch)
 * positions, and vectors run along the columns. For each nonzero one weight is
 * broadcast and multiplied into a 4-vector register tile of the output row, so a
 * nonzero costs one load and one FMA per vector (see {@link ShiftedSum}).
 *
 * <p>B is processed in panels one register tile wide, each first copied into a
 * contiguous per-thread buffer: every row of A then reads the panel from L1/L2. Read in
 * place, a panel's rows sit n floats apart, and for the power-of-two widths common in
 * practice (4096, 8192) they all map to the same few cache sets and evict each other;
 * packing made the 64×576×8192 case about 1.5x faster. A packed panel still outgrows L1
 * when k is large (576 rows × 256 bytes), and a load from L2 per FMA runs at half the
 * speed of L1, so long rows are summed in blocks of K_BLOCK columns: each block of the
 * panel (32 KB) stays in L1 while all rows pass over it, at the price of reloading the
 * output tile once per block (rows with no entries in a block skip it). Partial sums
 * between blocks live in a contiguous scratch tile, not in C (see {@link #panels}). The
 * sum order per element is unchanged, so blocking does not change any bit of the result.
 *
 * <p>Small k (up to K_UNBLOCKED) with a row stride that does not alias in L1 skips the
 * packing: B is read in place and C written once, which is what memory-bound pointwise
 * layers need. Index plans are cached per CSR structure ({@link PlanCache}).
 *
 * <p>Serves 1x1 convolution per image (m = Cout, k = Cin, n = H·W) and, through
 * {@link SparseLinear}, which packs transposed panels itself, the Linear layer. Fewer
 * columns than one vector go to {@link GatherSpmv}. Wide problems are split across threads by panels, so
 * each thread streams its own part of B; narrow ones by rows of equal nonzero count.
 * Each output is one fixed-order sum, so results are identical for any thread count.
 */
public final class CsrSpmm {
    private static final int P = ShiftedSum.TILE;
    /** Panels per thread below which splitting by rows balances better. */
    private static final int MIN_PANELS_PER_THREAD = 4;
    /** Rows of a packed panel per k block: 128 × 64 floats = 32 KB, two thirds of a 48 KB L1. */
    private static final int K_BLOCK = 128;
    /** Up to this k a whole panel is summed at once (a slightly oversized panel beats a second pass). */
    private static final int K_UNBLOCKED = 160;
    /**
     * Panels packed together: reading 4·64 consecutive floats of each B row streams from
     * memory far better than 64 (one short burst per row, rows 16-32 KB apart, was
     * latency-bound), and 4 packed panels of k ≤ 1024 rows (1 MB) still fit L2.
     */
    private static final int GROUP = 4;
    /**
     * Up to this many rows per thread the packed path sums straight into C (ResNet-32's im2col shapes,
     * m = 16..64: staging cost them 10-20%); above it, through the staging tile (Linear, m = 1024).
     */
    private static final int DIRECT_ROWS = 128;

    private CsrSpmm() {}

    /** Kernels.spmm: C = A·B (+bias per row, then ReLU), or C += A·B when accumulate. */
    public static void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff,
                            float[] bias, boolean relu, boolean accumulate) {
        if (accumulate && (bias != null || relu)) {
            throw new IllegalArgumentException("spmm: accumulate cannot be combined with bias or relu");
        }
        int m = a.rows(), k = a.cols();
        if (m == 0 || n == 0) return;
        Plan plan = PlanCache.get(a, new PlanKey(n), () -> Plan.of(a, n));
        int[] offs = plan.offs, packedOffs = plan.packedOffs, blocks = plan.blocks;
        int[] ptr = a.rowPtr();
        float[] vals = a.values();
        int threads = Parallel.threads();
        if (n < ShiftedSum.V) {
            // Fewer columns than lanes: vectors along each row's nonzeros, B gathered (offs[e] = column·n).
            int[] rows = RowSplit.byWork(ptr, m, Math.max(1, Math.min(threads, m / 16)), 2);
            Parallel.forEach(rows.length - 1, part -> GatherSpmv.rows(vals, offs, ptr, rows[part], rows[part + 1], n,
                    b, bOff, 1, c, cOff, 1, n, bias, relu, accumulate));
            return;
        }
        if (k <= K_UNBLOCKED && fitsInPlace(n, k)) {
            // Read B in place: no copy of B and no staging of C, each element of both touched once.
            int parts = Math.max(1, Math.min(threads, n / P / MIN_PANELS_PER_THREAD));
            Parallel.forEach(parts, part -> {
                int q0 = (int) ((long) n / P * part / parts) * P;
                int q1 = part == parts - 1 ? n : (int) ((long) n / P * (part + 1) / parts) * P;
                inPlace(vals, offs, ptr, m, b, bOff, n, q0, q1, c, cOff, bias, relu, accumulate);
            });
            return;
        }
        int panels = n / P;
        if (threads > 1 && panels >= threads * MIN_PANELS_PER_THREAD) {
            Parallel.forRange(panels, 1, (from, to) -> {
                panels(vals, packedOffs, blocks, m, 0, m, b, bOff, n, k, from, to, c, cOff, bias, relu, accumulate);
                if (to == panels && panels * P < n) {
                    ShiftedSum.run(vals, offs, ptr, 0, m, b, bOff, panels * P, n, c, cOff, n, bias, relu, accumulate);
                }
            });
        } else {
            int[] rows = RowSplit.byWork(ptr, m, Math.max(1, Math.min(threads, m)), 2);
            Parallel.forEach(rows.length - 1, part -> {
                int r0 = rows[part], r1 = rows[part + 1];
                if (r0 == r1) return;
                int dst = cOff + r0 * n;
                panels(vals, packedOffs, blocks, m, r0, r1, b, bOff, n, k, 0, panels, c, dst, bias, relu, accumulate);
                if (panels * P < n) {
                    ShiftedSum.run(vals, offs, ptr, r0, r1, b, bOff, panels * P, n, c, dst, n, bias, relu, accumulate);
                }
            });
        }
    }

    /**
     * Rows [t0, t1) of output panels [pn0, pn1): packed GROUP panels at a time, each summed k block by k block.
     * With more than DIRECT_ROWS rows, partial sums live in a contiguous tile buffer rather than in C, and reach C once per group of panels,
     * one GROUP·P run per row. C's rows are n floats apart: for power-of-two n (4096) a 1024-row tile column
     * maps onto a few L2 sets, so partials kept in C fell out to L3 between k blocks, and writing 64 floats
     * per row, 16 KB apart, costs a TLB walk per row (a quarter of the Linear layer's time at 90%).
     */
    private static void panels(float[] vals, int[] packedOffs, int[] blocks, int m, int t0, int t1,
                               float[] b, int bOff, int n, int k, int pn0, int pn1,
                               float[] c, int dstOff, float[] bias, boolean relu, boolean accumulate) {
        if (pn0 >= pn1) return;
        int nb = blocks.length / m - 1;
        int rows = t1 - t0, tile = rows * P;
        boolean shortRows = (long) blocks[nb * m + m - 1] < (long) ShiftedSum.SHORT_ROWS * m * nb;
        float[] buf = Scratch.get(Scratch.PANEL, (long) GROUP * k * P + Aligned.SLACK);
        int b0 = Aligned.offset(buf);
        if (rows <= DIRECT_ROWS) {
            // Few rows: their tiles stay in cache inside C and a staging copy would only add traffic.
            for (int g0 = pn0; g0 < pn1; g0 += GROUP) {
                int count = Math.min(GROUP, pn1 - g0);
                pack(b, bOff, n, k, g0, count, buf, b0);
                for (int j = 0; j < count; j++) {
                    int pn = g0 + j;
                    for (int kb = 0; kb < nb; kb++) {
                        boolean first = kb == 0, last = kb == nb - 1;
                        ShiftedSum.run(vals, packedOffs, blocks, kb * m, blocks, (kb + 1) * m, t0, t1,
                                buf, b0 + j * k * P - pn * P, pn * P, (pn + 1) * P, c, dstOff, n,
                                first ? bias : null, last && relu, accumulate || !first, shortRows);
                    }
                }
            }
            return;
        }
        float[] acc = Scratch.get(Scratch.TILES, (long) GROUP * tile + Aligned.SLACK);
        int a0 = Aligned.offset(acc);
        for (int g0 = pn0; g0 < pn1; g0 += GROUP) {
            int count = Math.min(GROUP, pn1 - g0);
            pack(b, bOff, n, k, g0, count, buf, b0);
            if (accumulate) copyIn(c, dstOff + g0 * P, n, acc, a0, tile, rows, count);
            for (int j = 0; j < count; j++) {
                for (int kb = 0; kb < nb; kb++) {
                    boolean first = kb == 0;
                    ShiftedSum.run(vals, packedOffs, blocks, kb * m, blocks, (kb + 1) * m, t0, t1,
                            buf, b0 + j * k * P, 0, P, acc, a0 + j * tile, P,
                            first ? bias : null, false, accumulate || !first, shortRows);
                }
            }
            copyOut(acc, a0, tile, rows, count, c, dstOff + g0 * P, n, relu);
        }
    }

    /** C rows ← tiles: row r of panel j is acc[j·tile + r·P, +P); ReLU (NaN passes) when asked. */
    private static void copyOut(float[] acc, int a0, int tile, int rows, int count, float[] c, int cOff, int n, boolean relu) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < count; j++) {
                int src = a0 + j * tile + r * P, dst = cOff + r * n + j * P;
                if (relu) {
                    ShiftedSum.reluCopy(acc, src, c, dst, P);
                } else {
                    System.arraycopy(acc, src, c, dst, P);
                }
            }
        }
    }

    private static void copyIn(float[] c, int cOff, int n, float[] acc, int a0, int tile, int rows, int count) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < count; j++) System.arraycopy(c, cOff + r * n + j * P, acc, a0 + j * tile + r * P, P);
        }
    }

    /**
     * Columns [q0, q1) of all rows from B in place, in chunks of GROUP tiles taken two rows at a time, so
     * that C is written in runs of GROUP·P floats per row (as the packed path's copy-out does) while the
     * chunk of B (k × GROUP·P floats, k KB) stays in L1 or L2: 64 rows each writing one tile and moving
     * on left ~100 interleaved streams, which the prefetchers lose when B and C come from memory (batch 64).
     */
    private static void inPlace(float[] vals, int[] offs, int[] ptr, int m, float[] b, int bOff, int n, int q0, int q1,
                                float[] c, int cOff, float[] bias, boolean relu, boolean accumulate) {
        for (int x0 = q0; x0 < q1; x0 += GROUP * P) {
            int x1 = Math.min(q1, x0 + GROUP * P);
            for (int t = 0; t < m; t += 2) {
                int t1 = Math.min(m, t + 2);
                ShiftedSum.run(vals, offs, ptr, t, t1, b, bOff, x0, x1, c, cOff + t * n, n, bias, relu, accumulate);
            }
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

    /** Start of each nonzero's B row relative to bOff (tail columns) and in a packed panel, and the k blocks. */
    private record Plan(int[] offs, int[] packedOffs, int[] blocks) {
        static Plan of(CsrMatrix a, int n) {
            int[] ci = a.colIdx();
            int nnz = a.nnz();
            int[] offs = new int[nnz];
            for (int p = 0; p < nnz; p++) offs[p] = ci[p] * n;
            return new Plan(offs, packedOffsets(a), kBlockStarts(a));
        }
    }

    /** Start of each entry's row in a packed panel of P columns. */
    static int[] packedOffsets(CsrMatrix a) {
        int[] ci = a.colIdx();
        int[] packedOffs = new int[a.nnz()];
        for (int p = 0; p < packedOffs.length; p++) packedOffs[p] = ci[p] * P;
        return packedOffs;
    }

    /**
     * Entry boundaries of the k blocks: row t's entries with columns in block kb are
     * [s[kb·m + t], s[(kb+1)·m + t]). One block when k is small.
     */
    static int[] kBlockStarts(CsrMatrix a) {
        int m = a.rows(), k = a.cols();
        int[] ptr = a.rowPtr(), ci = a.colIdx();
        int nb = k <= K_UNBLOCKED ? 1 : (k + K_BLOCK - 1) / K_BLOCK;
        int width = nb == 1 ? Math.max(1, k) : K_BLOCK;
        int[] s = new int[(nb + 1) * m];
        for (int t = 0; t < m; t++) {
            int p = ptr[t], end = ptr[t + 1];
            for (int kb = 0; kb < nb; kb++) {
                while (p < end && ci[p] < kb * width) p++;
                s[kb * m + t] = p;
            }
            s[nb * m + t] = end;
        }
        return s;
    }

    /** Copies panels [pn0, pn0+count) of B into buf (panel j at b0 + j·k·P, row after row), reading each B row in one run. */
    private static void pack(float[] b, int bOff, int n, int k, int pn0, int count, float[] buf, int b0) {
        for (int r = 0; r < k; r++) {
            int src = bOff + r * n + pn0 * P;
            for (int j = 0; j < count; j++) System.arraycopy(b, src + j * P, buf, b0 + j * k * P + r * P, P);
        }
    }
}
