package org.prune4j.simd.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.prune4j.simd.Aligned;

/**
 * LaneFrames.pack against its definition on planes whose rows are whole vectors (transposed straight into the frame),
 * planes of whole vectors with shorter rows (through tmp), other planes and partial sets of lanes (one by one),
 * frames padded on every side, cropped frames and frames with junk rows past the plane; every float of the buffer
 * around the frames is checked too. LaneFrames.unpack against its definition, element by element. With a full set of lanes it transposes blocks
 * placed by where the output array meets a 64-byte line and writes the floats before the first line and after the
 * last block one by one, so every placement of the output is tried: the JVM puts an array's data on any 8-byte
 * boundary, and outputs are allocated until each of the eight has turned up. Planes of one and several vectors,
 * runs shorter than a vector past the head, ReLU on and off, and a partial set of lanes (the per-plane path).
 */
class LaneFramesTest {
    private static final int V = ShiftedSum.V;

    @Test
    void packMatchesItsDefinition() {
        SplittableRandom rnd = new SplittableRandom(7);
        // channels, h, w, top, left, fh, fw, lanes
        int[][] cases = {
                {3, 2, 2 * V, 1, 1, 4, 2 * V + 2, V},      // rows of two vectors, padded by one
                {2, 3, V, 0, 0, 3, V, V},                  // rows of one vector, no frame
                {2, 2, V, 2, 3, 7, V + 5, V},              // wide frame with junk rows below
                {2, 2, V, 1, 1, 3, V + 1, V},              // cropped: the last row and column fall off the frame
                {2, 4, V / 2, 1, 1, 6, V / 2 + 2, V},      // whole-vector planes, rows of half a vector
                {2, 4, V / 2, 2, 3, 8, V / 2 + 5, V},      // the same in a wide frame with junk rows below
                {3, 4, V / 4, 1, 1, 6, V / 4 + 2, V},      // planes of one vector, rows of a quarter of one
                {2, 4, V / 2, 1, 1, 4, V / 2 + 1, V},      // rows of half a vector, cropped by the frame
                {2, 3, 5, 1, 1, 5, 7, V},                  // plane of no whole vectors
                {2, 2, V, 1, 1, 4, V + 2, V - 3}};         // partial set of lanes
        for (int[] k : cases) {
            int channels = k[0], h = k[1], w = k[2], top = k[3], left = k[4], fh = k[5], fw = k[6], lanes = k[7], n0 = 1, b0 = 5;
            float[] src = new float[(n0 + lanes + 1) * channels * h * w];
            for (int i = 0; i < src.length; i++) src[i] = (float) (rnd.nextDouble() * 2 - 1);
            float[] buf = new float[b0 + channels * fh * fw * V + 7];
            java.util.Arrays.fill(buf, Float.NaN);
            LaneFrames.pack(src, channels, h, w, top, left, fh, fw, n0, lanes, buf, b0, new float[h * w * V]);
            for (int i = 0; i < buf.length; i++) {
                float expected = Float.NaN;
                int q = i - b0;
                if (q >= 0 && q < channels * fh * fw * V) {
                    int lane = q % V, fx = q / V % fw, fy = q / V / fw % fh, c = q / V / fw / fh, iy = fy - top, ix = fx - left;
                    boolean in = lane < lanes && iy >= 0 && iy < h && ix >= 0 && ix < w;
                    expected = in ? src[((n0 + lane) * channels + c) * h * w + iy * w + ix] : 0f;
                }
                assertEquals(expected, buf[i], 0f, "float " + i + " of case " + java.util.Arrays.toString(k));
            }
        }
    }

    @Test
    void unpackMatchesItsDefinitionAtEveryPlacementOfTheOutput() {
        SplittableRandom rnd = new SplittableRandom(5);
        boolean[] seen = new boolean[Aligned.SLACK];
        int[][] shapes = {{1, V}, {3, V}, {2, 4 * V}, {5, 2 * V}, {1, 3}, {2, 20}};
        for (int tries = 0; tries < 20_000 && (tries < 200 || !allEven(seen)); tries++) {
            int[] s = shapes[tries % shapes.length];
            int lanes = tries % 3 == 2 ? 1 + rnd.nextInt(V - 1) : V;
            seen[check(rnd, s[0], s[1], lanes, rnd.nextBoolean() ? 0 : V, rnd.nextBoolean())] = true;
        }
        // Without native access every offset reads 0; otherwise each even one (8-byte placement) must have come up.
        assertTrue(seen[0] || allEven(seen), "no placement of the output was tried");
    }

    private static boolean allEven(boolean[] seen) {
        for (int i = 0; i < seen.length; i += 2) if (!seen[i]) return false;
        return true;
    }

    /** Checks one unpack and returns where its output met a line (Aligned.offset). */
    private static int check(SplittableRandom rnd, int channels, int pixels, int lanes, int n0, boolean relu) {
        int run = channels * pixels, a0 = rnd.nextInt(V);
        float[] acc = new float[a0 + run * V];
        for (int i = 0; i < acc.length; i++) acc[i] = (float) (rnd.nextDouble() * 2 - 1);
        float[] out = new float[(n0 + V + 1) * run];
        java.util.Arrays.fill(out, Float.NaN);
        LaneFrames.unpack(acc, a0, channels, pixels, lanes, out, n0, relu);
        for (int n = 0; n < out.length / run; n++) {
            for (int q = 0; q < run; q++) {
                int lane = n - n0;
                float expected = Float.NaN;
                if (lane >= 0 && lane < lanes) {
                    float v = acc[a0 + q * V + lane];
                    expected = relu && v < 0f ? 0f : v;
                }
                assertEquals(expected, out[n * run + q], 0f,
                        "image " + n + " float " + q + " of " + channels + "x" + pixels + ", lanes " + lanes + ", n0 " + n0 + ", relu " + relu
                                + ", output offset " + Aligned.offset(out));
            }
        }
        return Aligned.offset(out);
    }
}
