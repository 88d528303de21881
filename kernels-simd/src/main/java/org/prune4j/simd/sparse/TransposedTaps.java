package org.prune4j.simd.sparse;

import org.prune4j.core.sparse.CsrMatrix;

/**
 * The sparse weight regrouped by what the input gradient writes: one target per
 * (input channel, phase plane), holding every entry (co, ci, ky, kx) that reads from
 * it, with the entry's offset into the framed output-gradient buffer. Gathering per
 * target, instead of scattering per weight entry, gives each thread disjoint outputs
 * (no write races, no atomics) and keeps the sums in registers. Built by a counting
 * sort in O(nnz + targets), in the weight's own order within a target.
 */
final class TransposedTaps {
    /** Bytes of output gradient one block of output channels may span per register tile. */
    private static final int L1_TILE_BUDGET = 24 * 1024;

    final int[] ptr;
    final int[] srcOff;
    /** Index into the weight's values of each transposed entry (values change between calls, the structure does not). */
    final int[] entry;
    /** Output-channel blocks of each target's entries (see ColumnBlocks), so a tile's gradient rows stay in L1. */
    final int[] blocks;

    TransposedTaps(PhaseLayout l, CsrMatrix w) {
        var g = l.g;
        int targets = g.inChannels() * l.phases;
        int[] rp = w.rowPtr(), col = w.colIdx();
        int khw = g.kernelH() * g.kernelW(), kw = g.kernelW();
        int cinG = g.inChannelsPerGroup(), coutG = g.outChannelsPerGroup();
        int nnz = w.nnz();
        int[] target = new int[nnz];
        ptr = new int[targets + 1];
        for (int co = 0; co < g.outChannels(); co++) {
            int cinBase = co / coutG * cinG;
            for (int p = rp[co]; p < rp[co + 1]; p++) {
                int c = col[p];
                int t = (cinBase + c / khw) * l.phases + l.phaseOf(c % khw / kw, c % kw);
                target[p] = t;
                ptr[t + 1]++;
            }
        }
        for (int t = 0; t < targets; t++) ptr[t + 1] += ptr[t];
        int[] next = ptr.clone();
        srcOff = new int[nnz];
        entry = new int[nnz];
        for (int co = 0; co < g.outChannels(); co++) {
            for (int p = rp[co]; p < rp[co + 1]; p++) {
                int c = col[p];
                int e = next[target[p]]++;
                // Input position r receives dy at q = r - shift, stored at co·stride + maxShift + q.
                srcOff[e] = co * l.gradStride + l.maxShift - l.shiftOf(c % khw / kw, c % kw);
                entry[e] = p;
            }
        }
        int[] co = new int[nnz];
        for (int e = 0; e < nnz; e++) co[e] = srcOff[e] / l.gradStride;
        int perChannel = 4 * (ShiftedSum.TILE + l.maxShift);
        int width = Math.max(1, L1_TILE_BUDGET / perChannel);
        blocks = ColumnBlocks.starts(ptr, co, targets, g.outChannels(), width);
    }

    /** The weight's current values in transposed order. */
    float[] values(CsrMatrix w) {
        float[] wv = w.values(), v = new float[entry.length];
        for (int e = 0; e < v.length; e++) v[e] = wv[entry[e]];
        return v;
    }
}
