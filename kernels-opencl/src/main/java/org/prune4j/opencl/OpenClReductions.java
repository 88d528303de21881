package org.prune4j.opencl;

/** Axis sums (one work-item per output) and full sums (work-group partials added on the host in double). */
final class OpenClReductions extends KernelFamily {
    private static final String FILE = "reduce.cl";
    /** Enough groups to fill a large GPU; more only adds partials to download. */
    private static final int MAX_PARTIALS = 1024;

    OpenClReductions(OpenClContext ctx, OpenClKernels owner) { super(ctx, owner); }

    void sumAxis(int outer, int len, int inner, float[] x, float[] y) {
        int total = outer * inner;
        if (total == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dy = s.out(y, total == y.length);
            launch(FILE, "sum_axis").arg(outer).arg(len).arg(inner).arg(dx).arg(dy).run1d(total);
        }
    }

    double sum(int n, float[] x, int xOff) {
        if (n == 0) return 0.0;
        KernelLaunch l = launch(FILE, "sum_partials");
        int wg = l.groupSize(256);
        // About 16 elements per work-item before the tree: long enough to amortise, short enough for accuracy.
        int groups = (int) Math.max(1, Math.min(MAX_PARTIALS, ((long) n + 16L * wg - 1) / (16L * wg)));
        float[] partial = new float[groups];
        try (CallScope s = scope()) {
            DeviceBuffer dx = s.in(x), dp = s.scratch(groups);
            l.arg(n).arg(dx).arg(xOff).arg(dp).localFloats(wg).runGroups(groups, wg);
            ctx.read(dp, partial);
        }
        double total = 0;
        for (float p : partial) total += p;
        return total;
    }
}
