package org.prune4j.opencl;

import org.prune4j.core.kernels.ReferenceKernels;

/**
 * Axis permutation (each output element reads its source through precomputed strides)
 * and indexed gather/scatter (CSR values of a masked weight, kept on the device).
 */
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
            DeviceBuffer dx = s.in(x), di = s.table(info), dy = s.out(y, y.length == total);
            launch(FILE, "permute").arg(total).arg(rank).arg(di).arg(dx).arg(dy).run1d(total);
        }
    }

    void gather(int n, float[] src, int srcOff, int[] index, float[] dst) {
        ReferenceKernels.checkGather(n, src, srcOff, index, dst);
        if (n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer ds = s.in(src), di = s.in(index), dd = s.out(dst, dst.length == n);
            launch(FILE, "gather_idx").arg(n).arg(ds).arg(srcOff).arg(di).arg(dd).run1d(n);
        }
    }

    void scatter(int n, float[] src, int[] index, int len, float[] dst) {
        ReferenceKernels.checkScatter(n, src, index, len, dst);
        if (len == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dd = s.out(dst, dst.length == len);
            launch(FILE, "zero_fill").arg(len).arg(dd).run1d(len);
            if (n == 0) return;
            DeviceBuffer ds = s.in(src), di = s.in(index);
            launch(FILE, "scatter_idx").arg(n).arg(ds).arg(di).arg(dd).run1d(n);
        }
    }
}
