package org.prune4j.simd.sparse;

import org.prune4j.core.kernels.*;
import java.util.*;

/** Times ReLU / ADD / ReLU backward in a fresh JVM, then after every other op of the same kernel ran, then again. */
public class ElemProbe {
    static double med(Runnable r, int warm, int reps) { for (int i = 0; i < warm; i++) r.run(); double[] t = new double[reps]; for (int i = 0; i < reps; i++) { long a = System.nanoTime(); r.run(); t[i] = (System.nanoTime() - a) / 1e6; } Arrays.sort(t); return t[reps / 2]; }
    public static void main(String[] a) {
        Kernels K = Backends.get();
        int n = Integer.parseInt(a[0]);
        Random r = new Random(1);
        float[] x = new float[n], y = new float[n], z = new float[n], dy = new float[n];
        for (int i = 0; i < n; i++) { x[i] = r.nextFloat() + 0.1f; dy[i] = r.nextFloat() - 0.5f; z[i] = r.nextFloat() + 0.5f; }
        Runnable relu = () -> K.unary(Unary.RELU, n, x, 0, y, 0);
        Runnable add = () -> K.binary(Binary.ADD, n, x, 0, z, 0, y, 0);
        Runnable reluB = () -> K.unaryBackward(Unary.RELU, n, x, null, dy, y);
        double r0 = med(relu, 300, 50), a0 = med(add, 300, 50), b0 = med(reluB, 300, 50);
        for (int rep = 0; rep < 300; rep++) {
            for (Unary u : Unary.values()) K.unary(u, n, x, 0, y, 0);
            for (Binary b : Binary.values()) K.binary(b, n, x, 0, z, 0, y, 0);
            for (Unary u : new Unary[]{Unary.RELU, Unary.SIGMOID, Unary.TANH, Unary.EXP, Unary.SQUARE}) K.unaryBackward(u, n, x, x, dy, y);
        }
        double r1 = med(relu, 300, 50), a1 = med(add, 300, 50), b1 = med(reluB, 300, 50);
        System.out.printf("n=%d relu %.4f -> %.4f ms (%.2fx)  add %.4f -> %.4f (%.2fx)  reluBackward %.4f -> %.4f (%.2fx)%n", n, r0, r1, r1 / r0, a0, a1, a1 / a0, b0, b1, b1 / b0);
    }
}
