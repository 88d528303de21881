package org.prune4j.opencl;

import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Unary;

/** Pointwise kernels: unary functions and their derivatives, binary ops with broadcasting, affine, axpy, bias+ReLU. */
final class OpenClElementwise extends KernelFamily {
    private static final String FILE = "elementwise.cl";

    OpenClElementwise(OpenClContext ctx, OpenClKernels owner) { super(ctx, owner); }

    /** The op codes of elementwise.cl, spelled out so reordering the enum cannot change a kernel's meaning. */
    static int code(Unary op) {
        return switch (op) {
            case RELU -> 0;
            case RELU6 -> 1;
            case SIGMOID -> 2;
            case TANH -> 3;
            case EXP -> 4;
            case LOG -> 5;
            case NEG -> 6;
            case ABS -> 7;
            case SQRT -> 8;
            case SQUARE -> 9;
        };
    }

    static int code(Binary op) {
        return switch (op) {
            case ADD -> 0;
            case SUB -> 1;
            case MUL -> 2;
            case DIV -> 3;
            case MAX -> 4;
            case MIN -> 5;
        };
    }

    void unary(Unary op, int n, float[] x, int xOff, float[] y, int yOff) {
        if (n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dy = s.out(y, yOff == 0 && n == y.length);
            launch(FILE, "unary").arg(code(op)).arg(n).arg(dx).arg(xOff).arg(dy).arg(yOff).run1d(n);
        }
    }

    void unaryBackward(Unary op, int n, float[] x, float[] y, float[] dy, float[] dx) {
        if (n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer bdy = s.in(dy);
            DeviceBuffer bx = x == null ? bdy : s.in(x), by = y == null ? bdy : s.in(y);
            DeviceBuffer bdx = s.out(dx, n == dx.length);
            launch(FILE, "unary_backward").arg(code(op)).arg(n).arg(bx).arg(x == null ? 0 : 1).arg(by).arg(y == null ? 0 : 1)
                    .arg(bdy).arg(bdx).run1d(n);
        }
    }

    void binary(Binary op, int n, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff) {
        if (n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer da = s.in(a), db = s.in(b), dy = s.out(y, yOff == 0 && n == y.length);
            launch(FILE, "binary").arg(code(op)).arg(n).arg(da).arg(aOff).arg(db).arg(bOff).arg(dy).arg(yOff).run1d(n);
        }
    }

    void binaryBroadcast(Binary op, int[] shape, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] y) {
        int rank = shape.length, total = 1;
        for (int d : shape) total *= d;
        if (total == 0) return;
        int[] info = new int[3 * rank];
        System.arraycopy(shape, 0, info, 0, rank);
        System.arraycopy(aStrides, 0, info, rank, rank);
        System.arraycopy(bStrides, 0, info, 2 * rank, rank);
        try (CallScope s = scope()) {
            DeviceBuffer da = s.in(a), db = s.in(b), di = s.table(info), dy = s.out(y, total == y.length);
            launch(FILE, "binary_broadcast").arg(code(op)).arg(total).arg(rank).arg(di).arg(da).arg(db).arg(dy).run1d(total);
        }
    }

    void affine(int n, float[] x, int xOff, float alpha, float beta, float[] y, int yOff) {
        if (n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dy = s.out(y, yOff == 0 && n == y.length);
            launch(FILE, "affine").arg(n).arg(dx).arg(xOff).arg(alpha).arg(beta).arg(dy).arg(yOff).run1d(n);
        }
    }

    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        if (n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dy = s.inOut(y);
            launch(FILE, "axpy").arg(n).arg(alpha).arg(dx).arg(xOff).arg(dy).arg(yOff).run1d(n);
        }
    }

    void copy(int n, float[] x, int xOff, float[] y, int yOff) {
        if (n == 0) return;
        if (x == y) throw new IllegalArgumentException("copy: source and destination must be different arrays");
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dy = s.out(y, yOff == 0 && n == y.length);
            ctx.copy(dx, (long) xOff * Float.BYTES, dy, (long) yOff * Float.BYTES, (long) n * Float.BYTES);
        }
    }

    void biasActivation(int n, int c, int sp, float[] y, float[] bias, boolean relu) {
        int total = n * c * sp;
        if (total == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dy = s.inOut(y), db = bias == null ? dy : s.in(bias);
            launch(FILE, "bias_activation").arg(total).arg(c).arg(sp).arg(dy).arg(db).arg(bias == null ? 0 : 1).arg(relu ? 1 : 0).run1d(total);
        }
    }
}
