package org.prune4j.opencl;

/**
 * Dense GEMM on the device: a local-memory tiled kernel whose tile side comes from
 * the device limits ({@link DeviceTiles}), or a plain kernel when the device cannot
 * hold a tile. Batched with a per-matrix element stride, which is how convolution
 * runs one launch for all groups.
 */
final class OpenClGemm extends KernelFamily {
    private static final String FILE = "gemm.cl";

    OpenClGemm(OpenClContext ctx, OpenClKernels owner) { super(ctx, owner); }

    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer da = s.in(a), db = s.in(b);
            // C is written only at m rows of n columns: a padded or offset C must survive around them.
            boolean whole = cOff == 0 && (ldc == n || m == 1) && (long) m * n == c.length;
            DeviceBuffer dc = beta == 0f ? s.out(c, whole) : s.inOut(c);
            run(transA, transB, m, n, k, alpha, da, aOff, lda, 0, db, bOff, ldb, 0, beta, dc, cOff, ldc, 0, 1);
        }
    }

    /** Enqueues batch GEMMs on device buffers; matrix i of X starts at xOff + i * xStride. */
    void run(boolean transA, boolean transB, int m, int n, int k, float alpha,
             DeviceBuffer a, int aOff, int lda, int aStride, DeviceBuffer b, int bOff, int ldb, int bStride,
             float beta, DeviceBuffer c, int cOff, int ldc, int cStride, int batch) {
        if (m == 0 || n == 0 || batch == 0) return;
        int ts = ctx.tiles().gemmTile();
        KernelLaunch l = ts > 0 ? ctx.launch(FILE, "-DTS=" + ts, "gemm_tiled") : null;
        if (l != null && l.groupSize(ts * ts) < ts * ts) l = null; // the compiled kernel cannot run a full tile
        String kernel = l != null ? "gemm_tiled" : "gemm_plain";
        if (l == null) {
            l = ctx.launch(FILE, "-DTS=" + Math.max(ts, 1), kernel);
        }
        l.arg(transA ? 1 : 0).arg(transB ? 1 : 0).arg(m).arg(n).arg(k).arg(alpha)
                .arg(a).arg(aOff).arg(lda).arg(aStride)
                .arg(b).arg(bOff).arg(ldb).arg(bStride)
                .arg(beta).arg(c).arg(cOff).arg(ldc).arg(cStride);
        if (kernel.equals("gemm_tiled")) {
            l.run(new long[] {KernelLaunch.roundUp(n, ts), KernelLaunch.roundUp(m, ts), batch}, new long[] {ts, ts, 1});
        } else {
            l.run(new long[] {n, m, batch}, null); // the runtime picks a work-group that fits its limits
        }
    }
}
