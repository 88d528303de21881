package org.prune4j.opencl;

/** Axis permutation: each output element reads its source through precomputed strides. */
final class OpenClLayout extends KernelFamily {
    private static final String FILE = "layout.cl";

    OpenClLayout(OpenClContext ctx, OpenClKernels owner) { super(ctx, owner); }

    void permute(int[] shape, int[] perm, float[] x, float[] y) {
        int rank = shape.length, total = 1;
        for (int d : shape) total *= d;
        if (total == 0) return;
        int[] inStrides = new int[rank];
        for (int d = rank - 1, st = 1; d >= 0; d--) {
            inStrides[d] = st;
            st *= shape[d];
        }
        int[] info = new int[2 * rank];
        for (int d = 0; d < rank; d++) {
            info[d] = shape[perm[d]];
            info[rank + d] = inStrides[perm[d]];
        }
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), di = s.upload(info), dy = s.out(y, y.length == total);
            launch(FILE, "permute").arg(total).arg(rank).arg(di).arg(dx).arg(dy).run1d(total);
        }
    }
}
