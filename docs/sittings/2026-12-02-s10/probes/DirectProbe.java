package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
import java.util.Random;
import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.S;

public class DirectProbe {
    static int CHUNK = Integer.getInteger("chunk", 8);

    static void forward(ConvGeometry g, float[] x, float[] w, float[] y) {
        int parts = Parallel.threads();
        int batch = g.batch();
        int cin = g.inChannels(), cout = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), K = cin * kh * kw;
        int NVv = Integer.getInteger("nv", 2); int coutP = (cout + NVv * L - 1) / (NVv * L) * (NVv * L);
        float[] wt = new float[K * coutP];
        for (int oc = 0; oc < cout; oc++) for (int p = 0; p < K; p++) wt[p * coutP + oc] = w[oc * K + p];
        int per = (batch + parts - 1) / parts;
        Parallel.forRange(parts, 1, (from, to) -> {
            for (int part = from; part < to; part++) {
                int a = part * per, e = Math.min(batch, a + per);
                for (int n0 = a; n0 < e; n0 += CHUNK) if (Boolean.getBoolean("v2")) chunk2(g, x, wt, coutP, y, n0, Math.min(e, n0 + CHUNK)); else chunk(g, x, wt, coutP, y, n0, Math.min(e, n0 + CHUNK));
            }
        });
    }

    static final ThreadLocal<float[][]> SCR = ThreadLocal.withInitial(() -> new float[2][]);

    static void chunk(ConvGeometry g, float[] x, float[] wt, int coutP, float[] y, int n0, int n1) {
        int cin = g.inChannels(), cout = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), K = cin * kh * kw;
        int h = g.inH(), w = g.inW(), ph = g.padH(), pw = g.padW(), s = g.strideH();
        int oh = g.outH(), ow = g.outW(), hp = h + 2 * ph + 1, wp = w + 2 * pw;
        int nb = n1 - n0, img = hp * wp, cs = nb * img + 16;
        float[][] scr = SCR.get();
        if (scr[0] == null || scr[0].length < cin * cs) scr[0] = new float[cin * cs];
        if (scr[1] == null || scr[1].length < 8 * 4 * L) scr[1] = new float[8 * 4 * L];
        float[] planes = scr[0], t = scr[1];
        java.util.Arrays.fill(planes, 0, cin * cs, 0f);
        for (int c = 0; c < cin; c++)
            for (int b = 0; b < nb; b++) {
                int src = ((n0 + b) * cin + c) * h * w, dst = c * cs + b * img + ph * wp + pw;
                for (int iy = 0; iy < h; iy++) System.arraycopy(x, src + iy * w, planes, dst + iy * wp, w);
            }
        int[] offs = new int[K];
        for (int c = 0, i = 0; c < cin; c++) for (int ky = 0; ky < kh; ky++) for (int kx = 0; kx < kw; kx++) offs[i++] = c * cs + ky * wp + kx;
        int ohw = oh * ow;
        int NV = Integer.getInteger("nv", 2), NP = NV == 2 ? 8 : NV == 3 ? 8 : Integer.getInteger("np", 4);
        for (int ob = 0; ob < cout; ob += NV * L) {
            int nOc = Math.min(NV * L, cout - ob);
            for (int b = 0; b < nb; b++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox += NP) {
                        int base = b * img + oy * s * wp + ox * s;
                        if (NV == 4 && NP == 4) tile4v4(K, wt, ob, coutP, planes, offs, base, t);
                        else if (NV == 4) tile4v6(K, wt, ob, coutP, planes, offs, base, t);
                        else if (NV == 3) tile3v8(K, wt, ob, coutP, planes, offs, base, t);
                        else if (s == 1) tile8s1(K, wt, ob, coutP, planes, offs, base, t);
                        else tile8(K, wt, ob, coutP, planes, offs, base, s, t);
                        int dst = ((n0 + b) * cout + ob) * ohw + oy * ow + ox, npx = Math.min(NP, ow - ox);
                        for (int j = 0; j < nOc; j++)
                            for (int i = 0; i < npx; i++) y[dst + j * ohw + i] = t[i * NV * L + j];
                    }
        }
    }

    static void tile8(int k, float[] wt, int wi, int ldw, float[] pl, int[] offs, int base, int s, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < k; p++) {
            int o = offs[p] + base, a = wi + p * ldw;
            FloatVector w0 = FloatVector.fromArray(S, wt, a), w1 = FloatVector.fromArray(S, wt, a + L);
            FloatVector xv = FloatVector.broadcast(S, pl[o]);
            c00 = w0.fma(xv, c00); c01 = w1.fma(xv, c01);
            xv = FloatVector.broadcast(S, pl[o + s]);
            c10 = w0.fma(xv, c10); c11 = w1.fma(xv, c11);
            xv = FloatVector.broadcast(S, pl[o + 2 * s]);
            c20 = w0.fma(xv, c20); c21 = w1.fma(xv, c21);
            xv = FloatVector.broadcast(S, pl[o + 3 * s]);
            c30 = w0.fma(xv, c30); c31 = w1.fma(xv, c31);
            xv = FloatVector.broadcast(S, pl[o + 4 * s]);
            c40 = w0.fma(xv, c40); c41 = w1.fma(xv, c41);
            xv = FloatVector.broadcast(S, pl[o + 5 * s]);
            c50 = w0.fma(xv, c50); c51 = w1.fma(xv, c51);
            xv = FloatVector.broadcast(S, pl[o + 6 * s]);
            c60 = w0.fma(xv, c60); c61 = w1.fma(xv, c61);
            xv = FloatVector.broadcast(S, pl[o + 7 * s]);
            c70 = w0.fma(xv, c70); c71 = w1.fma(xv, c71);
        }
        int N = 2 * L;
        c00.intoArray(t, 0); c01.intoArray(t, L);
        c10.intoArray(t, N); c11.intoArray(t, N + L);
        c20.intoArray(t, 2 * N); c21.intoArray(t, 2 * N + L);
        c30.intoArray(t, 3 * N); c31.intoArray(t, 3 * N + L);
        c40.intoArray(t, 4 * N); c41.intoArray(t, 4 * N + L);
        c50.intoArray(t, 5 * N); c51.intoArray(t, 5 * N + L);
        c60.intoArray(t, 6 * N); c61.intoArray(t, 6 * N + L);
        c70.intoArray(t, 7 * N); c71.intoArray(t, 7 * N + L);
    }

    static void tile8s1(int k, float[] wt, int wi, int ldw, float[] pl, int[] offs, int base, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < k; p++) {
            int o = offs[p] + base, a = wi + p * ldw;
            FloatVector w0 = FloatVector.fromArray(S, wt, a), w1 = FloatVector.fromArray(S, wt, a + L);
            FloatVector xv = FloatVector.broadcast(S, pl[o]);
            c00 = w0.fma(xv, c00); c01 = w1.fma(xv, c01);
            xv = FloatVector.broadcast(S, pl[o + 1]);
            c10 = w0.fma(xv, c10); c11 = w1.fma(xv, c11);
            xv = FloatVector.broadcast(S, pl[o + 2]);
            c20 = w0.fma(xv, c20); c21 = w1.fma(xv, c21);
            xv = FloatVector.broadcast(S, pl[o + 3]);
            c30 = w0.fma(xv, c30); c31 = w1.fma(xv, c31);
            xv = FloatVector.broadcast(S, pl[o + 4]);
            c40 = w0.fma(xv, c40); c41 = w1.fma(xv, c41);
            xv = FloatVector.broadcast(S, pl[o + 5]);
            c50 = w0.fma(xv, c50); c51 = w1.fma(xv, c51);
            xv = FloatVector.broadcast(S, pl[o + 6]);
            c60 = w0.fma(xv, c60); c61 = w1.fma(xv, c61);
            xv = FloatVector.broadcast(S, pl[o + 7]);
            c70 = w0.fma(xv, c70); c71 = w1.fma(xv, c71);
        }
        int N = 2 * L;
        c00.intoArray(t, 0); c01.intoArray(t, L);
        c10.intoArray(t, N); c11.intoArray(t, N + L);
        c20.intoArray(t, 2 * N); c21.intoArray(t, 2 * N + L);
        c30.intoArray(t, 3 * N); c31.intoArray(t, 3 * N + L);
        c40.intoArray(t, 4 * N); c41.intoArray(t, 4 * N + L);
        c50.intoArray(t, 5 * N); c51.intoArray(t, 5 * N + L);
        c60.intoArray(t, 6 * N); c61.intoArray(t, 6 * N + L);
        c70.intoArray(t, 7 * N); c71.intoArray(t, 7 * N + L);
    }

    static void tile4v4(int k, float[] wt, int wi, int ldw, float[] pl, int[] offs, int base, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        for (int p = 0; p < k; p++) {
            int o = offs[p] + base, a = wi + p * ldw;
            FloatVector w0 = FloatVector.fromArray(S, wt, a + 0 * L);
            FloatVector w1 = FloatVector.fromArray(S, wt, a + 1 * L);
            FloatVector w2 = FloatVector.fromArray(S, wt, a + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, wt, a + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, pl[o + 0]);
            c00 = w0.fma(x0, c00); c01 = w1.fma(x0, c01); c02 = w2.fma(x0, c02); c03 = w3.fma(x0, c03);
            FloatVector x1 = FloatVector.broadcast(S, pl[o + 1]);
            c10 = w0.fma(x1, c10); c11 = w1.fma(x1, c11); c12 = w2.fma(x1, c12); c13 = w3.fma(x1, c13);
            FloatVector x2 = FloatVector.broadcast(S, pl[o + 2]);
            c20 = w0.fma(x2, c20); c21 = w1.fma(x2, c21); c22 = w2.fma(x2, c22); c23 = w3.fma(x2, c23);
            FloatVector x3 = FloatVector.broadcast(S, pl[o + 3]);
            c30 = w0.fma(x3, c30); c31 = w1.fma(x3, c31); c32 = w2.fma(x3, c32); c33 = w3.fma(x3, c33);
        }
        c00.intoArray(t, 0 * 4 * L + 0 * L);
        c01.intoArray(t, 0 * 4 * L + 1 * L);
        c02.intoArray(t, 0 * 4 * L + 2 * L);
        c03.intoArray(t, 0 * 4 * L + 3 * L);
        c10.intoArray(t, 1 * 4 * L + 0 * L);
        c11.intoArray(t, 1 * 4 * L + 1 * L);
        c12.intoArray(t, 1 * 4 * L + 2 * L);
        c13.intoArray(t, 1 * 4 * L + 3 * L);
        c20.intoArray(t, 2 * 4 * L + 0 * L);
        c21.intoArray(t, 2 * 4 * L + 1 * L);
        c22.intoArray(t, 2 * 4 * L + 2 * L);
        c23.intoArray(t, 2 * 4 * L + 3 * L);
        c30.intoArray(t, 3 * 4 * L + 0 * L);
        c31.intoArray(t, 3 * 4 * L + 1 * L);
        c32.intoArray(t, 3 * 4 * L + 2 * L);
        c33.intoArray(t, 3 * 4 * L + 3 * L);
    }
    static void tile3v8(int k, float[] wt, int wi, int ldw, float[] pl, int[] offs, int base, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z, c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z, c60 = z, c61 = z, c62 = z, c70 = z, c71 = z, c72 = z;
        for (int p = 0; p < k; p++) {
            int o = offs[p] + base, a = wi + p * ldw;
            FloatVector w0 = FloatVector.fromArray(S, wt, a + 0 * L);
            FloatVector w1 = FloatVector.fromArray(S, wt, a + 1 * L);
            FloatVector w2 = FloatVector.fromArray(S, wt, a + 2 * L);
            FloatVector x0 = FloatVector.broadcast(S, pl[o + 0]);
            c00 = w0.fma(x0, c00); c01 = w1.fma(x0, c01); c02 = w2.fma(x0, c02);
            FloatVector x1 = FloatVector.broadcast(S, pl[o + 1]);
            c10 = w0.fma(x1, c10); c11 = w1.fma(x1, c11); c12 = w2.fma(x1, c12);
            FloatVector x2 = FloatVector.broadcast(S, pl[o + 2]);
            c20 = w0.fma(x2, c20); c21 = w1.fma(x2, c21); c22 = w2.fma(x2, c22);
            FloatVector x3 = FloatVector.broadcast(S, pl[o + 3]);
            c30 = w0.fma(x3, c30); c31 = w1.fma(x3, c31); c32 = w2.fma(x3, c32);
            FloatVector x4 = FloatVector.broadcast(S, pl[o + 4]);
            c40 = w0.fma(x4, c40); c41 = w1.fma(x4, c41); c42 = w2.fma(x4, c42);
            FloatVector x5 = FloatVector.broadcast(S, pl[o + 5]);
            c50 = w0.fma(x5, c50); c51 = w1.fma(x5, c51); c52 = w2.fma(x5, c52);
            FloatVector x6 = FloatVector.broadcast(S, pl[o + 6]);
            c60 = w0.fma(x6, c60); c61 = w1.fma(x6, c61); c62 = w2.fma(x6, c62);
            FloatVector x7 = FloatVector.broadcast(S, pl[o + 7]);
            c70 = w0.fma(x7, c70); c71 = w1.fma(x7, c71); c72 = w2.fma(x7, c72);
        }
        c00.intoArray(t, 0 * 3 * L + 0 * L);
        c01.intoArray(t, 0 * 3 * L + 1 * L);
        c02.intoArray(t, 0 * 3 * L + 2 * L);
        c10.intoArray(t, 1 * 3 * L + 0 * L);
        c11.intoArray(t, 1 * 3 * L + 1 * L);
        c12.intoArray(t, 1 * 3 * L + 2 * L);
        c20.intoArray(t, 2 * 3 * L + 0 * L);
        c21.intoArray(t, 2 * 3 * L + 1 * L);
        c22.intoArray(t, 2 * 3 * L + 2 * L);
        c30.intoArray(t, 3 * 3 * L + 0 * L);
        c31.intoArray(t, 3 * 3 * L + 1 * L);
        c32.intoArray(t, 3 * 3 * L + 2 * L);
        c40.intoArray(t, 4 * 3 * L + 0 * L);
        c41.intoArray(t, 4 * 3 * L + 1 * L);
        c42.intoArray(t, 4 * 3 * L + 2 * L);
        c50.intoArray(t, 5 * 3 * L + 0 * L);
        c51.intoArray(t, 5 * 3 * L + 1 * L);
        c52.intoArray(t, 5 * 3 * L + 2 * L);
        c60.intoArray(t, 6 * 3 * L + 0 * L);
        c61.intoArray(t, 6 * 3 * L + 1 * L);
        c62.intoArray(t, 6 * 3 * L + 2 * L);
        c70.intoArray(t, 7 * 3 * L + 0 * L);
        c71.intoArray(t, 7 * 3 * L + 1 * L);
        c72.intoArray(t, 7 * 3 * L + 2 * L);
    }
    static void tile4v6(int k, float[] wt, int wi, int ldw, float[] pl, int[] offs, int base, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z, c40 = z, c41 = z, c42 = z, c43 = z, c50 = z, c51 = z, c52 = z, c53 = z;
        for (int p = 0; p < k; p++) {
            int o = offs[p] + base, a = wi + p * ldw;
            FloatVector w0 = FloatVector.fromArray(S, wt, a + 0 * L);
            FloatVector w1 = FloatVector.fromArray(S, wt, a + 1 * L);
            FloatVector w2 = FloatVector.fromArray(S, wt, a + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, wt, a + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, pl[o + 0]);
            c00 = w0.fma(x0, c00); c01 = w1.fma(x0, c01); c02 = w2.fma(x0, c02); c03 = w3.fma(x0, c03);
            FloatVector x1 = FloatVector.broadcast(S, pl[o + 1]);
            c10 = w0.fma(x1, c10); c11 = w1.fma(x1, c11); c12 = w2.fma(x1, c12); c13 = w3.fma(x1, c13);
            FloatVector x2 = FloatVector.broadcast(S, pl[o + 2]);
            c20 = w0.fma(x2, c20); c21 = w1.fma(x2, c21); c22 = w2.fma(x2, c22); c23 = w3.fma(x2, c23);
            FloatVector x3 = FloatVector.broadcast(S, pl[o + 3]);
            c30 = w0.fma(x3, c30); c31 = w1.fma(x3, c31); c32 = w2.fma(x3, c32); c33 = w3.fma(x3, c33);
            FloatVector x4 = FloatVector.broadcast(S, pl[o + 4]);
            c40 = w0.fma(x4, c40); c41 = w1.fma(x4, c41); c42 = w2.fma(x4, c42); c43 = w3.fma(x4, c43);
            FloatVector x5 = FloatVector.broadcast(S, pl[o + 5]);
            c50 = w0.fma(x5, c50); c51 = w1.fma(x5, c51); c52 = w2.fma(x5, c52); c53 = w3.fma(x5, c53);
        }
        c00.intoArray(t, 0 * 4 * L + 0 * L);
        c01.intoArray(t, 0 * 4 * L + 1 * L);
        c02.intoArray(t, 0 * 4 * L + 2 * L);
        c03.intoArray(t, 0 * 4 * L + 3 * L);
        c10.intoArray(t, 1 * 4 * L + 0 * L);
        c11.intoArray(t, 1 * 4 * L + 1 * L);
        c12.intoArray(t, 1 * 4 * L + 2 * L);
        c13.intoArray(t, 1 * 4 * L + 3 * L);
        c20.intoArray(t, 2 * 4 * L + 0 * L);
        c21.intoArray(t, 2 * 4 * L + 1 * L);
        c22.intoArray(t, 2 * 4 * L + 2 * L);
        c23.intoArray(t, 2 * 4 * L + 3 * L);
        c30.intoArray(t, 3 * 4 * L + 0 * L);
        c31.intoArray(t, 3 * 4 * L + 1 * L);
        c32.intoArray(t, 3 * 4 * L + 2 * L);
        c33.intoArray(t, 3 * 4 * L + 3 * L);
        c40.intoArray(t, 4 * 4 * L + 0 * L);
        c41.intoArray(t, 4 * 4 * L + 1 * L);
        c42.intoArray(t, 4 * 4 * L + 2 * L);
        c43.intoArray(t, 4 * 4 * L + 3 * L);
        c50.intoArray(t, 5 * 4 * L + 0 * L);
        c51.intoArray(t, 5 * 4 * L + 1 * L);
        c52.intoArray(t, 5 * 4 * L + 2 * L);
        c53.intoArray(t, 5 * 4 * L + 3 * L);
    }

    static void acc4v4(int k, float[] wt, int wi, int ldw, float[] pl, int[] offs, int oi, int base, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        if (!first) {
            c00 = FloatVector.fromArray(S, acc, ai + 0 * L);
            c01 = FloatVector.fromArray(S, acc, ai + 1 * L);
            c02 = FloatVector.fromArray(S, acc, ai + 2 * L);
            c03 = FloatVector.fromArray(S, acc, ai + 3 * L);
            c10 = FloatVector.fromArray(S, acc, ai + 4 * L);
            c11 = FloatVector.fromArray(S, acc, ai + 5 * L);
            c12 = FloatVector.fromArray(S, acc, ai + 6 * L);
            c13 = FloatVector.fromArray(S, acc, ai + 7 * L);
            c20 = FloatVector.fromArray(S, acc, ai + 8 * L);
            c21 = FloatVector.fromArray(S, acc, ai + 9 * L);
            c22 = FloatVector.fromArray(S, acc, ai + 10 * L);
            c23 = FloatVector.fromArray(S, acc, ai + 11 * L);
            c30 = FloatVector.fromArray(S, acc, ai + 12 * L);
            c31 = FloatVector.fromArray(S, acc, ai + 13 * L);
            c32 = FloatVector.fromArray(S, acc, ai + 14 * L);
            c33 = FloatVector.fromArray(S, acc, ai + 15 * L);
        }
        for (int p = 0; p < k; p++) {
            int o = offs[oi + p] + base, a = wi + p * ldw;
            FloatVector w0 = FloatVector.fromArray(S, wt, a + 0 * L);
            FloatVector w1 = FloatVector.fromArray(S, wt, a + 1 * L);
            FloatVector w2 = FloatVector.fromArray(S, wt, a + 2 * L);
            FloatVector w3 = FloatVector.fromArray(S, wt, a + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, pl[o + 0]);
            c00 = w0.fma(x0, c00); c01 = w1.fma(x0, c01); c02 = w2.fma(x0, c02); c03 = w3.fma(x0, c03);
            FloatVector x1 = FloatVector.broadcast(S, pl[o + 1]);
            c10 = w0.fma(x1, c10); c11 = w1.fma(x1, c11); c12 = w2.fma(x1, c12); c13 = w3.fma(x1, c13);
            FloatVector x2 = FloatVector.broadcast(S, pl[o + 2]);
            c20 = w0.fma(x2, c20); c21 = w1.fma(x2, c21); c22 = w2.fma(x2, c22); c23 = w3.fma(x2, c23);
            FloatVector x3 = FloatVector.broadcast(S, pl[o + 3]);
            c30 = w0.fma(x3, c30); c31 = w1.fma(x3, c31); c32 = w2.fma(x3, c32); c33 = w3.fma(x3, c33);
        }
        c00.intoArray(acc, ai + 0 * L);
        c01.intoArray(acc, ai + 1 * L);
        c02.intoArray(acc, ai + 2 * L);
        c03.intoArray(acc, ai + 3 * L);
        c10.intoArray(acc, ai + 4 * L);
        c11.intoArray(acc, ai + 5 * L);
        c12.intoArray(acc, ai + 6 * L);
        c13.intoArray(acc, ai + 7 * L);
        c20.intoArray(acc, ai + 8 * L);
        c21.intoArray(acc, ai + 9 * L);
        c22.intoArray(acc, ai + 10 * L);
        c23.intoArray(acc, ai + 11 * L);
        c30.intoArray(acc, ai + 12 * L);
        c31.intoArray(acc, ai + 13 * L);
        c32.intoArray(acc, ai + 14 * L);
        c33.intoArray(acc, ai + 15 * L);
    }
    static void acc2v8(int k, float[] wt, int wi, int ldw, float[] pl, int[] offs, int oi, int base, float[] acc, int ai, boolean first) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        if (!first) {
            c00 = FloatVector.fromArray(S, acc, ai + 0 * L);
            c01 = FloatVector.fromArray(S, acc, ai + 1 * L);
            c10 = FloatVector.fromArray(S, acc, ai + 2 * L);
            c11 = FloatVector.fromArray(S, acc, ai + 3 * L);
            c20 = FloatVector.fromArray(S, acc, ai + 4 * L);
            c21 = FloatVector.fromArray(S, acc, ai + 5 * L);
            c30 = FloatVector.fromArray(S, acc, ai + 6 * L);
            c31 = FloatVector.fromArray(S, acc, ai + 7 * L);
            c40 = FloatVector.fromArray(S, acc, ai + 8 * L);
            c41 = FloatVector.fromArray(S, acc, ai + 9 * L);
            c50 = FloatVector.fromArray(S, acc, ai + 10 * L);
            c51 = FloatVector.fromArray(S, acc, ai + 11 * L);
            c60 = FloatVector.fromArray(S, acc, ai + 12 * L);
            c61 = FloatVector.fromArray(S, acc, ai + 13 * L);
            c70 = FloatVector.fromArray(S, acc, ai + 14 * L);
            c71 = FloatVector.fromArray(S, acc, ai + 15 * L);
        }
        for (int p = 0; p < k; p++) {
            int o = offs[oi + p] + base, a = wi + p * ldw;
            FloatVector w0 = FloatVector.fromArray(S, wt, a + 0 * L);
            FloatVector w1 = FloatVector.fromArray(S, wt, a + 1 * L);
            FloatVector x0 = FloatVector.broadcast(S, pl[o + 0]);
            c00 = w0.fma(x0, c00); c01 = w1.fma(x0, c01);
            FloatVector x1 = FloatVector.broadcast(S, pl[o + 1]);
            c10 = w0.fma(x1, c10); c11 = w1.fma(x1, c11);
            FloatVector x2 = FloatVector.broadcast(S, pl[o + 2]);
            c20 = w0.fma(x2, c20); c21 = w1.fma(x2, c21);
            FloatVector x3 = FloatVector.broadcast(S, pl[o + 3]);
            c30 = w0.fma(x3, c30); c31 = w1.fma(x3, c31);
            FloatVector x4 = FloatVector.broadcast(S, pl[o + 4]);
            c40 = w0.fma(x4, c40); c41 = w1.fma(x4, c41);
            FloatVector x5 = FloatVector.broadcast(S, pl[o + 5]);
            c50 = w0.fma(x5, c50); c51 = w1.fma(x5, c51);
            FloatVector x6 = FloatVector.broadcast(S, pl[o + 6]);
            c60 = w0.fma(x6, c60); c61 = w1.fma(x6, c61);
            FloatVector x7 = FloatVector.broadcast(S, pl[o + 7]);
            c70 = w0.fma(x7, c70); c71 = w1.fma(x7, c71);
        }
        c00.intoArray(acc, ai + 0 * L);
        c01.intoArray(acc, ai + 1 * L);
        c10.intoArray(acc, ai + 2 * L);
        c11.intoArray(acc, ai + 3 * L);
        c20.intoArray(acc, ai + 4 * L);
        c21.intoArray(acc, ai + 5 * L);
        c30.intoArray(acc, ai + 6 * L);
        c31.intoArray(acc, ai + 7 * L);
        c40.intoArray(acc, ai + 8 * L);
        c41.intoArray(acc, ai + 9 * L);
        c50.intoArray(acc, ai + 10 * L);
        c51.intoArray(acc, ai + 11 * L);
        c60.intoArray(acc, ai + 12 * L);
        c61.intoArray(acc, ai + 13 * L);
        c70.intoArray(acc, ai + 14 * L);
        c71.intoArray(acc, ai + 15 * L);
    }

    static final ThreadLocal<float[]> ACC = ThreadLocal.withInitial(() -> new float[1]);
    static int KS = Integer.getInteger("ks", 8);
    static void chunk2(ConvGeometry g, float[] x, float[] wt, int coutP, float[] y, int n0, int n1) {
        int cin = g.inChannels(), cout = g.outChannels(), kh = g.kernelH(), kw = g.kernelW(), kk = kh * kw, K = cin * kk;
        int h = g.inH(), w = g.inW(), ph = g.padH(), pw = g.padW(), s = g.strideH();
        int oh = g.outH(), ow = g.outW(), hp = h + 2 * ph + 1, wp = w + 2 * pw;
        int nb = n1 - n0, img = hp * wp, cs = nb * img + 16;
        float[][] scr = SCR.get();
        if (scr[0] == null || scr[0].length < cin * cs) scr[0] = new float[cin * cs];
        float[] planes = scr[0];
        int ohw = oh * ow, npix = nb * ohw;
        float[] acc = ACC.get();
        if (acc.length < npix * coutP) { acc = new float[npix * coutP]; ACC.set(acc); }
        java.util.Arrays.fill(planes, 0, cin * cs, 0f);
        for (int c = 0; c < cin; c++)
            for (int b = 0; b < nb; b++) {
                int src = ((n0 + b) * cin + c) * h * w, dst = c * cs + b * img + ph * wp + pw;
                for (int iy = 0; iy < h; iy++) System.arraycopy(x, src + iy * w, planes, dst + iy * wp, w);
            }
        int[] offs = new int[K];
        for (int c = 0, i = 0; c < cin; c++) for (int ky = 0; ky < kh; ky++) for (int kx = 0; kx < kw; kx++) offs[i++] = c * cs + ky * wp + kx;
        int NV = Integer.getInteger("nv", 4), NP = NV == 4 ? 4 : 8, blk = NV * L;
        for (int c0 = 0; c0 < cin; c0 += KS) {
            int k0 = c0 * kk, kc = Math.min(KS, cin - c0) * kk;
            boolean first = c0 == 0;
            for (int ob = 0; ob < coutP; ob += blk) {
                int ai = ob * npix;
                for (int b = 0; b < nb; b++)
                    for (int oy = 0; oy < oh; oy++)
                        for (int ox = 0; ox < ow; ox += NP) {
                            int base = b * img + oy * s * wp + ox * s;
                            int at = ai + ((b * oh + oy) * ow + ox) * blk;
                            if (NV == 4) acc4v4(kc, wt, k0 * coutP + ob, coutP, planes, offs, k0, base, acc, at, first);
                            else acc2v8(kc, wt, k0 * coutP + ob, coutP, planes, offs, k0, base, acc, at, first);
                        }
            }
        }
        for (int ob = 0; ob < cout; ob += blk) {
            int nOc = Math.min(blk, cout - ob), ai = ob * npix;
            for (int b = 0; b < nb; b++)
                for (int j = 0; j < nOc; j++) {
                    int dst = ((n0 + b) * cout + ob + j) * ohw, src = ai + b * ohw * blk + j;
                    for (int i = 0; i < ohw; i++) y[dst + i] = acc[src + i * blk];
                }
        }
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]);
        int reps = Integer.parseInt(a[4]);
        int stride = a.length > 5 ? Integer.parseInt(a[5]) : 1;
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, 3, stride, 1, 1);
        if (System.getProperty("t") != null) Parallel.setThreads(Integer.getInteger("t"));
        Random r = new Random(1);
        float[] x = new float[n * cin * h * h], w = new float[g.weightSize()], y = new float[n * cout * g.outH() * g.outW()], y2 = y.clone();
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - 0.5f;
        ConvKernels.forward(g, x, w, null, y);
        forward(g, x, w, y2);
        double md = 0; for (int i = 0; i < y.length; i++) md = Math.max(md, Math.abs(y[i] - y2[i]));
        System.out.printf("maxdiff %.3g%n", md);
        double flop = 2.0 * g.batch() * cout * g.outH() * g.outW() * cin * 9;
        for (int round = 0; round < 3; round++) {
            for (int v = 0; v < 2; v++) {
                double[] ts = new double[reps];
                for (int it = 0; it < reps; it++) {
                    long t0 = System.nanoTime();
                    for (int q = 0; q < 10; q++) { if (v == 0) ConvKernels.forward(g, x, w, null, y); else forward(g, x, w, y2); }
                    ts[it] = (System.nanoTime() - t0) / 10e6;
                }
                java.util.Arrays.sort(ts);
                System.out.printf("%s %s median %.3f ms best %.3f ms (%.0f GFLOP/s)%n", g, v == 0 ? "current" : "direct ", ts[reps / 2], ts[0], flop / ts[0] / 1e6);
            }
        }
    }
}
