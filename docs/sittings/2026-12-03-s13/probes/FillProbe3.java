// Session 13 probe: one phase-layout fill of ResNet 16-channel 32x32 at batch 128 on 2 threads, ms per fill
package org.prune4j.simd.sparse;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;
public class FillProbe3 {
    public static void main(String[] a) {
        ConvGeometry g = ConvGeometry.of(128, 16, 32, 32, 16, 3, 1, 1, 1);
        int rs = SparseConv2d.tile16RowStride(g);
        ImageFolds folds = new ImageFolds(g, rs);
        float[] x = new float[g.inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = i % 7;
        System.out.println("folds " + folds.count + " perFold " + folds.perFold + " wq " + folds.full.wq + " buf " + folds.full.bufferSize);
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < 20; it++) {
                Parallel.forEach(2, part -> {
                    float[] buf = Scratch.get(Scratch.IMAGE, folds.full.bufferSize);
                    int f0 = folds.shareStart(part, 2), f1 = folds.shareStart(part + 1, 2);
                    for (int f = f0; f < f1; f++) folds.layout(f).fillImages(x, folds.firstImage(f), buf, 0);
                });
            }
            System.out.printf("%.3f ", (System.nanoTime() - t0) / 1e6 / 20);
        }
        System.out.println();
    }
}
