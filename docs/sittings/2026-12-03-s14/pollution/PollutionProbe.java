package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
import java.util.*;

/** Times target kernels in a fresh JVM, then runs every flag variant of the kernels (as a whole training and serving process would), then times the targets again. */
public class PollutionProbe {
    static final Kernels K = Backends.get();
    static Random R = new Random(1);
    static float[] rnd(int n) { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = R.nextFloat() - 0.5f; return a; }
    static CsrMatrix csr(int rows, int cols, double sp) { float[] w = rnd(rows * cols); for (int i = 0; i < w.length; i++) if (R.nextDouble() < sp) w[i] = 0f; return CsrMatrix.fromDense(w, 0, rows, cols); }
    static double med(Runnable r, int warm, int reps) { for (int i = 0; i < warm; i++) r.run(); double[] t = new double[reps]; for (int i = 0; i < reps; i++) { long a = System.nanoTime(); r.run(); t[i] = (System.nanoTime() - a) / 1e6; } Arrays.sort(t); return t[reps / 2]; }

    record Named(String name, Runnable r) {}

    static List<Named> convKernels(String tag, ConvGeometry g, double sp, boolean variants) {
        float[] x = rnd(g.inputSize()), w = rnd(g.weightSize()), y = new float[g.outputSize()], dy = rnd(g.outputSize()), dx = new float[g.inputSize()], dw = new float[g.weightSize()], b = rnd(g.outChannels());
        CsrMatrix c = csr(g.outChannels(), g.patchSize(), sp);
        float[] dwv = new float[c.nnz()];
        List<Named> l = new ArrayList<>();
        l.add(new Named(tag + " dense fwd", () -> K.conv2dForward(g, x, w, null, y)));
        l.add(new Named(tag + " dense bwdData", () -> K.conv2dBackwardData(g, dy, w, dx)));
        l.add(new Named(tag + " dense bwdWeight", () -> K.conv2dBackwardWeight(g, x, dy, dw)));
        l.add(new Named(tag + " sparse fwd", () -> K.sparseConv2dForward(g, c, x, null, false, y)));
        l.add(new Named(tag + " sparse bwd", () -> K.sparseConv2dBackward(g, c, x, dy, dx, dwv)));
        if (variants) {
            l.add(new Named(tag + " dense fwd bias", () -> K.conv2dForward(g, x, w, b, y)));
            l.add(new Named(tag + " sparse fwd bias relu", () -> K.sparseConv2dForward(g, c, x, b, true, y)));
            l.add(new Named(tag + " sparse fwd bias", () -> K.sparseConv2dForward(g, c, x, b, false, y)));
            l.add(new Named(tag + " sparse bwdData", () -> K.sparseConv2dBackwardData(g, c, dy, dx)));
            l.add(new Named(tag + " sparse bwdWeight", () -> K.sparseConv2dBackwardWeight(g, c, x, dy, dwv)));
            l.add(new Named(tag + " biasAct relu", () -> K.biasActivation(g.batch(), g.outChannels(), g.outH() * g.outW(), y, b, true)));
            l.add(new Named(tag + " biasAct", () -> K.biasActivation(g.batch(), g.outChannels(), g.outH() * g.outW(), y, b, false)));
        }
        return l;
    }

    static List<Named> matKernels(String tag, int m, int n, int k, double sp, boolean variants) {
        float[] a = rnd(m * k), bb = rnd(k * n), c = new float[m * n], bias = rnd(m), x = rnd(n * k), yl = new float[n * m];
        CsrMatrix s = csr(m, k, sp);
        List<Named> l = new ArrayList<>();
        l.add(new Named(tag + " gemm NN", () -> K.gemm(false, false, m, n, k, 1f, a, 0, k, bb, 0, n, 0f, c, 0, n)));
        l.add(new Named(tag + " spmm", () -> K.spmm(s, n, bb, 0, c, 0, null, false, false)));
        l.add(new Named(tag + " sparseLinear", () -> K.sparseLinear(s, n, x, 0, yl, 0, null, false, false)));
        if (variants) {
            float[] at = rnd(k * m), bt = rnd(n * k);
            l.add(new Named(tag + " gemm TN b1", () -> K.gemm(true, false, m, n, k, 1f, at, 0, m, bb, 0, n, 1f, c, 0, n)));
            l.add(new Named(tag + " gemm NT a.5", () -> K.gemm(false, true, m, n, k, 0.5f, a, 0, k, bt, 0, k, 0f, c, 0, n)));
            l.add(new Named(tag + " gemm TT b.5", () -> K.gemm(true, true, m, n, k, 1f, at, 0, m, bt, 0, k, 0.5f, c, 0, n)));
            l.add(new Named(tag + " spmm bias relu", () -> K.spmm(s, n, bb, 0, c, 0, bias, true, false)));
            l.add(new Named(tag + " spmm acc", () -> K.spmm(s, n, bb, 0, c, 0, null, false, true)));
            l.add(new Named(tag + " sparseLinear relu", () -> K.sparseLinear(s, n, x, 0, yl, 0, bias, true, false)));
            l.add(new Named(tag + " sparseLinear acc", () -> K.sparseLinear(s, n, x, 0, yl, 0, null, false, true)));
            float[] out = new float[s.nnz()], am = rnd(m * n);
            l.add(new Named(tag + " sddmm", () -> K.sddmm(s, n, am, 0, bb, 0, out, false)));
            l.add(new Named(tag + " sddmm acc", () -> K.sddmm(s, n, am, 0, bb, 0, out, true)));
        }
        return l;
    }

    public static void main(String[] args) {
        List<Named> targets = new ArrayList<>();
        targets.addAll(convKernels("r32-s1 64x16x32x32", ConvGeometry.of(64, 16, 32, 32, 16, 3, 1, 1, 1), 0.9, false));
        targets.addAll(convKernels("fm-s2 64x32x14x14", ConvGeometry.of(64, 32, 14, 14, 32, 3, 1, 1, 1), 0.9, false));
        targets.addAll(convKernels("r32-down 64x16x32x32 s2", ConvGeometry.of(64, 16, 32, 32, 32, 3, 2, 1, 1), 0.9, false));
        targets.addAll(convKernels("r32-s3 64x64x8x8", ConvGeometry.of(64, 64, 8, 8, 64, 3, 1, 1, 1), 0.9, false));
        targets.addAll(matKernels("256x4096x256", 256, 4096, 256, 0.9, false));
        List<Named> pollute = new ArrayList<>();
        int[][] shapes = {{32, 16, 32, 16, 3, 1}, {32, 32, 14, 32, 3, 1}, {32, 16, 28, 32, 3, 2}, {32, 64, 7, 64, 3, 1}, {32, 64, 8, 64, 3, 1}, {32, 64, 16, 64, 1, 1},
                {32, 128, 4, 128, 3, 1}, {32, 256, 2, 256, 3, 1}, {1, 32, 16, 32, 3, 1}, {3, 3, 32, 16, 3, 1}, {32, 32, 16, 64, 1, 2}};
        for (int[] s : shapes) for (double sp : new double[]{0.5, 0.9, 0.99}) pollute.addAll(convKernels("p", ConvGeometry.of(s[0], s[1], s[2], s[2], s[3], s[4], s[5], s[4] / 2, 1), sp, true));
        for (int[] s : new int[][]{{64, 128, 64}, {256, 4096, 256}, {512, 1, 512}, {100, 33, 70}, {16, 1024, 16}}) for (double sp : new double[]{0.5, 0.9, 0.99}) pollute.addAll(matKernels("p", s[0], s[1], s[2], sp, true));
        String only = System.getProperty("only"), tgt = System.getProperty("tgt");
        if (only != null) pollute.removeIf(n -> !n.name().matches(only));
        if (tgt != null) targets.removeIf(n -> !n.name().matches(tgt));
        double[] before = new double[targets.size()];
        for (int i = 0; i < targets.size(); i++) before[i] = med(targets.get(i).r(), 200, 40);
        long t0 = System.nanoTime();
        for (int round = 0; round < 3; round++) { Collections.shuffle(pollute, new Random(round)); for (Named p : pollute) for (int i = 0; i < 30; i++) p.r().run(); }
        System.out.printf("pollution: %d variants, %.0f s%n", pollute.size(), (System.nanoTime() - t0) / 1e9);
        for (int i = 0; i < targets.size(); i++) {
            double after = med(targets.get(i).r(), 200, 40);
            System.out.printf("%-40s before %8.3f after %8.3f ms  after/before %.2f%s%n", targets.get(i).name(), before[i], after, after / before[i], after / before[i] > 1.3 ? "  <<<" : "");
        }
    }
}
