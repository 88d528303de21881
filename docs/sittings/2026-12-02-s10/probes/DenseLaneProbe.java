package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.simd.Aligned;
import java.util.Random;

/** Dense conv forward with the batch as the vector axis: tile = 4 output channels x 4 pixels. */
public class DenseLaneProbe {
    static final VectorSpecies<Float> S = ShiftedSum.SPECIES;
    static final int V = ShiftedSum.V;
    static final int OB = Integer.getInteger("ob", 4); static final int NPX = OB == 8 ? 2 : OB == 3 ? 8 : 4;

    static void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
        int cin = g.inChannels(), m = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), K = cin * kh * kw;
        int sh = g.strideH(), sw = g.strideW(), oh = g.outH(), ow = g.outW(), ohw = oh * ow;
        int fh = (oh - 1) * sh + kh, fw = (ow - 1) * sw + kw;
        int[] delta = new int[K];
        for (int ci = 0, k = 0; ci < cin; ci++) for (int ky = 0; ky < kh; ky++) for (int kx = 0; kx < kw; kx++) delta[k++] = ((ci * fh + ky) * fw + kx) * V;
        float[] wp = new float[(m + OB) * K];
        for (int co = 0; co < m; co++) for (int k = 0; k < K; k++) wp[(co / OB) * K * OB + k * OB + co % OB] = w[co * K + k];
        int chunks = (g.batch() + V - 1) / V;
        Parallel.forRange(chunks, 1, (c0, c1) -> {
            float[] buf = new float[cin * fh * fw * V + 16], acc = new float[(m + OB) * ohw * V + 16], tmp = new float[g.inH() * g.inW() * V];
            int b0 = Aligned.offset(buf), a0 = Aligned.offset(acc);
            for (int c = c0; c < c1; c++) {
                int n0 = c * V;
                pack(x, cin, g.inH(), g.inW(), g.padH(), g.padW(), fh, fw, n0, V, buf, b0, tmp);
                int rs = fw * V;
                for (int cb = 0; cb < m; cb += OB)
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox += NPX) {
                            int base = b0 + oy * sh * rs + ox * sw * V;
                            if (OB == 6) tile6x4(K, wp, cb * K, delta, buf, base, acc, a0 + (cb * ohw + oy * ow + ox) * V, ohw * V);
                            else if (OB == 8) tile8x2(K, wp, cb * K, delta, buf, base, acc, a0 + (cb * ohw + oy * ow + ox) * V, ohw * V);
                            else if (OB == 3) tile3x8(K, wp, cb * K, delta, buf, base, acc, a0 + (cb * ohw + oy * ow + ox) * V, ohw * V);
                            else if (sw == 1) tile(K, wp, cb * K, delta, buf, base, acc, a0 + (cb * ohw + oy * ow + ox) * V, ohw * V);
                            else tileS(K, wp, cb * K, delta, buf, base, sw * V, acc, a0 + (cb * ohw + oy * ow + ox) * V, ohw * V);
                        }
                for (int co = 0; co < m; co++)
                    for (int p = 0; p < ohw; p += 16)
                        TileTranspose.blockOut(acc, a0 + (co * ohw + p) * V, V, 16, V, y, (n0 * m + co) * ohw + p, m * ohw, false, false);
            }
        });
    }

    static void tile(int k, float[] wp, int wi, int[] delta, float[] buf, int base, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
        FloatVector a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * OB;
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
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + V); a02.intoArray(acc, ai + 2 * V); a03.intoArray(acc, ai + 3 * V);
        a10.intoArray(acc, ai + cs); a11.intoArray(acc, ai + cs + V); a12.intoArray(acc, ai + cs + 2 * V); a13.intoArray(acc, ai + cs + 3 * V);
        a20.intoArray(acc, ai + 2 * cs); a21.intoArray(acc, ai + 2 * cs + V); a22.intoArray(acc, ai + 2 * cs + 2 * V); a23.intoArray(acc, ai + 2 * cs + 3 * V);
        a30.intoArray(acc, ai + 3 * cs); a31.intoArray(acc, ai + 3 * cs + V); a32.intoArray(acc, ai + 3 * cs + 2 * V); a33.intoArray(acc, ai + 3 * cs + 3 * V);
    }

    static void tileS(int k, float[] wp, int wi, int[] delta, float[] buf, int base, int st, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
        FloatVector a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * OB;
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
        }
        a00.intoArray(acc, ai); a01.intoArray(acc, ai + V); a02.intoArray(acc, ai + 2 * V); a03.intoArray(acc, ai + 3 * V);
        a10.intoArray(acc, ai + cs); a11.intoArray(acc, ai + cs + V); a12.intoArray(acc, ai + cs + 2 * V); a13.intoArray(acc, ai + cs + 3 * V);
        a20.intoArray(acc, ai + 2 * cs); a21.intoArray(acc, ai + 2 * cs + V); a22.intoArray(acc, ai + 2 * cs + 2 * V); a23.intoArray(acc, ai + 2 * cs + 3 * V);
        a30.intoArray(acc, ai + 3 * cs); a31.intoArray(acc, ai + 3 * cs + V); a32.intoArray(acc, ai + 3 * cs + 2 * V); a33.intoArray(acc, ai + 3 * cs + 3 * V);
    }

    static void tile6x4(int k, float[] wp, int wi, int[] delta, float[] buf, int base, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z, a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z, a40 = z, a41 = z, a42 = z, a43 = z, a50 = z, a51 = z, a52 = z, a53 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * 6;
            FloatVector x0 = FloatVector.fromArray(S, buf, o + 0 * V);
            FloatVector x1 = FloatVector.fromArray(S, buf, o + 1 * V);
            FloatVector x2 = FloatVector.fromArray(S, buf, o + 2 * V);
            FloatVector x3 = FloatVector.fromArray(S, buf, o + 3 * V);
            FloatVector w0 = FloatVector.broadcast(S, wp[q + 0]);
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
        a00.intoArray(acc, ai + 0 * cs + 0 * V);
        a01.intoArray(acc, ai + 0 * cs + 1 * V);
        a02.intoArray(acc, ai + 0 * cs + 2 * V);
        a03.intoArray(acc, ai + 0 * cs + 3 * V);
        a10.intoArray(acc, ai + 1 * cs + 0 * V);
        a11.intoArray(acc, ai + 1 * cs + 1 * V);
        a12.intoArray(acc, ai + 1 * cs + 2 * V);
        a13.intoArray(acc, ai + 1 * cs + 3 * V);
        a20.intoArray(acc, ai + 2 * cs + 0 * V);
        a21.intoArray(acc, ai + 2 * cs + 1 * V);
        a22.intoArray(acc, ai + 2 * cs + 2 * V);
        a23.intoArray(acc, ai + 2 * cs + 3 * V);
        a30.intoArray(acc, ai + 3 * cs + 0 * V);
        a31.intoArray(acc, ai + 3 * cs + 1 * V);
        a32.intoArray(acc, ai + 3 * cs + 2 * V);
        a33.intoArray(acc, ai + 3 * cs + 3 * V);
        a40.intoArray(acc, ai + 4 * cs + 0 * V);
        a41.intoArray(acc, ai + 4 * cs + 1 * V);
        a42.intoArray(acc, ai + 4 * cs + 2 * V);
        a43.intoArray(acc, ai + 4 * cs + 3 * V);
        a50.intoArray(acc, ai + 5 * cs + 0 * V);
        a51.intoArray(acc, ai + 5 * cs + 1 * V);
        a52.intoArray(acc, ai + 5 * cs + 2 * V);
        a53.intoArray(acc, ai + 5 * cs + 3 * V);
    }
    static void tile8x2(int k, float[] wp, int wi, int[] delta, float[] buf, int base, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z, a30 = z, a31 = z, a40 = z, a41 = z, a50 = z, a51 = z, a60 = z, a61 = z, a70 = z, a71 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * 8;
            FloatVector x0 = FloatVector.fromArray(S, buf, o + 0 * V);
            FloatVector x1 = FloatVector.fromArray(S, buf, o + 1 * V);
            FloatVector w0 = FloatVector.broadcast(S, wp[q + 0]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01);
            FloatVector w1 = FloatVector.broadcast(S, wp[q + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11);
            FloatVector w2 = FloatVector.broadcast(S, wp[q + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21);
            FloatVector w3 = FloatVector.broadcast(S, wp[q + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31);
            FloatVector w4 = FloatVector.broadcast(S, wp[q + 4]);
            a40 = x0.fma(w4, a40); a41 = x1.fma(w4, a41);
            FloatVector w5 = FloatVector.broadcast(S, wp[q + 5]);
            a50 = x0.fma(w5, a50); a51 = x1.fma(w5, a51);
            FloatVector w6 = FloatVector.broadcast(S, wp[q + 6]);
            a60 = x0.fma(w6, a60); a61 = x1.fma(w6, a61);
            FloatVector w7 = FloatVector.broadcast(S, wp[q + 7]);
            a70 = x0.fma(w7, a70); a71 = x1.fma(w7, a71);
        }
        a00.intoArray(acc, ai + 0 * cs + 0 * V);
        a01.intoArray(acc, ai + 0 * cs + 1 * V);
        a10.intoArray(acc, ai + 1 * cs + 0 * V);
        a11.intoArray(acc, ai + 1 * cs + 1 * V);
        a20.intoArray(acc, ai + 2 * cs + 0 * V);
        a21.intoArray(acc, ai + 2 * cs + 1 * V);
        a30.intoArray(acc, ai + 3 * cs + 0 * V);
        a31.intoArray(acc, ai + 3 * cs + 1 * V);
        a40.intoArray(acc, ai + 4 * cs + 0 * V);
        a41.intoArray(acc, ai + 4 * cs + 1 * V);
        a50.intoArray(acc, ai + 5 * cs + 0 * V);
        a51.intoArray(acc, ai + 5 * cs + 1 * V);
        a60.intoArray(acc, ai + 6 * cs + 0 * V);
        a61.intoArray(acc, ai + 6 * cs + 1 * V);
        a70.intoArray(acc, ai + 7 * cs + 0 * V);
        a71.intoArray(acc, ai + 7 * cs + 1 * V);
    }
    static void tile3x8(int k, float[] wp, int wi, int[] delta, float[] buf, int base, float[] acc, int ai, int cs) {
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a04 = z, a05 = z, a06 = z, a07 = z, a10 = z, a11 = z, a12 = z, a13 = z, a14 = z, a15 = z, a16 = z, a17 = z, a20 = z, a21 = z, a22 = z, a23 = z, a24 = z, a25 = z, a26 = z, a27 = z;
        for (int p = 0; p < k; p++) {
            int o = base + delta[p], q = wi + p * 3;
            FloatVector x0 = FloatVector.fromArray(S, buf, o + 0 * V);
            FloatVector x1 = FloatVector.fromArray(S, buf, o + 1 * V);
            FloatVector x2 = FloatVector.fromArray(S, buf, o + 2 * V);
            FloatVector x3 = FloatVector.fromArray(S, buf, o + 3 * V);
            FloatVector x4 = FloatVector.fromArray(S, buf, o + 4 * V);
            FloatVector x5 = FloatVector.fromArray(S, buf, o + 5 * V);
            FloatVector x6 = FloatVector.fromArray(S, buf, o + 6 * V);
            FloatVector x7 = FloatVector.fromArray(S, buf, o + 7 * V);
            FloatVector w0 = FloatVector.broadcast(S, wp[q + 0]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03); a04 = x4.fma(w0, a04); a05 = x5.fma(w0, a05); a06 = x6.fma(w0, a06); a07 = x7.fma(w0, a07);
            FloatVector w1 = FloatVector.broadcast(S, wp[q + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13); a14 = x4.fma(w1, a14); a15 = x5.fma(w1, a15); a16 = x6.fma(w1, a16); a17 = x7.fma(w1, a17);
            FloatVector w2 = FloatVector.broadcast(S, wp[q + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23); a24 = x4.fma(w2, a24); a25 = x5.fma(w2, a25); a26 = x6.fma(w2, a26); a27 = x7.fma(w2, a27);
        }
        a00.intoArray(acc, ai + 0 * cs + 0 * V);
        a01.intoArray(acc, ai + 0 * cs + 1 * V);
        a02.intoArray(acc, ai + 0 * cs + 2 * V);
        a03.intoArray(acc, ai + 0 * cs + 3 * V);
        a04.intoArray(acc, ai + 0 * cs + 4 * V);
        a05.intoArray(acc, ai + 0 * cs + 5 * V);
        a06.intoArray(acc, ai + 0 * cs + 6 * V);
        a07.intoArray(acc, ai + 0 * cs + 7 * V);
        a10.intoArray(acc, ai + 1 * cs + 0 * V);
        a11.intoArray(acc, ai + 1 * cs + 1 * V);
        a12.intoArray(acc, ai + 1 * cs + 2 * V);
        a13.intoArray(acc, ai + 1 * cs + 3 * V);
        a14.intoArray(acc, ai + 1 * cs + 4 * V);
        a15.intoArray(acc, ai + 1 * cs + 5 * V);
        a16.intoArray(acc, ai + 1 * cs + 6 * V);
        a17.intoArray(acc, ai + 1 * cs + 7 * V);
        a20.intoArray(acc, ai + 2 * cs + 0 * V);
        a21.intoArray(acc, ai + 2 * cs + 1 * V);
        a22.intoArray(acc, ai + 2 * cs + 2 * V);
        a23.intoArray(acc, ai + 2 * cs + 3 * V);
        a24.intoArray(acc, ai + 2 * cs + 4 * V);
        a25.intoArray(acc, ai + 2 * cs + 5 * V);
        a26.intoArray(acc, ai + 2 * cs + 6 * V);
        a27.intoArray(acc, ai + 2 * cs + 7 * V);
    }

    static void pack(float[] src, int channels, int h, int w, int top, int left, int fh, int fw,
                     int n0, int lanes, float[] buf, int b0, float[] tmp) {
        int hw = h * w;
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < channels; c++) {
            int at0 = (n0 * channels + c) * hw;
            for (int p = 0; p < hw; p += V) TileTranspose.block(src, at0 + p, channels * hw, V, V, tmp, p * V, V);
            for (int fy = 0; fy < fh; fy++) {
                int iy = fy - top;
                for (int fx = 0; fx < fw; fx++) {
                    int ix = fx - left, d = b0 + ((c * fh + fy) * fw + fx) * V;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) zero.intoArray(buf, d);
                    else FloatVector.fromArray(S, tmp, (iy * w + ix) * V).intoArray(buf, d);
                }
            }
        }
    }

    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]);
        int reps = Integer.parseInt(a[4]), stride = a.length > 5 ? Integer.parseInt(a[5]) : 1;
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, stride, 1, 1);
        if (System.getProperty("t") != null) Parallel.setThreads(Integer.getInteger("t"));
        Random r = new Random(1);
        float[] x = new float[n * cin * h * h], w = new float[g.weightSize()], y = new float[n * cout * g.outH() * g.outW()], y2 = y.clone();
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
        var simd = org.prune4j.core.kernels.Backends.select("simd");
        simd.conv2dForward(g, x, w, null, y);
        forward(g, x, w, y2);
        double md = 0; for (int i = 0; i < y.length; i++) md = Math.max(md, Math.abs(y[i] - y2[i]));
        System.out.printf("maxdiff %.3g%n", md);
        double flop = 2.0 * g.batch() * cout * g.outH() * g.outW() * cin * 9;
        for (int round = 0; round < 3; round++)
            for (int v = 0; v < 2; v++) {
                double[] ts = new double[reps];
                for (int it = 0; it < reps; it++) {
                    long t0 = System.nanoTime();
                    for (int q = 0; q < 10; q++) { if (v == 0) simd.conv2dForward(g, x, w, null, y); else forward(g, x, w, y2); }
                    ts[it] = (System.nanoTime() - t0) / 10e6;
                }
                java.util.Arrays.sort(ts);
                System.out.printf("%s median %.3f ms best %.3f ms (%.0f GFLOP/s)%n", v == 0 ? "current " : "batchlane", ts[reps / 2], ts[0], flop / ts[0] / 1e6);
            }
    }
}
