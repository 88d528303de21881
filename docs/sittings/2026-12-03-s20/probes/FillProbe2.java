package org.prune4j.simd.sparse;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.simd.RowCopy;
public class FillProbe2 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int V = S.length();
    /** Plane by plane, rows of whole vectors: head zeros, then per row nv data vectors and ng zero vectors. */
    static void fillB(PhaseLayout l, float[] x, int n0, float[] buf, int off) {
        ConvGeometry g = l.g;
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels(), wq = l.wq;
        FloatVector z = FloatVector.zero(S);
        int head = ph * wq + pw, gap = wq - inW, nv = inW / V, ng = gap / V;
        for (int c = 0; c < cin; c++) {
            for (int img = 0; img < l.images; img++) {
                int base = off + c * l.chanStride + img * l.plane, xr = ((n0 + img) * cin + c) * inH * inW;
                RowCopy.zero(buf, base, head);
                int row = base + head;
                if (nv == 2 && ng == 1) {
                    for (int iy = 0; iy < inH; iy++, row += wq, xr += inW) {
                        FloatVector a = FloatVector.fromArray(S, x, xr), b = FloatVector.fromArray(S, x, xr + V);
                        a.intoArray(buf, row); b.intoArray(buf, row + V); z.intoArray(buf, row + 2 * V);
                    }
                } else if (nv == 1 && ng == 1) {
                    for (int iy = 0; iy < inH; iy++, row += wq, xr += inW) {
                        FloatVector.fromArray(S, x, xr).intoArray(buf, row); z.intoArray(buf, row + V);
                    }
                } else throw new IllegalStateException();
                // row is now past the last data row's row: zero from the end of the last row's gap to the plane end
                int end = base + l.plane;
                RowCopy.zero(buf, row, end - row);
            }
        }
        RowCopy.zero(buf, off + cin * l.chanStride, l.bufferSize - cin * l.chanStride);
    }
    static void fillC(PhaseLayout l, float[] x, int n0, float[] buf, int off) {
        ConvGeometry g = l.g;
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels(), wq = l.wq;
        int head = ph * wq + pw, nv = inW / V;
        for (int c = 0; c < cin; c++) {
            for (int img = 0; img < l.images; img++) {
                int row = off + c * l.chanStride + img * l.plane + head, xr = ((n0 + img) * cin + c) * inH * inW;
                if (nv == 2) {
                    for (int iy = 0; iy < inH; iy++, row += wq, xr += inW) {
                        FloatVector a = FloatVector.fromArray(S, x, xr), b = FloatVector.fromArray(S, x, xr + V);
                        a.intoArray(buf, row); b.intoArray(buf, row + V);
                    }
                } else {
                    for (int iy = 0; iy < inH; iy++, row += wq, xr += inW) FloatVector.fromArray(S, x, xr).intoArray(buf, row);
                }
            }
        }
    }
    static void fillD(PhaseLayout l, float[] x, int n0, float[] buf, int off) {
        ConvGeometry g = l.g;
        int inH = g.inH(), inW = g.inW(), ph = g.padH(), pw = g.padW(), cin = g.inChannels(), wq = l.wq;
        for (int c = 0; c < cin; c++) {
            for (int img = 0; img < l.images; img++) {
                int base = off + c * l.chanStride + img * l.plane, xBase = ((n0 + img) * cin + c) * inH * inW;
                RowCopy.zero(buf, base, ph * wq + pw);
                int row = base + ph * wq + pw;
                wholeRows(x, xBase, buf, row, inH - 1, inW, wq);
                row += (inH - 1) * wq;
                RowCopy.copy(x, xBase + (inH - 1) * inW, buf, row, inW);
                RowCopy.zero(buf, row + inW, base + l.plane - row - inW);
            }
        }
        RowCopy.zero(buf, off + cin * l.chanStride, l.bufferSize - cin * l.chanStride);
    }
    private static void wholeRows(float[] x, int xr, float[] buf, int row, int rows, int inW, int wq) {
        FloatVector z = FloatVector.zero(S);
        for (int r = 0; r < rows; r++, xr += inW, row += wq) {
            int j = 0;
            for (; j < inW; j += V) FloatVector.fromArray(S, x, xr + j).intoArray(buf, row + j);
            for (; j < wq; j += V) z.intoArray(buf, row + j);
        }
    }
    public static void main(String[] a) {
        int n = Integer.getInteger("n", 128), cin = Integer.parseInt(a[0]), h = Integer.parseInt(a[1]);
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cin, 3, 1, 1, 1);
        ImageFolds folds = new ImageFolds(g, SparseConv2d.tile16RowStride(g));
        float[] x = new float[g.inputSize()]; for (int i = 0; i < x.length; i++) x[i] = i % 7 + 1;
        int bs = folds.full.bufferSize + 64;
        float[] buf = new float[bs], buf2 = new float[bs], copy = new float[x.length];
        java.util.Arrays.fill(buf2, 9f); java.util.Arrays.fill(buf, 9f);
        int off = 15;
        for (int f = 0; f < folds.count; f++) { folds.layout(f).fillImages(x, folds.firstImage(f), buf, off); fillD(folds.layout(f), x, folds.firstImage(f), buf2, off);
            if (!java.util.Arrays.equals(buf, buf2)) throw new AssertionError("differ at fold " + f); }
        System.out.println("images/fold " + folds.perFold + " wq " + folds.full.wq + " equal");
        for (int r = 0; r < 200; r++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < 20; it++) for (int f = 0; f < folds.count; f++) folds.layout(f).fillImages(x, folds.firstImage(f), buf, off);
            long t1 = System.nanoTime();
            for (int it = 0; it < 20; it++) for (int f = 0; f < folds.count; f++) fillD(folds.layout(f), x, folds.firstImage(f), buf2, off);
            long t2 = System.nanoTime();
            int per = folds.perFold * cin * h * h;
            for (int it = 0; it < 20; it++) for (int f = 0; f < folds.count; f++) System.arraycopy(x, f * per, buf, 0, Math.min(per, x.length - f * per));
            long t3 = System.nanoTime();
            for (int it = 0; it < 20; it++) for (int f = 0; f < folds.count; f++) fillC(folds.layout(f), x, folds.firstImage(f), buf2, off);
            long t4 = System.nanoTime();
            if (r > 190) System.out.printf("fill %.3f ms  fillB %.3f ms  copy-into-buf %.3f ms fillC %.3f%n", (t1 - t0) / 20e6, (t2 - t1) / 20e6, (t3 - t2) / 20e6, (t4-t3)/20e6);
        }
    }
}
