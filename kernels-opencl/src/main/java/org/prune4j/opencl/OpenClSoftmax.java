package org.prune4j.opencl;

/** Softmax, log-softmax, their backward passes and cross-entropy: one work-group per row. */
final class OpenClSoftmax extends KernelFamily {
    private static final String FILE = "softmax.cl";

    OpenClSoftmax(OpenClContext ctx, OpenClKernels owner) { super(ctx, owner); }

    void rowwise(String kernel, int rows, int cols, float[] x, float[] y) {
        if (rows == 0 || cols == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dy = s.out(y, y.length == rows * cols);
            KernelLaunch l = launch(FILE, kernel);
            int wg = reductionGroup(l, cols);
            l.arg(cols).arg(dx).arg(dy).localFloats(wg).runGroups(rows, wg);
        }
    }

    void rowwiseBackward(String kernel, int rows, int cols, float[] y, float[] dy, float[] dx) {
        if (rows == 0 || cols == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer by = s.in(y), bdy = s.in(dy), bdx = s.out(dx, dx.length == rows * cols);
            KernelLaunch l = launch(FILE, kernel);
            int wg = reductionGroup(l, cols);
            l.arg(cols).arg(by).arg(bdy).arg(bdx).localFloats(wg).runGroups(rows, wg);
        }
    }

    float crossEntropyForward(int rows, int cols, float[] logits, int[] labels, float smoothing, float[] prob) {
        if (rows == 0) return Float.NaN; // the mean over no rows, as the reference's 0/0
        float[] rowLoss = new float[rows];
        try (CallScope s = scope()) {
            DeviceBuffer dl = s.in(logits), dlab = s.in(labels), dp = s.out(prob, prob.length == rows * cols);
            DeviceBuffer dr = s.scratch(rows);
            KernelLaunch l = launch(FILE, "cross_entropy_forward");
            int wg = reductionGroup(l, cols);
            l.arg(cols).arg(dl).arg(dlab).arg(smoothing).arg(dp).arg(dr).localFloats(wg).runGroups(rows, wg);
            ctx.read(dr, rowLoss);
        }
        double total = 0;
        for (float v : rowLoss) total += v;
        return (float) (total / rows);
    }

    void crossEntropyBackward(int rows, int cols, float[] prob, int[] labels, float smoothing, float scale, float[] dlogits) {
        int total = rows * cols;
        if (total == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dp = s.in(prob), dlab = s.in(labels), dd = s.out(dlogits, dlogits.length == total);
            launch(FILE, "cross_entropy_backward").arg(rows).arg(cols).arg(dp).arg(dlab).arg(smoothing).arg(scale).arg(dd).run1d(total);
        }
    }
}
