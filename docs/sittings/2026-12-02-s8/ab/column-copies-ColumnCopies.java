package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * The forward input layout for stride-1 convolutions whose output rows are one or two
 * whole vectors (CIFAR's 16- and 32-wide planes on 16-float vectors): one copy of the
 * zero-padded input per kernel column kx, each row holding just the ow padded columns
 * [kx, kx + ow) that outputs read through that column of taps. Every tap (ci, ky, kx)
 * then reads whole rows of its copy at ky·ow + a constant, so a register tile of 16
 * output rows (or 8 rows of 32) loads one contiguous, line-aligned run of 16 vectors
 * per weight entry. In the phase layout (row stride ow + kw - 1) those loads start at
 * any float and 15 of 16 of them split a cache line; split loads halve what L1 delivers
 * per cycle, and the forward tiles are bound by loads.
 *
 * <p>Layout of a fold of images: [kx][channel][image][padded row u][column j], the value
 * being padded input (u, j + kx). Costs kw copies of the fold (the rows are written once
 * each from a staged padded row) instead of one.
 */
final class ColumnCopies {
    private static final int V = ShiftedSum.V;

    final ConvGeometry g;
    final int images, kw, ow, hq, plane, chanStride, copyStride;
    /** Floats of a fold, from its aligned start. */
    final int size;

    private ColumnCopies(PhaseLayout l) {
        g = l.g;
        images = l.images;
        kw = g.kernelW();
        ow = l.ow;
        hq = l.hq;
        plane = hq * ow;
        chanStride = images * plane;
        copyStride = g.inChannels() * chanStride;
        size = kw * copyStride;
    }

    /** Output rows per 16-vector register tile, or 0 when the layout does not apply. */
    static int tileRows(PhaseLayout l) {
        ConvGeometry g = l.g;
        if (V != 16 || l.sh != 1 || l.sw != 1 || g.dilationH() != 1 || g.dilationW() != 1) return 0;
        // Same-padded rows of one or two vectors (ow = inW), shifted by at most pw < V lanes per copy.
        if ((l.ow != V && l.ow != 2 * V) || g.inW() != l.ow || g.padW() >= V) return 0;
        int rows = 16 * V / l.ow;
        return l.oh % rows == 0 ? rows : 0;
    }

    /** The copies for a layout's fold, or null when its geometry does not suit them. */
    static ColumnCopies of(PhaseLayout l) {
        return tileRows(l) > 0 ? new ColumnCopies(l) : null;
    }

    /** For each weight entry (co, (ci·kh + ky)·kw + kx), the start of its rows in the copies. */
    int[] deltas(CsrMatrix w) {
        int[] rp = w.rowPtr(), col = w.colIdx();
        int khw = g.kernelH() * kw;
        int cinG = g.inChannelsPerGroup(), coutG = g.outChannelsPerGroup();
        int[] delta = new int[w.nnz()];
        for (int co = 0; co < g.outChannels(); co++) {
            int cinBase = co / coutG * cinG;
            for (int p = rp[co]; p < rp[co + 1]; p++) {
                int c = col[p];
                delta[p] = c % kw * copyStride + (cinBase + c / khw) * chanStride + c % khw / kw * ow;
            }
        }
        return delta;
    }

    /** SHIFT[s] lane j holds j + s: selectFrom(a, b) then reads lane j + s of a followed by b (one two-table permute). */
    private static final FloatVector[] SHIFT = new FloatVector[V];

    static {
        for (int sh = 0; sh < V; sh++) {
            float[] idx = new float[V];
            for (int j = 0; j < V; j++) idx[j] = j + sh;
            SHIFT[sh] = FloatVector.fromArray(ShiftedSum.SPECIES, idx, 0);
        }
    }

    /**
     * Writes images n0 .. n0+images of x into buf[off, off + size). Each input row is loaded
     * once into registers and each copy's row is made from it by lane shifts (d = kx - pw
     * columns, zeros shifted in at the borders): building a padded row in memory and
     * reloading it at kw offsets stalled on store forwarding and made the fill cost as
     * much as the arithmetic.
     */
    void fill(float[] x, int n0, float[] buf, int off) {
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels();
        FloatVector zero = FloatVector.zero(ShiftedSum.SPECIES);
        boolean two = ow == 2 * V;
        for (int c = 0; c < cin; c++) {
            for (int img = 0; img < images; img++) {
                int xBase = ((n0 + img) * cin + c) * inH * inW;
                int base = off + c * chanStride + img * plane;
                for (int u = 0; u < hq; u++) {
                    int iy = u - ph, dst = base + u * ow;
                    if (iy < 0 || iy >= inH) {
                        for (int kx = 0; kx < kw; kx++) {
                            zero.intoArray(buf, dst + kx * copyStride);
                            if (two) zero.intoArray(buf, dst + kx * copyStride + V);
                        }
                        continue;
                    }
                    int xr = xBase + iy * inW;
                    FloatVector a = FloatVector.fromArray(ShiftedSum.SPECIES, x, xr);
                    FloatVector b = two ? FloatVector.fromArray(ShiftedSum.SPECIES, x, xr + V) : zero;
                    for (int kx = 0; kx < kw; kx++) {
                        // Copy kx's row is x's row read from column d = kx - pw: lanes shifted left (d > 0) or right.
                        int d = kx - pw, o = dst + kx * copyStride;
                        if (d == 0) {
                            a.intoArray(buf, o);
                            if (two) b.intoArray(buf, o + V);
                        } else if (d > 0) {
                            SHIFT[d].selectFrom(a, b).intoArray(buf, o);
                            if (two) SHIFT[d].selectFrom(b, zero).intoArray(buf, o + V);
                        } else {
                            SHIFT[V + d].selectFrom(zero, a).intoArray(buf, o);
                            if (two) SHIFT[V + d].selectFrom(a, b).intoArray(buf, o + V);
                        }
                    }
                }
            }
        }
    }
}
