package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.RowCopy;

/**
 * The buffer layouts that turn any convolution (stride, padding, dilation, groups) into
 * stride-1 shifted sums with no bounds checks in the inner loop.
 *
 * <p>Each input channel is zero-padded and split into strideH·strideW phase planes of
 * hq×wq, plane (a, b) holding padded pixel (u·sh + a, v·sw + b) at (u, v). Tap (ky, kx)
 * of output (oy, ox) reads padded pixel (oy·sh + ky·dh, ox·sw + kx·dw), which is pixel
 * (oy + ky·dh / sh, ox + kx·dw / sw) of phase plane (ky·dh % sh, kx·dw % sw). With output
 * position q = oy·wq + ox, every tap becomes "src[q + delta]" for one constant delta
 * per weight entry, so a whole output plane is one contiguous vector loop. The columns
 * ox in [ow, wq) are junk computed alongside and dropped when copying out; for CIFAR
 * planes that is 2 of 34 columns, far cheaper than masked border code.
 *
 * <p>Small planes are folded: a buffer holds several images, laid out [channel][phase]
 * [image][plane], so q runs across the images' planes and one vector loop covers them all.
 * An 8x8 CIFAR plane alone would be 80 positions (one 4-vector tile and a latency-bound
 * single vector, 20% junk); six folded images are 600 positions in full tiles.
 *
 * <p>The output gradient uses the same q index inside a zero frame (lead zeros before,
 * zeros in the junk columns and after), which makes the input gradient a gather over
 * the transposed taps and the weight gradient a plain dot product.
 */
final class PhaseLayout {
    final ConvGeometry g;
    /** Images folded into one buffer. */
    final int images;
    final int sh, sw, phases, hq, wq, plane, phaseStride, chanStride, bufferSize;
    final int oh, ow;
    /** Output positions computed per channel: (images-1)·plane + (oh-1)·wq + ow rounded up to a vector. */
    final int qSpan;
    /** Positions of one phase block (all images) rounded up to a vector (input-gradient targets). */
    final int planeSpan;
    /** Largest in-plane shift of a tap: (kh-1)·dh/sh rows plus (kw-1)·dw/sw columns. */
    final int maxShift;
    /** Floats per output channel in the framed gradient buffer. */
    final int gradStride;

    PhaseLayout(ConvGeometry g, int images) {
        this(g, images, 0);
    }

    /**
     * With rowStride 0 the phase rows are just as wide as the padded input needs (wq); otherwise
     * exactly rowStride apart, which must be at least that, the rest of each row being zeros
     * (the forward pass's 16-vector tiles need a constant row stride, see {@link ShiftedSum#runTile16}).
     */
    PhaseLayout(ConvGeometry g, int images, int rowStride) {
        this.g = g;
        this.images = images;
        sh = g.strideH();
        sw = g.strideW();
        phases = sh * sw;
        int hp = g.inH() + 2 * g.padH(), wp = g.inW() + 2 * g.padW();
        hq = (hp + sh - 1) / sh;
        int natural = naturalRowStride(g);
        if (rowStride != 0 && rowStride < natural) {
            throw new IllegalArgumentException("phase row stride " + rowStride + " is shorter than the padded row, " + natural);
        }
        wq = rowStride == 0 ? natural : rowStride;
        plane = hq * wq;
        phaseStride = Math.multiplyExact(images, plane);
        chanStride = Math.multiplyExact(phases, phaseStride);
        oh = g.outH();
        ow = g.outW();
        int v = ShiftedSum.V;
        qSpan = roundUp((images - 1) * plane + (oh - 1) * wq + ow, v);
        planeSpan = roundUp(phaseStride, v);
        maxShift = ((g.kernelH() - 1) * g.dilationH() / sh) * wq + (g.kernelW() - 1) * g.dilationW() / sw;
        gradStride = maxShift + planeSpan;
        // A vector starting at the last valid position may run up to V-1 floats past the last plane.
        bufferSize = Math.addExact(Math.multiplyExact(g.inChannels(), chanStride), v);
    }

    /** Positions a fold aims for: enough full 4-vector tiles to amortise each row's entry loop. */
    private static final int FOLD_POSITIONS = 512;
    /** Largest folded input buffer, so it stays in L2. */
    private static final long FOLD_BYTES = 1 << 20;

    /** Floats a phase row needs: the padded input width over the x stride, rounded up. */
    static int naturalRowStride(ConvGeometry g) {
        return (g.inW() + 2 * g.padW() + g.strideW() - 1) / g.strideW();
    }

    /** How many images to fold into one buffer for this geometry and row stride (0: natural; 1 for planes that are large already). */
    static int imagesPerFold(ConvGeometry g, int rowStride) {
        int hq = (g.inH() + 2 * g.padH() + g.strideH() - 1) / g.strideH();
        int wq = rowStride == 0 ? naturalRowStride(g) : rowStride;
        long imageBytes = 4L * g.inChannels() * g.strideH() * g.strideW() * hq * wq;
        long byPositions = (FOLD_POSITIONS + (long) hq * wq - 1) / ((long) hq * wq);
        long byBytes = Math.max(1, FOLD_BYTES / imageBytes);
        return (int) Math.max(1, Math.min(Math.max(1, g.batch()), Math.min(byPositions, byBytes)));
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    int phaseOf(int ky, int kx) {
        return (ky * g.dilationH() % sh) * sw + kx * g.dilationW() % sw;
    }

    int shiftOf(int ky, int kx) {
        return (ky * g.dilationH() / sh) * wq + kx * g.dilationW() / sw;
    }

    /** For each weight entry (co, (ci·kh + ky)·kw + kx), its delta into the phase-padded image. */
    int[] forwardDeltas(CsrMatrix w) {
        int[] rp = w.rowPtr(), col = w.colIdx();
        int khw = g.kernelH() * g.kernelW(), kw = g.kernelW();
        int cinG = g.inChannelsPerGroup(), coutG = g.outChannelsPerGroup();
        int[] delta = new int[w.nnz()];
        for (int co = 0; co < g.outChannels(); co++) {
            int cinBase = co / coutG * cinG;
            for (int p = rp[co]; p < rp[co + 1]; p++) {
                int c = col[p], ky = c % khw / kw, kx = c % kw;
                delta[p] = (cinBase + c / khw) * chanStride + phaseOf(ky, kx) * phaseStride + shiftOf(ky, kx);
            }
        }
        return delta;
    }

    /**
     * Writes images n0 .. n0+images of x into buf[off, off + bufferSize) in phase-padded layout.
     * The buffer is zeroed in one pass of whole vectors and then only the image rows are copied:
     * against zeroing each row's borders on the way (one or two floats beside every copied row),
     * that measured 1.8-2x faster (16-channel 32x32 and 128-channel 16x16 planes, batch 128).
     */
    void fillImages(float[] x, int n0, float[] buf, int off) {
        fillImages(x, n0, buf, off, false);
    }

    /**
     * {@link #fillImages(float[], int, float[], int)}; with framed, buf[off, off + bufferSize) already holds this
     * layout's zeros: the last fill there was of this layout at this off, and nothing has written to it since (a
     * thread's next fold in the same call). Then only the image rows are copied. The zeros were 1.5 to 2 times the
     * data in the forward's 16-vector layouts, and rewriting them for every image cost as much again as the copy
     * (16-channel 32×32 planes 0.33 → 0.22 ms for 128 images on one thread, 32-channel 16×16 0.24 → 0.10;
     * docs/sittings/2026-12-03-s20/probes/FillProbe2.java). A column stride of 2 writes its frames anyway
     * ({@link #fillPhaseRows}).
     */
    void fillImages(float[] x, int n0, float[] buf, int off, boolean framed) {
        if (framed && sh == 1 && sw == 1) {
            copyImageRows(x, n0, buf, off);
            return;
        }
        fill(x, n0, buf, off, framed, 0, g.inChannels());
    }

    /**
     * The part of {@link #fillImages(float[], int, float[], int)} that belongs to input channels [c0, c1): their
     * planes, and the zeros past the last plane when c1 is the last channel. Threads that fill disjoint ranges of
     * channels together write what one fill writes.
     */
    void fillChannels(float[] x, int n0, float[] buf, int off, int c0, int c1) {
        fill(x, n0, buf, off, false, c0, c1);
    }

    /** {@link #fillChannels}; with framed (see fillImages) the general loop leaves the zeros that are there already. */
    private void fill(float[] x, int n0, float[] buf, int off, boolean framed, int c0, int c1) {
        if (sh == 1 && sw == 1 && wq - g.inW() >= ShiftedSum.V) {
            fillRowsAndGaps(x, n0, buf, off, c0, c1);
            return;
        }
        if (sw == 2) {
            fillPhaseRows(x, n0, buf, off, c0, c1);
            return;
        }
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels();
        // Zeros, not stale data, also past the planes, so junk positions stay finite for the weight gradient.
        int end = c1 == cin ? bufferSize : c1 * chanStride;
        if (!framed) RowCopy.zero(buf, off + c0 * chanStride, end - c0 * chanStride);
        for (int c = c0; c < c1; c++) {
            for (int a = 0; a < sh; a++) {
                // Rows u with iy = u·sh + a - ph inside [0, inH): [u0, u1).
                int u0 = Math.max(0, (ph - a + sh - 1) / sh), u1 = Math.min(hq, Math.floorDiv(inH - 1 + ph - a, sh) + 1);
                for (int b = 0; b < sw; b++) {
                    // Columns v with ix = v·sw + b - pw inside [0, inW): [v0, v1).
                    int v0 = Math.max(0, (pw - b + sw - 1) / sw), v1 = Math.min(wq, Math.floorDiv(inW - 1 + pw - b, sw) + 1);
                    if (v1 <= v0) continue;
                    for (int img = 0; img < images; img++) {
                        int xBase = ((n0 + img) * cin + c) * inH * inW;
                        int base = off + c * chanStride + (a * sw + b) * phaseStride + img * plane;
                        for (int u = u0; u < u1; u++) {
                            int row = base + u * wq + v0;
                            int xr = xBase + (u * sh + a - ph) * inW + v0 * sw + b - pw;
                            if (sw == 1) {
                                RowCopy.copy(x, xr, buf, row, v1 - v0);
                            } else {
                                RowCopy.gather(x, xr, sw, buf, row, v1 - v0);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #fillImages} for a column stride of 2 (ResNet's downsampling layers): every phase row is written once
     * with its frame, and one pass over each input row de-interleaves it into both column phases
     * ({@link RowCopy#deinterleave}), image plane by image plane. The general loop below zeroes the whole buffer first
     * and gathers each phase row from its input row separately: 0.68–0.77 ms against 0.69 ms here and 0.15–0.2 ms for
     * a plain copy of the same 8 MB (ResNet's 16→32 layer, batch 128, one thread;
     * docs/sittings/2026-12-03-s16/probes/FillProbe.java). That was not the memory: with the images in L2 it cost
     * the same per row, about 36 cycles, most of them in the six one-float loops of each row's frame (C2 compiles
     * each into a guarded loop nest). The frame columns are now written down each column of the plane, a row of
     * 2V data columns is one straight vector pair, and x is read row after row. Alone, one thread, 4 alternating
     * runs (docs/sittings/2026-12-03-s16/probes/FillProbe.java with -Dn): 0.66–0.70 → 0.48–0.56 ms for 128 images, and
     * 0.047–0.052 → 0.032–0.033 ms for 8 (in L2), still about twice a copy.
     */
    private void fillPhaseRows(float[] x, int n0, float[] buf, int off, int c0, int c1) {
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels();
        // Phase b holds columns v with ix = 2v + b - pw inside [0, inW): [v0b, v1b), starting at input column xs_b;
        // the two phases start on neighbouring input columns, so one pass over each input row feeds both rows.
        int v00 = Math.min(wq, Math.max(0, (pw + 1) / 2)), v10 = Math.max(v00, Math.min(wq, Math.floorDiv(inW - 1 + pw, 2) + 1));
        int v01 = Math.min(wq, Math.max(0, pw / 2)), v11 = Math.max(v01, Math.min(wq, Math.floorDiv(inW - 2 + pw, 2) + 1));
        boolean firstEven = 2 * v00 - pw < 2 * v01 + 1 - pw;
        int xsLow = firstEven ? 2 * v00 - pw : 2 * v01 + 1 - pw;
        int pairs = Math.min(v10 - v00, v11 - v01);
        for (int img = 0; img < images; img++) {
            for (int c = c0; c < c1; c++) {
                int xBase = ((n0 + img) * cin + c) * inH * inW, base = off + c * chanStride + img * plane;
                // Phase rows over no input row (the padding) are zeros.
                for (int a = 0; a < sh; a++) {
                    for (int u = 0; u < hq; u++) {
                        int iy = u * sh + a - ph, r0 = base + (a * 2) * phaseStride + u * wq;
                        if (iy >= 0 && iy < inH) continue;
                        RowCopy.zero(buf, r0, wq);
                        RowCopy.zero(buf, r0 + phaseStride, wq);
                    }
                }
                // The frame columns of every row: the same few columns, written down each column.
                for (int a = 0; a < sh; a++) {
                    int r0 = base + (a * 2) * phaseStride, r1 = r0 + phaseStride;
                    zeroColumns(buf, r0, 0, v00);
                    zeroColumns(buf, r0, v10, wq);
                    zeroColumns(buf, r1, 0, v01);
                    zeroColumns(buf, r1, v11, wq);
                }
                // The input rows in order, so x streams: row iy is row u of row phase a.
                for (int iy = 0, a = ph % sh, u = ph / sh; iy < inH && u < hq; iy++) {
                    int r0 = base + (a * 2) * phaseStride + u * wq, r1 = r0 + phaseStride, xr = xBase + iy * inW;
                    if (++a == sh) {
                        a = 0;
                        u++;
                    }
                    int lo = firstEven ? r0 + v00 : r1 + v01, hi = firstEven ? r1 + v01 : r0 + v00;
                    if (pairs == RowCopy.V) {
                        RowCopy.deinterleaveVector(x, xr + xsLow, buf, lo, buf, hi);
                    } else {
                        RowCopy.deinterleave(x, xr + xsLow, buf, lo, buf, hi, pairs);
                    }
                    // Data columns past the pairs (none when both phases hold the same number), one by one.
                    for (int v = v00 + pairs; v < v10; v++) buf[r0 + v] = x[xr + 2 * v - pw];
                    for (int v = v01 + pairs; v < v11; v++) buf[r1 + v] = x[xr + 2 * v + 1 - pw];
                }
            }
        }
        if (c1 == cin) RowCopy.zero(buf, off + cin * chanStride, bufferSize - cin * chanStride);
    }

    /** buf[r + u·wq + v] = 0 for columns v in [v0, v1) of rows u &lt; hq: a phase plane's frame, column by column. */
    private void zeroColumns(float[] buf, int r, int v0, int v1) {
        for (int v = v0; v < v1; v++) {
            for (int u = 0, i = r + v; u < hq; u++, i += wq) buf[i] = 0f;
        }
    }

    /** The image rows of a stride-1 layout, into frames that are there already. */
    private void copyImageRows(float[] x, int n0, float[] buf, int off) {
        int inH = g.inH(), inW = g.inW(), cin = g.inChannels(), lead = g.padH() * wq + g.padW();
        for (int c = 0; c < cin; c++) {
            for (int img = 0; img < images; img++) {
                RowCopy.copyRows(x, ((n0 + img) * cin + c) * inH * inW, inW, buf, off + c * chanStride + img * plane + lead, wq, inH, inW);
            }
        }
    }

    /**
     * {@link #fillImages} for stride 1 when the zeros between two rows' data (wq − inW of them: 16 for the 32-wide
     * planes in the forward's 48-float rows) are a whole vector or more: each position is written once, the rows
     * copied and each gap zeroed in between, instead of zeroing the buffer (1.6 times the data) first.
     */
    private void fillRowsAndGaps(float[] x, int n0, float[] buf, int off, int c0, int c1) {
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels();
        for (int c = c0; c < c1; c++) {
            for (int img = 0; img < images; img++) {
                int base = off + c * chanStride + img * plane, xBase = ((n0 + img) * cin + c) * inH * inW;
                RowCopy.zero(buf, base, ph * wq + pw);
                for (int iy = 0; iy < inH; iy++) {
                    int row = base + (iy + ph) * wq + pw;
                    RowCopy.copy(x, xBase + iy * inW, buf, row, inW);
                    int end = iy + 1 < inH ? row + wq : base + plane;
                    RowCopy.zero(buf, row + inW, end - row - inW);
                }
            }
        }
        if (c1 == cin) RowCopy.zero(buf, off + cin * chanStride, bufferSize - cin * chanStride);
    }

    /**
     * Writes images n0 .. n0+images of dy into buf[off, off + Cout·gradStride): each channel framed by zeros
     * (zeroed in one pass, then the rows copied, as in {@link #fillImages}).
     */
    void fillGrad(float[] dy, int n0, float[] buf, int off) {
        fillGrad(dy, n0, buf, off, false);
    }

    /** {@link #fillGrad(float[], int, float[], int)}, with framed as in {@link #fillImages(float[], int, float[], int, boolean)}. */
    void fillGrad(float[] dy, int n0, float[] buf, int off, boolean framed) {
        int cout = g.outChannels();
        if (!framed) RowCopy.zero(buf, off, cout * gradStride);
        for (int co = 0; co < cout; co++) {
            int base = off + co * gradStride + maxShift;
            for (int img = 0; img < images; img++) {
                RowCopy.copyRows(dy, ((n0 + img) * cout + co) * oh * ow, ow, buf, base + img * plane, wq, oh, ow);
            }
        }
    }

    /** Copies output channel co of images n0.. from tile results (planes of row stride wq), dropping junk. */
    void storeOutput(float[] tiles, int off, float[] y, int n0, int co) {
        for (int img = 0; img < images; img++) {
            int dst = ((n0 + img) * g.outChannels() + co) * oh * ow, src = off + img * plane;
            for (int oy = 0; oy < oh; oy++) RowCopy.copy(tiles, src + oy * wq, y, dst + oy * ow, ow);
        }
    }

    /** Copies phase block (cin, phase) of an input gradient of images n0.. into dx, dropping padding. */
    void storeInputGrad(float[] tiles, int off, float[] dx, int n0, int cin, int phase) {
        for (int img = 0; img < images; img++) storeInputGradPlane(tiles, off + img * plane, dx, n0 + img, cin, phase);
    }

    /**
     * Stride 2 in x: stores phases (a, 0) and (a, 1) of channel cin together, interleaving
     * their rows into dx with two-table permutes instead of two strided scalar passes.
     */
    void storeInputGradPair(float[] tiles, int off0, int off1, float[] dx, int n0, int cin, int a) {
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW();
        // Even ix come from phase pw % 2 at column (ix + pw) / 2, odd ix from the other phase.
        int evenOff = (pw % 2 == 0 ? off0 : off1) + pw / 2, oddOff = (pw % 2 == 0 ? off1 : off0) + (pw + 1) / 2;
        for (int img = 0; img < images; img++) {
            int dxBase = ((n0 + img) * g.inChannels() + cin) * inH * inW;
            for (int u = 0; u < hq; u++) {
                int iy = u * sh + a - ph;
                if (iy < 0 || iy >= inH) continue;
                int row = img * plane + u * wq;
                RowCopy.interleave(tiles, evenOff + row, oddOff + row, dx, dxBase + iy * inW, inW);
            }
        }
    }

    private void storeInputGradPlane(float[] tiles, int off, float[] dx, int n, int cin, int phase) {
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW();
        int a = phase / sw, b = phase % sw;
        int dxBase = (n * g.inChannels() + cin) * inH * inW;
        int v0 = Math.max(0, (pw - b + sw - 1) / sw), v1 = Math.min(wq, Math.floorDiv(inW - 1 + pw - b, sw) + 1);
        if (v1 <= v0) return;
        for (int u = 0; u < hq; u++) {
            int iy = u * sh + a - ph;
            if (iy < 0 || iy >= inH) continue;
            int src = off + u * wq + v0, dst = dxBase + iy * inW + v0 * sw + b - pw;
            if (sw == 1) {
                RowCopy.copy(tiles, src, dx, dst, v1 - v0);
            } else {
                RowCopy.scatter(tiles, src, dx, dst, sw, v1 - v0);
            }
        }
    }
}
