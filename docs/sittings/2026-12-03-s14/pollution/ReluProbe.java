package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;
import java.util.*;

/** args: n cin h cout k stride sparsity mode(plain|alt). Prints median forward time with relu=false after warm-up with (alt) or without relu calls. */
public class ReluProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]), k = Integer.parseInt(a[4]), st = Integer.parseInt(a[5]);
        double sp = Double.parseDouble(a[6]); boolean alt = a[7].equals("alt");
        Kernels K = Backends.get();
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cout, k, st, k / 2, 1);
        Random r = new Random(1);
        float[] x = new float[g.inputSize()], y = new float[g.outputSize()], wd = new float[g.weightSize()], bias = new float[cout];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < wd.length; i++) wd[i] = r.nextDouble() < sp ? 0f : r.nextFloat() - 0.5f;
        CsrMatrix w = CsrMatrix.fromDense(wd, 0, cout, cin * k * k);
        int hw = h * h;
        Runnable plain = g.isPointwise() ? () -> { for (int i = 0; i < n; i++) K.spmm(w, hw, x, i * cin * hw, y, i * cout * hw, bias, false, false); } : () -> K.sparseConv2dForward(g, w, x, bias, false, y);
        Runnable relu = g.isPointwise() ? () -> { for (int i = 0; i < n; i++) K.spmm(w, hw, x, i * cin * hw, y, i * cout * hw, bias, true, false); } : () -> K.sparseConv2dForward(g, w, x, bias, true, y);
        for (int i = 0; i < 400; i++) { plain.run(); if (alt) relu.run(); }
        double[] t = new double[200];
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < t.length; i++) { long a0 = System.nanoTime(); plain.run(); t[i] = (System.nanoTime() - a0) / 1e6; if (alt) relu.run(); }
            Arrays.sort(t);
            System.out.printf("%s %dx%d cin=%d cout=%d k=%d s=%d sp=%.2f %s: %.3f ms%n", a[0], h, h, cin, cout, k, st, sp, a[7], t[t.length / 2]);
        }
    }
}
