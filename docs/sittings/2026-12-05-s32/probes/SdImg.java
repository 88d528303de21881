import java.util.SplittableRandom;
import org.prune4j.core.kernels.*;
import org.prune4j.core.sparse.CsrMatrix;

/** Session 32: a pruned 1x1 layer's weight gradient over a batch, image by image (sddmmImages) against the images' planes
 *  packed channel-major first so each entry is one long dot (pack + sddmm). args: cin cout hw images sparsity */
public class SdImg {
    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), hw = Integer.parseInt(a[2]), images = Integer.parseInt(a[3]);
        double sp = Double.parseDouble(a[4]);
        Kernels k = Backends.select("simd");
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[images * cin * hw], dy = new float[images * cout * hw];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < dy.length; i++) dy[i] = (float) r.nextDouble();
        float[] w = new float[cout * cin], mask = new float[cout * cin];
        for (int i = 0; i < mask.length; i++) mask[i] = r.nextDouble() >= sp ? 1f : 0f;
        CsrMatrix p = CsrMatrix.fromDenseMasked(w, 0, mask, cout, cin);
        float[] v1 = new float[p.nnz()], v2 = new float[p.nnz()];
        int len = images * hw;
        float[] pa = new float[cout * len], pb = new float[cin * len];
        Runnable img = () -> k.sddmmImages(p, hw, images, dy, 0, x, 0, v1);
        Runnable packed = () -> {
            pack(dy, cout, hw, images, pa);
            pack(x, cin, hw, images, pb);
            k.sddmm(p, len, pa, 0, pb, 0, v2, false);
        };
        for (int round = 0; round < 6; round++) {
            double t1 = time(img), t2 = time(packed);
            double md = 0, mx = 0;
            for (int i = 0; i < v1.length; i++) { md = Math.max(md, Math.abs(v1[i] - v2[i])); mx = Math.max(mx, Math.abs(v1[i])); }
            System.out.printf("images %.3f ms  packed %.3f ms  ratio %.2f  (max diff %.1e of %.1e)%n", t1, t2, t1 / t2, md, mx);
        }
    }

    static void pack(float[] src, int ch, int hw, int images, float[] dst) {
        int len = images * hw;
        Parallel.forRange(ch, 16, (c0, c1) -> {
            for (int c = c0; c < c1; c++)
                for (int n = 0; n < images; n++) System.arraycopy(src, (n * ch + c) * hw, dst, c * len + n * hw, hw);
        });
    }

    static double time(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int b = 0; b < 5; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) r.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e6 / 5;
    }
}
