package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import java.util.Random;

/**
 * Session 22: LaneConv's 6x4 tile against the whole layer forward, alternating in one JVM, median ms and FMA/ns.
 * Variants (-Dvariants=a,b,...): base = LaneConv.forward; l1:0|1|2 = the tile alone over the frames of -Dsmall
 * channels (-Dchpad vectors between channel frames), 0 as LaneConv's, 1 constant pixel stride, 2 unrolled by two;
 * N = a copy of the forward with input-channel blocks of N (0: none), oN the same with the channel blocks outermost
 * and the output-channel blocks innermost; pN = channel frames N vectors apart. -Dnopack / -Dnounpack skip the
 * layout copies after the first chunk (timing only).
 *   javac --add-modules jdk.incubator.vector -cp "$J/lib/*" -d . TileRateProbe.java
 *   java --add-modules jdk.incubator.vector -Dprune4j.threads=1 -cp ".:$J/lib/*" org.prune4j.simd.TileRateProbe cin hw cout 0
 */
public class TileRateProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int V = 16, OC = 6;
    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), hw = Integer.parseInt(a[1]), cout = Integer.parseInt(a[2]), reps = Integer.parseInt(a[3]);
        int k = cin * 9, fw = hw + 2, fh = hw + 2;
        int small = Integer.getInteger("small", 4);
        int[] delta = new int[k];
        for (int ci = 0, p = 0; ci < cin; ci++) for (int ky = 0; ky < 3; ky++) for (int kx = 0; kx < 3; kx++) delta[p++] = ((ci % small) * (fh * fw + CHPAD) + ky * fw + kx) * V;
        float[] buf = new float[small * (fh * fw + CHPAD) * V + 64];
        float[] wp = new float[k * OC];
        float[] acc = new float[OC * hw * hw * V + 64];
        Random r = new Random(1);
        for (int i = 0; i < buf.length; i++) buf[i] = r.nextFloat();
        for (int i = 0; i < wp.length; i++) wp[i] = r.nextFloat() * 1e-3f;
        ConvGeometry g = ConvGeometry.of(128, cin, hw, hw, cout, 3, 1, 1, 1);
        float[] x = new float[128 * cin * hw * hw], w = new float[cout * k], y = new float[128 * cout * hw * hw];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
        String[] variants = System.getProperty("variants", "base,0,32,64").split(",");
        double[][] t = new double[variants.length][];
        int rounds = Integer.getInteger("rounds", 15), per = Integer.getInteger("per", 3);
        for (int v = 0; v < variants.length; v++) t[v] = new double[rounds];
        double fma2 = 128.0 * cout * hw * hw * k / 16;
        for (int round = -3; round < rounds; round++) {
            for (int v0 = 0; v0 < variants.length; v0++) {
                int v = (v0 + Math.max(round, 0)) % variants.length;
                long t0 = System.nanoTime();
                for (int rep = 0; rep < per; rep++) {
                    if (variants[v].startsWith("l1:")) {
                        MODE = Integer.parseInt(variants[v].substring(3));
                        for (int oy = 0; oy < hw; oy++)
                            for (int ox = 0; ox < hw; ox += 4)
                                if (MODE == 0) tile(k, wp, 0, delta, buf, oy * fw * V + ox * V, V, acc, (oy * hw + ox) * V, hw * hw * V);
                                else if (MODE == 1) tile1(k, wp, 0, delta, buf, oy * fw * V + ox * V, V, acc, (oy * hw + ox) * V, hw * hw * V);
                                else tileU(k, wp, 0, delta, buf, oy * fw * V + ox * V, V, acc, (oy * hw + ox) * V, hw * hw * V);
                    } else if (variants[v].equals("base")) LaneConv.forward(g, x, w, null, y);
                    else if (variants[v].startsWith("p")) { ORDER = 0; KB = 0; CHPAD = Integer.parseInt(variants[v].substring(1)); forwardKB(g, x, w, null, y); }
                    else { String s0 = variants[v]; ORDER = s0.startsWith("o") ? 1 : 0; KB = Integer.parseInt(ORDER == 1 ? s0.substring(1) : s0); forwardKB(g, x, w, null, y); }
                }
                if (round >= 0) t[v][round] = (System.nanoTime() - t0) / 1e6 / per;
            }
        }
        for (int v = 0; v < variants.length; v++) {
            double[] s = t[v].clone(); java.util.Arrays.sort(s);
            double f = variants[v].startsWith("l1:") ? (double) hw * (hw / 4) * 24.0 * k : fma2;
            System.out.printf("%-6s median %.3f ms (q1 %.3f q3 %.3f)  %.2f FMA/ns%n", variants[v], s[rounds / 2], s[rounds / 4], s[3 * rounds / 4], f / s[rounds / 2] / 1e6);
        }
    }
    static int MODE, ORDER; static int CHPAD = Integer.getInteger("chpad", 0);
    static int[] PADS = {0};

    static void packCs(float[] src, int channels, int h, int w, int top, int left, int fh, int fw, int cs,
                             int n0, int lanes, float[] buf, int b0, float[] tmp) {
        int hw = h * w;
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < channels; c++) {
            int at0 = (n0 * channels + c) * hw;
            for (int p = 0; p < hw; p += V) org.prune4j.simd.sparse.TileTranspose.block(src, at0 + p, channels * hw, V, V, tmp, p * V, V);
            for (int fy = 0; fy < fh; fy++) {
                int iy = fy - top;
                for (int fx = 0; fx < fw; fx++) {
                    int ix = fx - left, d = b0 + c * cs + (fy * fw + fx) * V;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) zero.intoArray(buf, d);
                    else FloatVector.fromArray(S, tmp, (iy * w + ix) * V).intoArray(buf, d);
                }
            }
        }
    }
    static int KB = Integer.getInteger("kb", 0);
    static void forwardKB(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int cin = g.inChannels(), m = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), k = cin * kh * kw;
        int oh = g.outH(), ow = g.outW(), ohw = oh * ow, sh = g.strideH(), sw = g.strideW();
        int fh = (oh - 1) * sh + kh, fw = (ow - 1) * sw + kw, blocks = (m + OC - 1) / OC;
        float[] wp = Scratch.get().floats(Scratch.PACK_B, blocks * k * OC);
        for (int co = 0; co < blocks * OC; co++)
            for (int p = 0; p < k; p++) wp[((co / OC) * k + p) * OC + co % OC] = co < m ? w[co * k + p] : 0f;
        int[] delta = new int[k];
        for (int ci = 0, p = 0; ci < cin; ci++)
            for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++) delta[p++] = ci * (fh * fw + CHPAD) * V + (ky * fw + kx) * V;
        int chunks = (g.batch() + V - 1) / V, frames = cin * (fh * fw + CHPAD) * V, accSize = blocks * OC * ohw * V;
        int kb = (KB <= 0 ? cin : KB) * kh * kw;
        org.prune4j.core.kernels.Parallel.forRange(chunks, 1, (c0, c1) -> {
            Scratch s = Scratch.get();
            float[] buf = s.floats(Scratch.COLUMNS, frames + Aligned.SLACK);
            float[] acc = s.floats(Scratch.MISC, accSize + Aligned.SLACK);
            float[] tmp = s.floats(Scratch.TILE, g.inH() * g.inW() * V);
            int b0 = Aligned.offset(buf), a0 = Aligned.offset(acc), rs = fw * V;
            for (int c = c0; c < c1; c++) {
                int n0 = c * V, lanes = Math.min(V, g.batch() - n0);
                if (!Boolean.getBoolean("nopack") || c == c0) packCs(x, cin, g.inH(), g.inW(), g.padH(), g.padW(), fh, fw, (fh * fw + CHPAD) * V, n0, lanes, buf, b0, tmp);
                for (int p0 = 0; p0 < k; p0 += kb) {
                  int p1 = Math.min(k, p0 + kb);
                  if (ORDER == 1) {
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox += 4)
                            for (int b = 0; b < blocks; b++)
                            tileAcc(p0, p1, p0 > 0, wp, b * k * OC, delta, buf, b0 + oy * sh * rs + ox * sw * V, sw * V,
                                    acc, a0 + (b * OC * ohw + oy * ow + ox) * V, ohw * V);
                    continue;
                  }
                  for (int b = 0; b < blocks; b++)
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox += 4) {
                            tileAcc(p0, p1, p0 > 0, wp, b * k * OC, delta, buf, b0 + oy * sh * rs + ox * sw * V, sw * V,
                                    acc, a0 + (b * OC * ohw + oy * ow + ox) * V, ohw * V);
                        }
                }
                if (!Boolean.getBoolean("nounpack")) org.prune4j.simd.sparse.LaneFrames.unpack(acc, a0, m, ohw, lanes, y, n0, false);
            }
        });
    }
    private static void tileAcc(int p0, int k, boolean add, float[] wp, int wi, int[] delta, float[] buf, int base, int st, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z, a20 = z, a21 = z, a22 = z, a23 = z;
        FloatVector a30 = z, a31 = z, a32 = z, a33 = z, a40 = z, a41 = z, a42 = z, a43 = z, a50 = z, a51 = z, a52 = z, a53 = z;
        if (add) {
            int r = ai;
            a00 = FloatVector.fromArray(S, acc, r); a01 = FloatVector.fromArray(S, acc, r + V); a02 = FloatVector.fromArray(S, acc, r + 2 * V); a03 = FloatVector.fromArray(S, acc, r + 3 * V); r += cs;
            a10 = FloatVector.fromArray(S, acc, r); a11 = FloatVector.fromArray(S, acc, r + V); a12 = FloatVector.fromArray(S, acc, r + 2 * V); a13 = FloatVector.fromArray(S, acc, r + 3 * V); r += cs;
            a20 = FloatVector.fromArray(S, acc, r); a21 = FloatVector.fromArray(S, acc, r + V); a22 = FloatVector.fromArray(S, acc, r + 2 * V); a23 = FloatVector.fromArray(S, acc, r + 3 * V); r += cs;
            a30 = FloatVector.fromArray(S, acc, r); a31 = FloatVector.fromArray(S, acc, r + V); a32 = FloatVector.fromArray(S, acc, r + 2 * V); a33 = FloatVector.fromArray(S, acc, r + 3 * V); r += cs;
            a40 = FloatVector.fromArray(S, acc, r); a41 = FloatVector.fromArray(S, acc, r + V); a42 = FloatVector.fromArray(S, acc, r + 2 * V); a43 = FloatVector.fromArray(S, acc, r + 3 * V); r += cs;
            a50 = FloatVector.fromArray(S, acc, r); a51 = FloatVector.fromArray(S, acc, r + V); a52 = FloatVector.fromArray(S, acc, r + 2 * V); a53 = FloatVector.fromArray(S, acc, r + 3 * V);
        }
        for (int p = p0; p < k; p++) {
            int o = base + delta[p], q = wi + p * OC;
            FloatVector x0 = FloatVector.fromArray(S, buf, o), x1 = FloatVector.fromArray(S, buf, o + st);
            FloatVector x2 = FloatVector.fromArray(S, buf, o + 2 * st), x3 = FloatVector.fromArray(S, buf, o + 3 * st);
            FloatVector w0 = FloatVector.broadcast(S, wp[q]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(S, wp[q + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(S, wp[q + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(S, wp[q + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
            FloatVector w4 = FloatVector.broadcast(S, wp[q + 4]);
            a40 = x0.fma(w4, a40); a41 = x1.fma(w4, a41); a42 = x2.fma(w4, a42); a43 = x3.fma(w4, a43);
            FloatVector w5 = FloatVector.broadcast(S, wp[q + 5]);
            a50 = x0.fma(w5, a50); a51 = x1.fma(w5, a51); a52 = x2.fma(w5, a52); a53 = x3.fma(w5, a53);
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + V); a02.intoArray(acc, ai + 2 * V); a03.intoArray(acc, ai + 3 * V);
        int r = ai + cs;
        a10.intoArray(acc, r); a11.intoArray(acc, r + V); a12.intoArray(acc, r + 2 * V); a13.intoArray(acc, r + 3 * V);
        r += cs;
        a20.intoArray(acc, r); a21.intoArray(acc, r + V); a22.intoArray(acc, r + 2 * V); a23.intoArray(acc, r + 3 * V);
        r += cs;
        a30.intoArray(acc, r); a31.intoArray(acc, r + V); a32.intoArray(acc, r + 2 * V); a33.intoArray(acc, r + 3 * V);
        r += cs;
        a40.intoArray(acc, r); a41.intoArray(acc, r + V); a42.intoArray(acc, r + 2 * V); a43.intoArray(acc, r + 3 * V);
        r += cs;
        a50.intoArray(acc, r); a51.intoArray(acc, r + V); a52.intoArray(acc, r + 2 * V); a53.intoArray(acc, r + 3 * V);
    }
    private static void tile(int k, float[] wp, int wi, int[] delta, float[] buf, int base, int st, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z, a20 = z, a21 = z, a22 = z, a23 = z;
        FloatVector a30 = z, a31 = z, a32 = z, a33 = z, a40 = z, a41 = z, a42 = z, a43 = z, a50 = z, a51 = z, a52 = z, a53 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * OC;
            FloatVector x0 = FloatVector.fromArray(S, buf, o), x1 = FloatVector.fromArray(S, buf, o + st);
            FloatVector x2 = FloatVector.fromArray(S, buf, o + 2 * st), x3 = FloatVector.fromArray(S, buf, o + 3 * st);
            FloatVector w0 = FloatVector.broadcast(S, wp[q]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(S, wp[q + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(S, wp[q + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(S, wp[q + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
            FloatVector w4 = FloatVector.broadcast(S, wp[q + 4]);
            a40 = x0.fma(w4, a40); a41 = x1.fma(w4, a41); a42 = x2.fma(w4, a42); a43 = x3.fma(w4, a43);
            FloatVector w5 = FloatVector.broadcast(S, wp[q + 5]);
            a50 = x0.fma(w5, a50); a51 = x1.fma(w5, a51); a52 = x2.fma(w5, a52); a53 = x3.fma(w5, a53);
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + V); a02.intoArray(acc, ai + 2 * V); a03.intoArray(acc, ai + 3 * V);
        int r = ai + cs;
        a10.intoArray(acc, r); a11.intoArray(acc, r + V); a12.intoArray(acc, r + 2 * V); a13.intoArray(acc, r + 3 * V);
        r += cs;
        a20.intoArray(acc, r); a21.intoArray(acc, r + V); a22.intoArray(acc, r + 2 * V); a23.intoArray(acc, r + 3 * V);
        r += cs;
        a30.intoArray(acc, r); a31.intoArray(acc, r + V); a32.intoArray(acc, r + 2 * V); a33.intoArray(acc, r + 3 * V);
        r += cs;
        a40.intoArray(acc, r); a41.intoArray(acc, r + V); a42.intoArray(acc, r + 2 * V); a43.intoArray(acc, r + 3 * V);
        r += cs;
        a50.intoArray(acc, r); a51.intoArray(acc, r + V); a52.intoArray(acc, r + 2 * V); a53.intoArray(acc, r + 3 * V);
    }
    private static void tile1(int k, float[] wp, int wi, int[] delta, float[] buf, int base, int st, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z, a20 = z, a21 = z, a22 = z, a23 = z;
        FloatVector a30 = z, a31 = z, a32 = z, a33 = z, a40 = z, a41 = z, a42 = z, a43 = z, a50 = z, a51 = z, a52 = z, a53 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * OC;
            FloatVector x0 = FloatVector.fromArray(S, buf, o), x1 = FloatVector.fromArray(S, buf, o + V);
            FloatVector x2 = FloatVector.fromArray(S, buf, o + 2 * V), x3 = FloatVector.fromArray(S, buf, o + 3 * V);
            FloatVector w0 = FloatVector.broadcast(S, wp[q]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(S, wp[q + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(S, wp[q + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(S, wp[q + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
            FloatVector w4 = FloatVector.broadcast(S, wp[q + 4]);
            a40 = x0.fma(w4, a40); a41 = x1.fma(w4, a41); a42 = x2.fma(w4, a42); a43 = x3.fma(w4, a43);
            FloatVector w5 = FloatVector.broadcast(S, wp[q + 5]);
            a50 = x0.fma(w5, a50); a51 = x1.fma(w5, a51); a52 = x2.fma(w5, a52); a53 = x3.fma(w5, a53);
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + V); a02.intoArray(acc, ai + 2 * V); a03.intoArray(acc, ai + 3 * V);
        int r = ai + cs;
        a10.intoArray(acc, r); a11.intoArray(acc, r + V); a12.intoArray(acc, r + 2 * V); a13.intoArray(acc, r + 3 * V);
        r += cs;
        a20.intoArray(acc, r); a21.intoArray(acc, r + V); a22.intoArray(acc, r + 2 * V); a23.intoArray(acc, r + 3 * V);
        r += cs;
        a30.intoArray(acc, r); a31.intoArray(acc, r + V); a32.intoArray(acc, r + 2 * V); a33.intoArray(acc, r + 3 * V);
        r += cs;
        a40.intoArray(acc, r); a41.intoArray(acc, r + V); a42.intoArray(acc, r + 2 * V); a43.intoArray(acc, r + 3 * V);
        r += cs;
        a50.intoArray(acc, r); a51.intoArray(acc, r + V); a52.intoArray(acc, r + 2 * V); a53.intoArray(acc, r + 3 * V);
    }
    private static void tileU(int k, float[] wp, int wi, int[] delta, float[] buf, int base, int st, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z, a20 = z, a21 = z, a22 = z, a23 = z;
        FloatVector a30 = z, a31 = z, a32 = z, a33 = z, a40 = z, a41 = z, a42 = z, a43 = z, a50 = z, a51 = z, a52 = z, a53 = z;
        for (int p = 0; p < k; p += 2) {
            int o = base + delta[p], q = wi + p * OC;
            FloatVector x0 = FloatVector.fromArray(S, buf, o), x1 = FloatVector.fromArray(S, buf, o + V);
            FloatVector x2 = FloatVector.fromArray(S, buf, o + 2 * V), x3 = FloatVector.fromArray(S, buf, o + 3 * V);
            FloatVector w0 = FloatVector.broadcast(S, wp[q]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(S, wp[q + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(S, wp[q + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(S, wp[q + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
            FloatVector w4 = FloatVector.broadcast(S, wp[q + 4]);
            a40 = x0.fma(w4, a40); a41 = x1.fma(w4, a41); a42 = x2.fma(w4, a42); a43 = x3.fma(w4, a43);
            FloatVector w5 = FloatVector.broadcast(S, wp[q + 5]);
            a50 = x0.fma(w5, a50); a51 = x1.fma(w5, a51); a52 = x2.fma(w5, a52); a53 = x3.fma(w5, a53);
            int oo = base + delta[p + 1], qq = wi + (p + 1) * OC;
            FloatVector y0 = FloatVector.fromArray(S, buf, oo), y1 = FloatVector.fromArray(S, buf, oo + V);
            FloatVector y2 = FloatVector.fromArray(S, buf, oo + 2 * V), y3 = FloatVector.fromArray(S, buf, oo + 3 * V);
            FloatVector u0 = FloatVector.broadcast(S, wp[qq]);
            a00 = y0.fma(u0, a00); a01 = y1.fma(u0, a01); a02 = y2.fma(u0, a02); a03 = y3.fma(u0, a03);
            FloatVector u1 = FloatVector.broadcast(S, wp[qq + 1]);
            a10 = y0.fma(u1, a10); a11 = y1.fma(u1, a11); a12 = y2.fma(u1, a12); a13 = y3.fma(u1, a13);
            FloatVector u2 = FloatVector.broadcast(S, wp[qq + 2]);
            a20 = y0.fma(u2, a20); a21 = y1.fma(u2, a21); a22 = y2.fma(u2, a22); a23 = y3.fma(u2, a23);
            FloatVector u3 = FloatVector.broadcast(S, wp[qq + 3]);
            a30 = y0.fma(u3, a30); a31 = y1.fma(u3, a31); a32 = y2.fma(u3, a32); a33 = y3.fma(u3, a33);
            FloatVector u4 = FloatVector.broadcast(S, wp[qq + 4]);
            a40 = y0.fma(u4, a40); a41 = y1.fma(u4, a41); a42 = y2.fma(u4, a42); a43 = y3.fma(u4, a43);
            FloatVector u5 = FloatVector.broadcast(S, wp[qq + 5]);
            a50 = y0.fma(u5, a50); a51 = y1.fma(u5, a51); a52 = y2.fma(u5, a52); a53 = y3.fma(u5, a53);
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + V); a02.intoArray(acc, ai + 2 * V); a03.intoArray(acc, ai + 3 * V);
        int r = ai + cs;
        a10.intoArray(acc, r); a11.intoArray(acc, r + V); a12.intoArray(acc, r + 2 * V); a13.intoArray(acc, r + 3 * V);
        r += cs;
        a20.intoArray(acc, r); a21.intoArray(acc, r + V); a22.intoArray(acc, r + 2 * V); a23.intoArray(acc, r + 3 * V);
        r += cs;
        a30.intoArray(acc, r); a31.intoArray(acc, r + V); a32.intoArray(acc, r + 2 * V); a33.intoArray(acc, r + 3 * V);
        r += cs;
        a40.intoArray(acc, r); a41.intoArray(acc, r + V); a42.intoArray(acc, r + 2 * V); a43.intoArray(acc, r + 3 * V);
        r += cs;
        a50.intoArray(acc, r); a51.intoArray(acc, r + V); a52.intoArray(acc, r + 2 * V); a53.intoArray(acc, r + 3 * V);
    }
}
