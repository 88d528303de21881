package org.prune4j.simd;

import org.prune4j.simd.sparse.LaneFrames;
import org.prune4j.simd.sparse.TileTranspose;

/** Session 30: LaneFrames.pack against raw transposes of the same batch into a contiguous or framed buffer, one thread. args: C H W */
public class PackProbe3 {
    public static void main(String[] a) {
        int c = Integer.parseInt(a[0]), h = Integer.parseInt(a[1]), w = Integer.parseInt(a[2]);
        int V = 16, n = 128, hw = h * w, fh = h + 2, fw = w + 2;
        float[] x = new float[n * c * hw];
        for (int i = 0; i < x.length; i++) x[i] = i % 7;
        float[] buf = new float[c * fh * fw * V + 64], out = new float[c * hw * V + 64], tmp = new float[hw * V];
        int b0 = Aligned.offset(buf), o0 = Aligned.offset(out);
        for (int round = 0; round < 40; round++) {
            long t0 = System.nanoTime();
            for (int n0 = 0; n0 < n; n0 += V) LaneFrames.pack(x, c, h, w, 1, 1, fh, fw, n0, V, buf, b0, tmp);
            long t1 = System.nanoTime();
            for (int n0 = 0; n0 < n; n0 += V)
                for (int ch = 0; ch < c; ch++)
                    for (int p = 0; p < hw; p += V) TileTranspose.block(x, (n0 * c + ch) * hw + p, c * hw, V, V, out, o0 + (ch * hw + p) * V, V);
            long t2 = System.nanoTime();
            for (int n0 = 0; n0 < n; n0 += V)
                for (int ch = 0; ch < c; ch++)
                    for (int iy = 0; iy < h; iy++)
                        for (int ix = 0; ix < w; ix += V)
                            TileTranspose.block(x, (n0 * c + ch) * hw + iy * w + ix, c * hw, V, V, buf, b0 + (ch * fh * fw + (iy + 1) * fw + ix + 1) * V, V);
            long t3 = System.nanoTime();
            if (round % 10 == 9) System.out.printf("pack %.3f ms  raw contiguous %.3f  raw framed %.3f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        }
    }
}
