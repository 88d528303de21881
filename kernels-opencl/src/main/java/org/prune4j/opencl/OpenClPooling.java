package org.prune4j.opencl;

import org.prune4j.core.kernels.PoolGeometry;

/** Max and average pooling; the backward passes gather over covering windows (no scatter). */
final class OpenClPooling extends KernelFamily {
    private static final String FILE = "pool.cl";

    OpenClPooling(OpenClContext ctx, OpenClKernels owner) { super(ctx, owner); }

    void maxForward(PoolGeometry p, float[] x, float[] y, int[] argmax) {
        int total = p.outputSize();
        if (total == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x);
            DeviceBuffer dy = s.out(y, y.length == total), di = s.out(argmax, argmax.length == total);
            geometry(launch(FILE, "max_pool_forward").arg(total), p).arg(dx).arg(dy).arg(di).run1d(total);
        }
    }

    void maxBackward(PoolGeometry p, float[] dy, int[] argmax, float[] dx) {
        int total = p.inputSize();
        if (total == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer ddy = s.in(dy), di = s.in(argmax), ddx = s.out(dx, dx.length == total);
            geometry(launch(FILE, "max_pool_backward").arg(total), p).arg(ddy).arg(di).arg(ddx).run1d(total);
        }
    }

    void avgForward(PoolGeometry p, float[] x, float[] y) {
        int total = p.outputSize();
        if (total == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dy = s.out(y, y.length == total);
            geometry(launch(FILE, "avg_pool_forward").arg(total), p).arg(dx).arg(dy).run1d(total);
        }
    }

    void avgBackward(PoolGeometry p, float[] dy, float[] dx) {
        int total = p.inputSize();
        if (total == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer ddy = s.in(dy), ddx = s.out(dx, dx.length == total);
            geometry(launch(FILE, "avg_pool_backward").arg(total), p).arg(ddy).arg(ddx).run1d(total);
        }
    }

    /** h, w, kh, kw, sh, sw, ph, pw, oh, ow. */
    private static KernelLaunch geometry(KernelLaunch l, PoolGeometry p) {
        return l.arg(p.inH()).arg(p.inW()).arg(p.kernelH()).arg(p.kernelW()).arg(p.strideH()).arg(p.strideW())
                .arg(p.padH()).arg(p.padW()).arg(p.outH()).arg(p.outW());
    }
}
