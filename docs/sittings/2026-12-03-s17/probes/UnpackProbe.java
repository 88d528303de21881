package org.prune4j.simd.sparse;

import org.prune4j.simd.Aligned;

/** Times LaneFrames.unpack-like transposes of one 16-image chunk (channels x pixels x 16 lanes) into NCHW, one thread. */
public class UnpackProbe {
    public static void main(String[] a) {
        int ch = Integer.parseInt(a[0]), px = Integer.parseInt(a[1]), batch = 128, reps = Integer.parseInt(a[2]);
        int mode = Integer.parseInt(a[3]);
        int V = 16;
        float[] acc = new float[ch * px * V + 16];
        float[] y = new float[batch * ch * px + 64];
        for (int i = 0; i < acc.length; i++) acc[i] = i;
        int a0 = Aligned.offset(acc);
        int yAl = Aligned.offset(y);
        int extra = Integer.getInteger("yoff", -1);
        int yo = extra < 0 ? 0 : (yAl + extra) & 15;
        System.out.println("acc off " + a0 + " y off " + yAl + " using " + yo);
        float[] tmp = new float[V * V + 16]; float[] tmp2 = new float[64 * V + 16];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < 100; it++) {
                for (int n0 = 0; n0 < batch; n0 += V) {
                    if (mode == 0) {
                        for (int c = 0; c < ch; c++)
                            for (int p = 0; p < px; p += V)
                                TileTranspose.blockOut(acc, a0 + (c * px + p) * V, V, V, V, y, yo + (n0 * ch + c) * px + p, ch * px, false);
                    } else if (mode == 1) {
                        // through an L1 tile, then rows copied image by image (p-blocks of one channel contiguous)
                        for (int c = 0; c < ch; c++)
                            for (int p = 0; p < px; p += V) {
                                TileTranspose.block(acc, a0 + (c * px + p) * V, V, V, V, tmp, 0, V);
                                for (int l = 0; l < V; l++) System.arraycopy(tmp, l * V, y, yo + ((n0 + l) * ch + c) * px + p, V);
                            }
                    } else if (mode == 3) {
                        // pack's transposes: NCHW src (y here) rows of one channel into tmp [p][lane]
                        float[] t2 = tmp2;
                        for (int c = 0; c < ch; c++)
                            for (int p = 0; p < px; p += V)
                                TileTranspose.block(y, yo + (n0 * ch + c) * px + p, ch * px, V, V, t2, (p % 64) * V, V);
                    } else if (mode == 2) {
                        // image-major: for each image lane, all channels (scalar gather)
                        for (int l = 0; l < V; l++) {
                            int base = yo + (n0 + l) * ch * px;
                            for (int q = 0; q < ch * px; q++) y[base + q] = acc[a0 + q * V + l];
                        }
                    }
                }
            }
            System.out.printf("%.3f ", (System.nanoTime() - t0) / 1e6 / 100);
        }
        System.out.println();
    }
}
