package org.prune4j.simd.sparse;
import org.prune4j.core.kernels.ConvGeometry;
public class FillProbe {
    public static void main(String[] a) {
        int n = Integer.getInteger("n", 128), cin = Integer.parseInt(a[0]), h = Integer.parseInt(a[1]), s = Integer.parseInt(a[2]);
        ConvGeometry g = ConvGeometry.of(n, cin, h, h, cin * s, 3, s, 1, 1);
        ImageFolds folds = new ImageFolds(g, SparseConv2d.tile16RowStride(g)); System.out.println("row stride " + folds.full.wq);
        float[] x = new float[g.inputSize()]; for (int i = 0; i < x.length; i++) x[i] = i % 7;
        float[] buf = new float[folds.full.bufferSize + 64], copy = new float[x.length];
        System.out.println("images/fold " + folds.perFold + " folds " + folds.count + " buffer " + folds.full.bufferSize + " x " + x.length);
        for (int r = 0; r < 300; r++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < 20; it++) for (int f = 0; f < folds.count; f++) folds.layout(f).fillImages(x, folds.firstImage(f), buf, 0);
            long t1 = System.nanoTime();
            if (a.length < 4) for (int it = 0; it < 20; it++) System.arraycopy(x, 0, copy, 0, x.length);
            long t2 = System.nanoTime();
            int per = folds.perFold * cin * h * h;
            if (a.length < 4) for (int it = 0; it < 20; it++) for (int f = 0; f < folds.count; f++) System.arraycopy(x, f * per, buf, 0, Math.min(per, x.length - f * per));
            long t3 = System.nanoTime();
            if (r > 295) System.out.printf("fill %.3f ms  memcpy %.3f ms  copy-into-buf %.3f ms%n", (t1 - t0) / 20e6, (t2 - t1) / 20e6, (t3 - t2) / 20e6);
        }
    }
}
