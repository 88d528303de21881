package org.prune4j.simd.sparse;

import java.util.Arrays;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.sparse.CsrMatrix;

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
 * <p>The output gradient uses the same q index inside a zero frame (lead zeros before,
 * zeros in the junk columns and after), which makes the input gradient a gather over
 * the transposed taps and the weight gradient a plain dot product.
 */
final class PhaseLayout {
    final ConvGeometry g;
    final int sh, sw, phases, hq, wq, plane, chanStride, imageSize;
    final int oh, ow;
    /** Output positions computed per plane: (oh-1)·wq + ow rounded up to a vector. */
    final int qSpan;
    /** Positions of one phase plane rounded up to a vector (input-gradient targets). */
    final int planeSpan;
    /** Largest in-plane shift of a tap: (kh-1)·dh/sh rows plus (kw-1)·dw/sw columns. */
    final int maxShift;
    /** Floats per output channel in the framed gradient buffer. */
    final int gradStride;

    PhaseLayout(ConvGeometry g) {
        this.g = g;
        sh = g.strideH();
        sw = g.strideW();
        phases = sh * sw;
        int hp = g.inH() + 2 * g.padH(), wp = g.inW() + 2 * g.padW();
        hq = (hp + sh - 1) / sh;
        wq = (wp + sw - 1) / sw;
        plane = hq * wq;
        chanStride = phases * plane;
        oh = g.outH();
        ow = g.outW();
        int v = ShiftedSum.V;
        qSpan = roundUp((oh - 1) * wq + ow, v);
        planeSpan = roundUp(plane, v);
        maxShift = ((g.kernelH() - 1) * g.dilationH() / sh) * wq + (g.kernelW() - 1) * g.dilationW() / sw;
        gradStride = maxShift + planeSpan;
        // A vector starting at the last valid position may run up to V-1 floats past the last plane.
        imageSize = Math.addExact(Math.multiplyExact(g.inChannels(), chanStride), v);
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
                delta[p] = (cinBase + c / khw) * chanStride + phaseOf(ky, kx) * plane + shiftOf(ky, kx);
            }
        }
        return delta;
    }

    /** Writes image n of x into buf[off, off + imageSize) in phase-padded layout. */
    void fillImage(float[] x, int n, float[] buf, int off) {
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels();
        for (int c = 0; c < cin; c++) {
            int xBase = (n * cin + c) * inH * inW;
            for (int a = 0; a < sh; a++) {
                for (int b = 0; b < sw; b++) {
                    int base = off + c * chanStride + (a * sw + b) * plane;
                    for (int u = 0; u < hq; u++) {
                        int row = base + u * wq;
                        int iy = u * sh + a - ph;
                        if (iy < 0 || iy >= inH) {
                            Arrays.fill(buf, row, row + wq, 0f);
                        } else if (sw == 1) {
                            int xr = xBase + iy * inW;
                            Arrays.fill(buf, row, row + pw, 0f);
                            System.arraycopy(x, xr, buf, row + pw, inW);
                            Arrays.fill(buf, row + pw + inW, row + wq, 0f);
                        } else {
                            int xr = xBase + iy * inW;
                            for (int v = 0; v < wq; v++) {
                                int ix = v * sw + b - pw;
                                buf[row + v] = ix >= 0 && ix < inW ? x[xr + ix] : 0f;
                            }
                        }
                    }
                }
            }
        }
        // Zeros, not stale data, so junk positions stay finite for the weight gradient.
        Arrays.fill(buf, off + cin * chanStride, off + imageSize, 0f);
    }

    /** Writes image n of dy into buf[off, off + Cout·gradStride): each channel framed by zeros. */
    void fillGrad(float[] dy, int n, float[] buf, int off) {
        int cout = g.outChannels();
        for (int co = 0; co < cout; co++) {
            int base = off + co * gradStride;
            int dyBase = (n * cout + co) * oh * ow;
            Arrays.fill(buf, base, base + maxShift, 0f);
            int q = base + maxShift;
            for (int oy = 0; oy < oh; oy++, q += wq) {
                System.arraycopy(dy, dyBase + oy * ow, buf, q, ow);
                Arrays.fill(buf, q + ow, q + wq, 0f);
            }
            Arrays.fill(buf, q, base + gradStride, 0f);
        }
    }

    /** Copies output plane (co, n) from tile results with row stride wq, dropping junk columns. */
    void storeOutput(float[] tiles, int off, float[] y, int n, int co) {
        int dst = (n * g.outChannels() + co) * oh * ow;
        for (int oy = 0; oy < oh; oy++) System.arraycopy(tiles, off + oy * wq, y, dst + oy * ow, ow);
    }

    /** Copies phase plane (cin, phase) of an input gradient into dx, dropping padding. */
    void storeInputGrad(float[] tiles, int off, float[] dx, int n, int cin, int phase) {
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW();
        int a = phase / sw, b = phase % sw;
        int dxBase = (n * g.inChannels() + cin) * inH * inW;
        for (int u = 0; u < hq; u++) {
            int iy = u * sh + a - ph;
            if (iy < 0 || iy >= inH) continue;
            int src = off + u * wq, dst = dxBase + iy * inW;
            if (sw == 1) {
                System.arraycopy(tiles, src + pw, dx, dst, inW);
            } else {
                for (int v = 0; v < wq; v++) {
                    int ix = v * sw + b - pw;
                    if (ix >= 0 && ix < inW) dx[dst + ix] = tiles[src + v];
                }
            }
        }
    }
}
