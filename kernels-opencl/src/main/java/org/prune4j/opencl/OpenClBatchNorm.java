package org.prune4j.opencl;

/** Batch norm over x[N, C, S]: per-channel statistics reduced on the device, one work-group per channel. */
final class OpenClBatchNorm extends KernelFamily {
    private static final String FILE = "batchnorm.cl";

    OpenClBatchNorm(OpenClContext ctx, OpenClKernels owner) { super(ctx, owner); }

    void trainForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float eps,
                      float[] y, float[] mean, float[] invStd) {
        if (c == 0) return;
        try (CallScope sc = scope()) {
            DeviceBuffer dx = sc.in(x), dg = sc.in(gamma), db = sc.in(beta);
            DeviceBuffer dy = sc.out(y, y.length == n * c * s), dm = sc.out(mean, mean.length == c), di = sc.out(invStd, invStd.length == c);
            KernelLaunch l = launch(FILE, "bn_train_forward");
            int wg = reductionGroup(l, (long) n * s);
            l.arg(n).arg(c).arg(s).arg(dx).arg(dg).arg(db).arg(eps).arg(dy).arg(dm).arg(di).localFloats(wg).runGroups(c, wg);
        }
    }

    void updateRunning(int c, float[] mean, float[] invStd, float eps, long count, float momentum, float[] runMean, float[] runVar) {
        if (c == 0) return;
        try (CallScope sc = scope()) {
            DeviceBuffer dm = sc.in(mean), di = sc.in(invStd), drm = sc.inOut(runMean), drv = sc.inOut(runVar);
            launch(FILE, "bn_update_running").arg(c).arg(dm).arg(di).arg(eps).arg((float) count).arg(momentum)
                    .arg(drm).arg(drv).run1d(c);
        }
    }

    void evalForward(int n, int c, int s, float[] x, float[] gamma, float[] beta, float[] runMean, float[] runVar, float eps, float[] y) {
        int total = n * c * s;
        if (total == 0) return;
        try (CallScope sc = scope()) {
            DeviceBuffer dx = sc.in(x), dg = sc.in(gamma), db = sc.in(beta), dm = sc.in(runMean), dv = sc.in(runVar);
            DeviceBuffer dy = sc.out(y, y.length == total);
            launch(FILE, "bn_eval_forward").arg(total).arg(c).arg(s).arg(dx).arg(dg).arg(db).arg(dm).arg(dv).arg(eps).arg(dy).run1d(total);
        }
    }

    void backward(int n, int c, int s, float[] x, float[] dy, float[] gamma, float[] mean, float[] invStd,
                  float[] dx, float[] dgamma, float[] dbeta) {
        if (c == 0) return;
        try (CallScope sc = scope()) {
            DeviceBuffer bx = sc.in(x), bdy = sc.in(dy), bg = sc.in(gamma), bm = sc.in(mean), bi = sc.in(invStd);
            DeviceBuffer bdx = sc.out(dx, dx.length == n * c * s), bdg = sc.out(dgamma, dgamma.length == c), bdb = sc.out(dbeta, dbeta.length == c);
            KernelLaunch l = launch(FILE, "bn_backward");
            int wg = reductionGroup(l, (long) n * s);
            l.arg(n).arg(c).arg(s).arg(bx).arg(bdy).arg(bg).arg(bm).arg(bi).arg(bdx).arg(bdg).arg(bdb).localFloats(wg).runGroups(c, wg);
        }
    }
}
