package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.prune4j.simd.Aligned;

/**
 * The batch-lane layout of {@link BatchLaneConv} and the dense {@code org.prune4j.simd.LaneConv}: V images of
 * an NCHW tensor as buf[c][fy][fx][lane], each plane inside a zero frame, so a kernel reads one vector of V
 * images per pixel and every tap is a constant offset.
 */
public final class LaneFrames {
    private static final VectorSpecies<Float> S = ShiftedSum.SPECIES;
    /** Images per vector: the lanes. */
    public static final int V = ShiftedSum.V;

    private LaneFrames() {}

    /**
     * buf[b0 + ((c·fh + fy)·fw + fx)·V + lane] = src[n0 + lane][c][fy − top][fx − left] for the channels of an
     * NCHW tensor of h×w planes, zero on the frame and in lanes past the batch. Every position is written once.
     * Planes of a multiple of V pixels with a full set of lanes go through V×V register transposes: straight into the
     * frame when rows are whole vectors (V pixels of a row are V consecutive frame vectors; the border is zeroed
     * apart) or when a vector is whole rows (8×8 and 4×4 planes: {@link TileTranspose#blockTo} sends each pixel to its
     * row and column of the frame), else into tmp and copied vector by vector. In one JVM, alternating with the copy
     * (15 rounds, docs/sittings/2026-12-04-s25/RowsProbe.java), batch 128, 2 threads: the dense 16-channel 32×32
     * forward 1.06×, input gradient 1.03×, the 32-channel 16×16 forward 1.04×; the 90%-sparse 32-channel 16×16 forward
     * 1.03×, its training step 1.08×; the sparse 16-channel 32×32 step even. The rows-per-vector path, the same way
     * (docs/sittings/2026-12-04-s26/SpFlag.java, 11 rounds): the 90%-sparse 64-channel 8×8 forward 1.09×, its
     * training step 1.06×, the 32→64 stride-2 step 1.04×; dense 8×8 and 4×4 layers even.
     */
    public static void pack(float[] src, int channels, int h, int w, int top, int left, int fh, int fw,
                             int n0, int lanes, float[] buf, int b0, float[] tmp) {
        int hw = h * w;
        boolean fast = hw % V == 0 && lanes == V && V == TileTranspose.V;
        FloatVector zero = FloatVector.zero(S);
        boolean inside = top >= 0 && left >= 0 && top + h <= fh && left + w <= fw;
        boolean rows = fast && w % V == 0 && inside;
        int[] rel = null;
        if (fast && !rows && inside && V % w == 0) {
            // A block of V pixels is V / w whole rows: column q goes to row q / w, column q % w of the frame.
            rel = new int[V];
            for (int q = 0; q < V; q++) rel[q] = ((q / w) * fw + q % w) * V;
        }
        for (int c = 0; c < channels; c++) {
            int at0 = (n0 * channels + c) * hw;
            if (rel != null) {
                int cb = b0 + c * fh * fw * V;
                for (int p = 0; p < hw; p += V)
                    TileTranspose.blockTo(src, at0 + p, channels * hw, buf, cb + ((p / w + top) * fw + left) * V, rel, 0);
                zeroBorder(buf, cb, h, w, top, left, fh, fw);
                continue;
            }
            if (rows) {
                // V pixels of a row are V consecutive frame vectors: transpose straight into the frame.
                int cb = b0 + c * fh * fw * V;
                for (int iy = 0; iy < h; iy++)
                    for (int ix = 0; ix < w; ix += V)
                        TileTranspose.block(src, at0 + iy * w + ix, channels * hw, V, V, buf, cb + ((iy + top) * fw + ix + left) * V, V);
                zeroBorder(buf, cb, h, w, top, left, fh, fw);
                continue;
            }
            if (fast) {
                for (int p = 0; p < hw; p += V) TileTranspose.block(src, at0 + p, channels * hw, V, V, tmp, p * V, V);
            }
            for (int fy = 0; fy < fh; fy++) {
                int iy = fy - top;
                for (int fx = 0; fx < fw; fx++) {
                    int ix = fx - left, d = b0 + ((c * fh + fy) * fw + fx) * V;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                        zero.intoArray(buf, d);
                    } else if (fast) {
                        FloatVector.fromArray(S, tmp, (iy * w + ix) * V).intoArray(buf, d);
                    } else {
                        int at = at0 + iy * w + ix;
                        for (int lane = 0; lane < V; lane++) buf[d + lane] = lane < lanes ? src[at + lane * channels * hw] : 0f;
                    }
                }
            }
        }
    }

    /** Zeros every vector of one channel's fh×fw frame at cb outside the h×w plane placed at (top, left). */
    private static void zeroBorder(float[] buf, int cb, int h, int w, int top, int left, int fh, int fw) {
        FloatVector zero = FloatVector.zero(S);
        for (int fy = 0; fy < fh; fy++) {
            int iy = fy - top, row = cb + fy * fw * V;
            if (iy < 0 || iy >= h) {
                for (int fx = 0; fx < fw; fx++) zero.intoArray(buf, row + fx * V);
                continue;
            }
            for (int fx = 0; fx < Math.min(left, fw); fx++) zero.intoArray(buf, row + fx * V);
            for (int fx = Math.max(0, left + w); fx < fw; fx++) zero.intoArray(buf, row + fx * V);
        }
    }

    /**
     * out[n0 + lane][c][p] = f(acc[a0 + (c·pixels + p)·V + lane]) for lanes &lt; lanes, every channel and pixel, f = ReLU
     * when relu: the lane layout back to NCHW, V pixels at a time by {@link TileTranspose}. With a full set of lanes
     * and planes of whole vectors, each image's channels are one run of channels·pixels floats in out, and all the
     * runs start at the same place against 64-byte lines; the transposed blocks then follow out's lines instead of
     * the planes (a block may span two channels), so each of a block's V stores writes one line instead of parts of
     * two. Alone, one thread, 64 channels of 8×8 for 128 images: 0.16 ms with the stores split, 0.10 ms on lines
     * (docs/sittings/2026-12-03-s17/probes/UnpackProbe.java). The floats before the first line and after the last
     * whole block go one by one.
     */
    public static void unpack(float[] acc, int a0, int channels, int pixels, int lanes, float[] out, int n0, boolean relu) {
        int run = channels * pixels;
        if (lanes == V && pixels % V == 0) {
            // out[(n0 + lane)·run + q] for q ≡ head (mod V) starts a line, the same q for every lane as run % V == 0.
            int o = n0 * run, head = Math.min(run, Aligned.toLine(out, o) % V), end = head + (run - head) / V * V;
            for (int q = head; q < end; q += V) TileTranspose.blockOut(acc, a0 + q * V, V, V, V, out, o + q, run, relu);
            unpackRange(acc, a0, 0, head, run, out, o, relu);
            unpackRange(acc, a0, end, run, run, out, o, relu);
            return;
        }
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < pixels; p += V) {
                TileTranspose.blockOut(acc, a0 + (c * pixels + p) * V, V, Math.min(V, pixels - p), lanes, out, (n0 * channels + c) * pixels + p,
                        channels * pixels, relu);
            }
        }
    }

    /** out[o + lane·run + q] = f(acc[a0 + q·V + lane]) for q0 ≤ q &lt; q1 and every lane, one float at a time. */
    private static void unpackRange(float[] acc, int a0, int q0, int q1, int run, float[] out, int o, boolean relu) {
        for (int lane = 0; lane < V; lane++) {
            for (int q = q0; q < q1; q++) {
                float v = acc[a0 + q * V + lane];
                out[o + lane * run + q] = relu && v < 0f ? 0f : v;
            }
        }
    }
}
