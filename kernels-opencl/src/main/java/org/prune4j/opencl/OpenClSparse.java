package org.prune4j.opencl;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.sparse.CsrMatrix;

/**
 * CSR kernels: SpMM, SDDMM and direct sparse convolution with its two gradients.
 * Index structures are cached per matrix ({@link CsrStructures}); values are read
 * like any other array: from the device when they are storage there, else uploaded.
 */
final class OpenClSparse extends KernelFamily {
    private static final String FILE = "sparse.cl";

    private final CsrStructures structures;

    OpenClSparse(OpenClContext ctx, OpenClKernels owner) {
        super(ctx, owner);
        this.structures = new CsrStructures(ctx);
    }

    void spmm(CsrMatrix a, int n, float[] b, int bOff, float[] c, int cOff, float[] bias, boolean relu, boolean accumulate) {
        long total = (long) a.rows() * n;
        if (total == 0) return;
        try (CallScope s = scope()) {
            CsrStructures.Structure st = structures.of(a);
            DeviceBuffer vals = s.in(a.values()), db = s.in(b), dbias = bias == null ? vals : s.in(bias);
            DeviceBuffer dc = accumulate ? s.inOut(c) : s.out(c, cOff == 0 && total == c.length);
            launch(FILE, "spmm").arg(a.rows()).arg(n).arg(st.rowPtr).arg(st.colIdx).arg(vals).arg(db).arg(bOff).arg(dc).arg(cOff)
                    .arg(dbias).arg(bias == null ? 0 : 1).arg(relu ? 1 : 0).arg(accumulate ? 1 : 0).run1d(a.rows() * (long) ((n + 3) / 4));
        }
    }

    void sddmm(CsrMatrix pattern, int n, float[] a, int aOff, float[] b, int bOff, float[] out, boolean accumulate) {
        int nnz = pattern.nnz();
        if (nnz == 0) return;
        try (CallScope s = scope()) {
            CsrStructures.Structure st = structures.of(pattern);
            DeviceBuffer da = s.in(a), db = s.in(b);
            DeviceBuffer dout = accumulate ? s.inOut(out) : s.out(out, out.length == nnz);
            KernelLaunch l = launch(FILE, "sddmm");
            int wg = reductionGroup(l, n);
            l.arg(n).arg(st.rowOf).arg(st.colIdx).arg(da).arg(aOff).arg(db).arg(bOff).arg(dout).arg(accumulate ? 1 : 0)
                    .localFloats(wg).runGroups(nnz, wg);
        }
    }

    void convForward(ConvGeometry g, CsrMatrix w, float[] x, float[] bias, boolean relu, float[] y) {
        int total = g.outputSize();
        if (total == 0) return;
        try (CallScope s = scope()) {
            CsrStructures.Structure st = structures.of(w);
            DeviceBuffer vals = s.in(w.values()), dx = s.in(x), db = bias == null ? vals : s.in(bias);
            DeviceBuffer dy = s.out(y, y.length == total);
            geometry(launch(FILE, "sparse_conv_forward").arg(total), g).arg(st.rowPtr).arg(st.colIdx).arg(vals)
                    .arg(dx).arg(db).arg(bias == null ? 0 : 1).arg(relu ? 1 : 0).arg(dy).run1d(total);
        }
    }

    void convBackwardData(ConvGeometry g, CsrMatrix w, float[] dy, float[] dx) {
        int total = g.inputSize();
        if (total == 0) return;
        try (CallScope s = scope()) {
            CsrStructures.Structure st = structures.transposed(w);
            DeviceBuffer vals = s.in(w.values()), ddy = s.in(dy), ddx = s.out(dx, dx.length == total);
            geometry(launch(FILE, "sparse_conv_backward_data").arg(total), g).arg(st.tRowPtr).arg(st.tCol).arg(st.tPerm)
                    .arg(vals).arg(ddy).arg(ddx).run1d(total);
        }
    }

    void convBackwardWeight(ConvGeometry g, CsrMatrix pattern, float[] x, float[] dy, float[] dwValues) {
        int nnz = pattern.nnz();
        if (nnz == 0) return;
        try (CallScope s = scope()) {
            CsrStructures.Structure st = structures.of(pattern);
            DeviceBuffer dx = s.in(x), ddy = s.in(dy), dw = s.out(dwValues, dwValues.length == nnz);
            KernelLaunch l = launch(FILE, "sparse_conv_backward_weight");
            int wg = reductionGroup(l, (long) g.batch() * g.outH() * g.outW());
            geometry(l.arg(g.batch()), g).arg(st.rowOf).arg(st.colIdx).arg(dx).arg(ddy).arg(dw).localFloats(wg).runGroups(nnz, wg);
        }
    }

    /** cin, h, w, cout, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow, groups. */
    private static KernelLaunch geometry(KernelLaunch l, ConvGeometry g) {
        return l.arg(g.inChannels()).arg(g.inH()).arg(g.inW()).arg(g.outChannels()).arg(g.kernelH()).arg(g.kernelW())
                .arg(g.strideH()).arg(g.strideW()).arg(g.padH()).arg(g.padW()).arg(g.dilationH()).arg(g.dilationW())
                .arg(g.outH()).arg(g.outW()).arg(g.groups());
    }
}
