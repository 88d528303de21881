import java.util.SplittableRandom;
import jdk.incubator.vector.*;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.simd.Aligned;

/** Session 32: the Linear weight gradient's SDDMM (dots of length batch): current kernel vs aligned rows vs a tree lane sum. */
public class SdProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int V = S.length();
    static IntVector lanes(java.util.function.IntUnaryOperator f) { int[] a = new int[V]; for (int i = 0; i < V; i++) a[i] = f.applyAsInt(i); return IntVector.fromArray(IntVector.SPECIES_512, a, 0); }
    static final IntVector HALF_LO = lanes(i -> i < V / 2 ? i : V + i - V / 2), HALF_HI = lanes(i -> (i < V / 2 ? i : V + i - V / 2) + V / 2);
    static final IntVector QUARTER_LO = lanes(i -> { int g = i / (V / 4), r = i % (V / 4); return (g >= 2 ? V : 0) + (g % 2 == 1 ? V / 2 : 0) + r; });
    static final IntVector QUARTER_HI = QUARTER_LO.add(V / 4);
    static final VectorShuffle<Float> SW2 = VectorShuffle.fromOp(S, i -> i ^ 2), SW1 = VectorShuffle.fromOp(S, i -> i ^ 1);

    public static void main(String[] args) {
        int out = Integer.parseInt(args[0]), in = Integer.parseInt(args[1]), batch = Integer.parseInt(args[2]);
        double sp = Double.parseDouble(args[3]);
        Kernels k = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(6);
        float[] gt = new float[out * batch + 16], xt = new float[in * batch + 16];
        for (int i = 0; i < gt.length; i++) gt[i] = (float) r.nextDouble();
        for (int i = 0; i < xt.length; i++) xt[i] = (float) r.nextDouble();
        float[] w = new float[out * in], mask = new float[out * in];
        for (int i = 0; i < mask.length; i++) mask[i] = r.nextDouble() >= sp ? 1f : 0f;
        CsrMatrix cw = CsrMatrix.fromDenseMasked(w, 0, mask, out, in);
        int nnz = cw.nnz();
        int[] rp = cw.rowPtr(), ci = cw.colIdx();
        int ga = Aligned.offset(gt), xa = Aligned.offset(xt);
        int gm = (ga + 1) % 16 == 0 ? ga + 1 : ga + 1, xm = xa + 1; // misaligned by one float... use +4 (16 bytes) like a fresh array
        gm = ga == 0 ? 4 : ga - 0; xm = xa == 0 ? 4 : 0;
        int[] offsA = new int[nnz], offsM = new int[nnz];
        for (int p = 0; p < nnz; p++) { offsA[p] = xa + ci[p] * batch; offsM[p] = xm + ci[p] * batch; }
        float[] vals = new float[nnz], v2 = new float[nnz];
        double[] acc = new double[nnz];
        float[] lanesBuf = new float[8 * V];
        String form = System.getProperty("form", "all");
        String[] forms = {"kernel", "oldMis", "oldAl", "treeMis", "treeAl", "fmaAl", "oneAl", "r8Al", "r8tAl", "fwdAl", "r8sAl"};
        int threads = Parallel.threads();
        for (int round = 0; round < 8; round++) {
            StringBuilder sb = new StringBuilder();
            for (String f : forms) {
                if (!form.equals("all") && !form.equals(f)) continue;
                final int fa = f.endsWith("Al") ? ga : gm; final int[] offs = f.endsWith("Al") ? offsA : offsM;
                final int mode = f.startsWith("tree") ? 1 : f.startsWith("fma") ? 2 : f.startsWith("one") ? 3 : f.startsWith("r8t") ? 5 : f.startsWith("r8s") ? 7 : f.startsWith("r8") ? 4 : f.startsWith("fwd") ? 6 : 0;
                Runnable run = f.equals("kernel") ? () -> k.sddmm(cw, batch, gt, ga, xt, xa, vals, false) : () -> {
                    java.util.Arrays.fill(acc, 0);
                    int[] rows = {0, out / 2, out};
                    Parallel.forEach(2, part -> {
                        float[] ln = new float[8 * V];
                        for (int i = rows[part]; i < rows[part + 1]; i++) {
                            if (mode == 1) dotsTree(gt, fa + i * batch, xt, offs, rp[i], rp[i + 1], batch, acc, ln); else if (mode == 2) dotsFma(gt, fa + i * batch, xt, offs, rp[i], rp[i + 1], batch, acc, ln); else if (mode == 4) row8d(gt, fa + i * batch, xt, offs, rp[i], rp[i + 1], acc, ln); else if (mode == 5) row8t(gt, fa + i * batch, xt, offs, rp[i], rp[i + 1], acc, ln); else if (mode == 7) row8s(gt, fa + i * batch, xt, offs, rp[i], rp[i + 1], acc, ln); else if (mode == 6) fwd8(gt, xt, offs, rp[i], rp[i + 1], ln); else if (mode == 3) dotsOne(gt, fa + i * batch, xt, offs, rp[i], rp[i + 1], batch, acc, ln);
                            else dotsOld(gt, fa + i * batch, xt, offs, rp[i], rp[i + 1], batch, acc, ln);
                        }
                    });
                    for (int p = 0; p < nnz; p++) v2[p] = (float) acc[p];
                };
                long best = Long.MAX_VALUE;
                for (int b = 0; b < 5; b++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < 100; i++) run.run();
                    best = Math.min(best, System.nanoTime() - t0);
                }
                sb.append(String.format("%s %.3f  ", f, best / 1e6 / 100));
                if (!f.equals("kernel")) {
                    double md = 0; for (int p = 0; p < nnz; p++) md = Math.max(md, Math.abs(v2[p] - vals[p]));
                    sb.append(String.format("(d %.1e) ", md));
                }
            }
            System.out.println(sb);
        }
    }

    static void dotsOld(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, int len, double[] acc, float[] lanes) {
        int p = p0;
        for (; p + 4 <= p1; p += 4) dot4(a, aOff, b, offs[p], offs[p + 1], offs[p + 2], offs[p + 3], len, acc, p, lanes);
        for (; p < p1; p++) { double s = 0; for (int i = 0; i < len; i++) s += a[aOff + i] * b[offs[p] + i]; acc[p] += (float) s; }
    }
    static void dotsTree(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, int len, double[] acc, float[] lanes) {
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            dot4t(a, aOff, b, offs[p], offs[p + 1], offs[p + 2], offs[p + 3], len, lanes);
            acc[p] += lanes[0]; acc[p + 1] += lanes[V / 4]; acc[p + 2] += lanes[V / 2]; acc[p + 3] += lanes[3 * V / 4];
        }
        for (; p < p1; p++) { double s = 0; for (int i = 0; i < len; i++) s += a[aOff + i] * b[offs[p] + i]; acc[p] += (float) s; }
    }

    static void dotsFma(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, int len, double[] acc, float[] lanes) {
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            dot4f(a, aOff, b, offs[p], offs[p + 1], offs[p + 2], offs[p + 3], len, lanes);
            acc[p] += lanes[0]; acc[p + 1] += lanes[V]; acc[p + 2] += lanes[2 * V]; acc[p + 3] += lanes[3 * V];
        }
    }
    static void dotsOne(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, int len, double[] acc, float[] lanes) {
        for (int p = p0; p < p1; p++) {
            int o = offs[p];
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int i = 0; i + 4 * V <= len; i += 4 * V) {
                s0 = FloatVector.fromArray(S, b, o + i).fma(FloatVector.fromArray(S, a, aOff + i), s0);
                s1 = FloatVector.fromArray(S, b, o + i + V).fma(FloatVector.fromArray(S, a, aOff + i + V), s1);
                s2 = FloatVector.fromArray(S, b, o + i + 2 * V).fma(FloatVector.fromArray(S, a, aOff + i + 2 * V), s2);
                s3 = FloatVector.fromArray(S, b, o + i + 3 * V).fma(FloatVector.fromArray(S, a, aOff + i + 3 * V), s3);
            }
            s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
            acc[p] += lanes[0];
        }
    }
    static void dot4f(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int len, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i + 2 * V <= len; i += 2 * V) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i), y = FloatVector.fromArray(S, a, aOff + i + V);
            s0 = FloatVector.fromArray(S, b, o0 + i).fma(x, s0);
            s1 = FloatVector.fromArray(S, b, o1 + i).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, o2 + i).fma(x, s2);
            s3 = FloatVector.fromArray(S, b, o3 + i).fma(x, s3);
            u0 = FloatVector.fromArray(S, b, o0 + i + V).fma(y, u0);
            u1 = FloatVector.fromArray(S, b, o1 + i + V).fma(y, u1);
            u2 = FloatVector.fromArray(S, b, o2 + i + V).fma(y, u2);
            u3 = FloatVector.fromArray(S, b, o3 + i + V).fma(y, u3);
        }
        s0.add(u0).intoArray(lanes, 0); s1.add(u1).intoArray(lanes, V); s2.add(u2).intoArray(lanes, 2 * V); s3.add(u3).intoArray(lanes, 3 * V);
    }
    static void fwd8(float[] vals, float[] src, int[] offs, int p0, int p1, float[] dst) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7;
        a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = FloatVector.zero(S);
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(S, vals[e & 1023]);
            int o = offs[e];
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0);
            a1 = FloatVector.fromArray(S, src, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(S, src, o + 2 * V).fma(w, a2);
            a3 = FloatVector.fromArray(S, src, o + 3 * V).fma(w, a3);
            a4 = FloatVector.fromArray(S, src, o + 4 * V).fma(w, a4);
            a5 = FloatVector.fromArray(S, src, o + 5 * V).fma(w, a5);
            a6 = FloatVector.fromArray(S, src, o + 6 * V).fma(w, a6);
            a7 = FloatVector.fromArray(S, src, o + 7 * V).fma(w, a7);
        }
        a0.add(a1).add(a2.add(a3)).add(a4.add(a5).add(a6.add(a7))).intoArray(dst, 0);
    }
    static FloatVector sum8(float[] b, int o, FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, FloatVector a4, FloatVector a5, FloatVector a6, FloatVector a7) {
        FloatVector s = FloatVector.fromArray(S, b, o).mul(a0).add(FloatVector.fromArray(S, b, o + V).mul(a1));
        FloatVector t = FloatVector.fromArray(S, b, o + 2 * V).mul(a2).add(FloatVector.fromArray(S, b, o + 3 * V).mul(a3));
        s = FloatVector.fromArray(S, b, o + 4 * V).fma(a4, s);
        t = FloatVector.fromArray(S, b, o + 5 * V).fma(a5, t);
        s = FloatVector.fromArray(S, b, o + 6 * V).fma(a6, s);
        t = FloatVector.fromArray(S, b, o + 7 * V).fma(a7, t);
        return s.add(t);
    }
    static void row8d(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V), a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V), a6 = FloatVector.fromArray(S, a, aOff + 6 * V), a7 = FloatVector.fromArray(S, a, aOff + 7 * V);
        for (int p = p0; p < p1; p++) {
            FloatVector v = sum8(b, offs[p], a0, a1, a2, a3, a4, a5, a6, a7);
            v = v.add(v.rearrange(SW8)); v = v.add(v.rearrange(SW4)); v = v.add(v.rearrange(SW2)); v = v.add(v.rearrange(SW1));
            acc[p] += v.lane(0);
        }
    }
    static void row8t(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V), a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V), a6 = FloatVector.fromArray(S, a, aOff + 6 * V), a7 = FloatVector.fromArray(S, a, aOff + 7 * V);
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            IntVector i0 = sum8(b, offs[p], a0, a1, a2, a3, a4, a5, a6, a7).reinterpretAsInts(), i1 = sum8(b, offs[p + 1], a0, a1, a2, a3, a4, a5, a6, a7).reinterpretAsInts();
            IntVector i2 = sum8(b, offs[p + 2], a0, a1, a2, a3, a4, a5, a6, a7).reinterpretAsInts(), i3 = sum8(b, offs[p + 3], a0, a1, a2, a3, a4, a5, a6, a7).reinterpretAsInts();
            FloatVector h01 = HALF_LO.selectFrom(i0, i1).reinterpretAsFloats().add(HALF_HI.selectFrom(i0, i1).reinterpretAsFloats());
            FloatVector h23 = HALF_LO.selectFrom(i2, i3).reinterpretAsFloats().add(HALF_HI.selectFrom(i2, i3).reinterpretAsFloats());
            IntVector j0 = h01.reinterpretAsInts(), j1 = h23.reinterpretAsInts();
            FloatVector q = QUARTER_LO.selectFrom(j0, j1).reinterpretAsFloats().add(QUARTER_HI.selectFrom(j0, j1).reinterpretAsFloats());
            q = q.add(q.rearrange(SW2));
            q = q.add(q.rearrange(SW1));
            q.intoArray(lanes, 0);
            acc[p] += lanes[0]; acc[p + 1] += lanes[V / 4]; acc[p + 2] += lanes[V / 2]; acc[p + 3] += lanes[3 * V / 4];
        }
        for (; p < p1; p++) {
            FloatVector v = sum8(b, offs[p], a0, a1, a2, a3, a4, a5, a6, a7);
            v = v.add(v.rearrange(SW8)); v = v.add(v.rearrange(SW4)); v = v.add(v.rearrange(SW2)); v = v.add(v.rearrange(SW1));
            acc[p] += v.lane(0);
        }
    }
    static void row8s(float[] a, int aOff, float[] b, int[] offs, int p0, int p1, double[] acc, float[] lanes) {
        FloatVector a0 = FloatVector.fromArray(S, a, aOff), a1 = FloatVector.fromArray(S, a, aOff + V), a2 = FloatVector.fromArray(S, a, aOff + 2 * V), a3 = FloatVector.fromArray(S, a, aOff + 3 * V);
        FloatVector a4 = FloatVector.fromArray(S, a, aOff + 4 * V), a5 = FloatVector.fromArray(S, a, aOff + 5 * V), a6 = FloatVector.fromArray(S, a, aOff + 6 * V), a7 = FloatVector.fromArray(S, a, aOff + 7 * V);
        int p = p0;
        for (; p + 4 <= p1; p += 4) {
            sum8(b, offs[p], a0, a1, a2, a3, a4, a5, a6, a7).intoArray(lanes, 0);
            sum8(b, offs[p + 1], a0, a1, a2, a3, a4, a5, a6, a7).intoArray(lanes, V);
            sum8(b, offs[p + 2], a0, a1, a2, a3, a4, a5, a6, a7).intoArray(lanes, 2 * V);
            sum8(b, offs[p + 3], a0, a1, a2, a3, a4, a5, a6, a7).intoArray(lanes, 3 * V);
            tree4(lanes, acc, p);
        }
        for (; p < p1; p++) {
            FloatVector v = sum8(b, offs[p], a0, a1, a2, a3, a4, a5, a6, a7);
            v = v.add(v.rearrange(SW8)); v = v.add(v.rearrange(SW4)); v = v.add(v.rearrange(SW2)); v = v.add(v.rearrange(SW1));
            acc[p] += v.lane(0);
        }
    }
    static void tree4(float[] lanes, double[] acc, int p) {
        IntVector i0 = FloatVector.fromArray(S, lanes, 0).reinterpretAsInts(), i1 = FloatVector.fromArray(S, lanes, V).reinterpretAsInts();
        IntVector i2 = FloatVector.fromArray(S, lanes, 2 * V).reinterpretAsInts(), i3 = FloatVector.fromArray(S, lanes, 3 * V).reinterpretAsInts();
        FloatVector h01 = HALF_LO.selectFrom(i0, i1).reinterpretAsFloats().add(HALF_HI.selectFrom(i0, i1).reinterpretAsFloats());
        FloatVector h23 = HALF_LO.selectFrom(i2, i3).reinterpretAsFloats().add(HALF_HI.selectFrom(i2, i3).reinterpretAsFloats());
        IntVector j0 = h01.reinterpretAsInts(), j1 = h23.reinterpretAsInts();
        FloatVector q = QUARTER_LO.selectFrom(j0, j1).reinterpretAsFloats().add(QUARTER_HI.selectFrom(j0, j1).reinterpretAsFloats());
        q = q.add(q.rearrange(SW2));
        q = q.add(q.rearrange(SW1));
        q.intoArray(lanes, 4 * V);
        acc[p] += lanes[4 * V]; acc[p + 1] += lanes[4 * V + V / 4]; acc[p + 2] += lanes[4 * V + V / 2]; acc[p + 3] += lanes[4 * V + 3 * V / 4];
    }
    static void dot4t(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int len, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i + 2 * V <= len; i += 2 * V) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i), y = FloatVector.fromArray(S, a, aOff + i + V);
            s0 = FloatVector.fromArray(S, b, o0 + i).fma(x, s0);
            s1 = FloatVector.fromArray(S, b, o1 + i).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, o2 + i).fma(x, s2);
            s3 = FloatVector.fromArray(S, b, o3 + i).fma(x, s3);
            u0 = FloatVector.fromArray(S, b, o0 + i + V).fma(y, u0);
            u1 = FloatVector.fromArray(S, b, o1 + i + V).fma(y, u1);
            u2 = FloatVector.fromArray(S, b, o2 + i + V).fma(y, u2);
            u3 = FloatVector.fromArray(S, b, o3 + i + V).fma(y, u3);
        }
        IntVector i0 = s0.add(u0).reinterpretAsInts(), i1 = s1.add(u1).reinterpretAsInts(), i2 = s2.add(u2).reinterpretAsInts(), i3 = s3.add(u3).reinterpretAsInts();
        FloatVector h01 = HALF_LO.selectFrom(i0, i1).reinterpretAsFloats().add(HALF_HI.selectFrom(i0, i1).reinterpretAsFloats());
        FloatVector h23 = HALF_LO.selectFrom(i2, i3).reinterpretAsFloats().add(HALF_HI.selectFrom(i2, i3).reinterpretAsFloats());
        IntVector j0 = h01.reinterpretAsInts(), j1 = h23.reinterpretAsInts();
        FloatVector q = QUARTER_LO.selectFrom(j0, j1).reinterpretAsFloats().add(QUARTER_HI.selectFrom(j0, j1).reinterpretAsFloats());
        q = q.add(q.rearrange(SW2));
        q = q.add(q.rearrange(SW1));
        q.intoArray(lanes, 0);
    }

    static void dot4(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int len, double[] acc, int p, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        for (int i = 0; i + 2 * V <= len; i += 2 * V) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i), y = FloatVector.fromArray(S, a, aOff + i + V);
            s0 = FloatVector.fromArray(S, b, o0 + i).fma(x, s0);
            s1 = FloatVector.fromArray(S, b, o1 + i).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, o2 + i).fma(x, s2);
            s3 = FloatVector.fromArray(S, b, o3 + i).fma(x, s3);
            u0 = FloatVector.fromArray(S, b, o0 + i + V).fma(y, u0);
            u1 = FloatVector.fromArray(S, b, o1 + i + V).fma(y, u1);
            u2 = FloatVector.fromArray(S, b, o2 + i + V).fma(y, u2);
            u3 = FloatVector.fromArray(S, b, o3 + i + V).fma(y, u3);
        }
        s0.intoArray(lanes, 0); u0.intoArray(lanes, V); s1.intoArray(lanes, 2 * V); u1.intoArray(lanes, 3 * V);
        s2.intoArray(lanes, 4 * V); u2.intoArray(lanes, 5 * V); s3.intoArray(lanes, 6 * V); u3.intoArray(lanes, 7 * V);
        acc[p] += pairSum(lanes, 0); acc[p + 1] += pairSum(lanes, 1); acc[p + 2] += pairSum(lanes, 2); acc[p + 3] += pairSum(lanes, 3);
    }
    static final VectorShuffle<Float> SW8 = VectorShuffle.fromOp(S, i -> i ^ 8), SW4 = VectorShuffle.fromOp(S, i -> i ^ 4);
    static float pairSum(float[] lanes, int k) {
        FloatVector v = FloatVector.fromArray(S, lanes, 2 * k * V).add(FloatVector.fromArray(S, lanes, (2 * k + 1) * V));
        v = v.add(v.rearrange(SW8)); v = v.add(v.rearrange(SW4)); v = v.add(v.rearrange(SW2)); v = v.add(v.rearrange(SW1));
        return v.lane(0);
    }
}
