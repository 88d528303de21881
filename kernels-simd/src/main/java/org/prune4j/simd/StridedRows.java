package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import org.prune4j.core.kernels.ConvGeometry;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

import static org.prune4j.simd.Sgemm.L;
import static org.prune4j.simd.Sgemm.S;

/**
 * The rows of {@link Im2col} for convolutions with horizontal stride 2 (ResNet's
 * downsampling 3x3 layers), a vector at a time: lowering reads 2L consecutive input
 * floats and keeps the even ones with one two-vector permute, raising spreads L column
 * values onto the even positions of 2L input floats and adds. Element-by-element strided
 * copies were 48% of the 16→32-channel 32² stride-2 forward (perf). Output rows of at
 * least L columns (a multiple of L) go a vector per L columns; rows of L/2 columns go two
 * rows per vector. Every other width, and any row whose vector would reach outside the
 * input (or, when raising, outside the image being written, which another thread may
 * own), takes {@link Im2col#lowerRow} / {@link Im2col#raiseRow}. Lanes whose tap falls
 * outside the image are zeroed after the vector store (lowering) or in the scratch columns
 * before the add (raising), so raising adds +0 to the neighbouring input elements it
 * touches: the same sums in the same order as the scalar loop, except that a −0 there
 * becomes +0.
 */
final class StridedRows {
    private StridedRows() {}

    /** Lane i picks element 2i of v1 ‖ v2 (selectFrom(v1, v2)): the even ones of 2L consecutive floats. */
    private static final FloatVector EVEN = index(i -> 2 * i);
    /** Lane j picks c[j/2] at even j and the zero vector's lane 0 at odd j: c's lower half spread over 2·(L/2) lanes. */
    private static final FloatVector SPREAD_LO = index(j -> j % 2 == 0 ? j / 2 : L);
    /** The same for c's upper half. */
    private static final FloatVector SPREAD_HI = index(j -> j % 2 == 0 ? L / 2 + j / 2 : L);
    private static final FloatVector ZERO = FloatVector.zero(S);

    private static FloatVector index(IntUnaryOperator lane) {
        float[] idx = new float[L];
        for (int i = 0; i < L; i++) idx[i] = lane.applyAsInt(i);
        return FloatVector.fromArray(S, idx, 0);
    }

    /** Whether the vector rows apply: horizontal stride 2 and output rows a multiple of L or exactly L/2 wide. */
    static boolean suits(ConvGeometry g) {
        return g.strideW() == 2 && (g.outW() % L == 0 || 2 * g.outW() == L);
    }

    /** Output rows per vector: 1 for rows of whole vectors, 2 for half-vector rows. */
    private static int rowsPerVector(ConvGeometry g) {
        return g.outW() >= L ? 1 : 2;
    }

    /** The first output row whose input row through kernel row ky lies inside the image (rows are consecutive). */
    private static int firstRow(ConvGeometry g, int ky) {
        int off = ky * g.dilationH() - g.padH();
        return Math.min(g.outH(), off >= 0 ? 0 : (-off + g.strideH() - 1) / g.strideH());
    }

    /** One past the last output row whose input row through kernel row ky lies inside the image. */
    private static int endRow(ConvGeometry g, int ky) {
        int last = g.inH() - 1 - (ky * g.dilationH() - g.padH());
        return last < 0 ? 0 : Math.min(g.outH(), last / g.strideH() + 1);
    }

    /** One past the last float a vector step over `rows` output rows touches, from the first row's first float s. */
    private static int reach(ConvGeometry g, int s, int rows) {
        return rows == 1 ? s + 2 * g.outW() : s + g.strideH() * g.inW() + L;
    }

    /** cols[d, d + oxLo) and cols[d + oxHi, d + OW) = 0: the lanes whose tap lies outside the image. */
    private static void clearEdges(float[] cols, int d, int ow, int oxLo, int oxHi) {
        for (int ox = 0; ox < oxLo; ox++) cols[d + ox] = 0f;
        for (int ox = oxHi; ox < ow; ox++) cols[d + ox] = 0f;
    }

    /** Every output row of lowered row (ci, ky, kx) into cols[dst, dst + OH·OW), as {@link Im2col#lowerRow} per row. */
    static void lower(ConvGeometry g, float[] x, int plane, int ky, int xShift, int oxLo, int oxHi, float[] cols, int dst) {
        int oh = g.outH(), ow = g.outW(), rows = rowsPerVector(g), step = g.strideH() * g.inW();
        int oy0 = firstRow(g, ky), oy1 = endRow(g, ky);
        if (oxLo >= oxHi || oy0 >= oy1) {
            Arrays.fill(cols, dst, dst + oh * ow, 0f);
            return;
        }
        Arrays.fill(cols, dst, dst + oy0 * ow, 0f);
        Arrays.fill(cols, dst + oy1 * ow, dst + oh * ow, 0f);
        boolean edges = oxLo > 0 || oxHi < ow;
        int oy = oy0, s = plane + (oy0 * g.strideH() - g.padH() + ky * g.dilationH()) * g.inW() + xShift;
        for (; oy < oy1 && s < 0; oy++, s += step) Im2col.lowerRow(g, x, plane, oy, ky, xShift, oxLo, oxHi, cols, dst + oy * ow);
        for (; oy + rows <= oy1 && reach(g, s, rows) <= x.length; oy += rows, s += rows * step) {
            int d = dst + oy * ow;
            if (rows == 1) {
                for (int ox = 0; ox < ow; ox += L) {
                    int p = s + 2 * ox;
                    EVEN.selectFrom(FloatVector.fromArray(S, x, p), FloatVector.fromArray(S, x, p + L)).intoArray(cols, d + ox);
                }
            } else {
                EVEN.selectFrom(FloatVector.fromArray(S, x, s), FloatVector.fromArray(S, x, s + step)).intoArray(cols, d);
                if (edges) clearEdges(cols, d + ow, ow, oxLo, oxHi);
            }
            if (edges) clearEdges(cols, d, ow, oxLo, oxHi);
        }
        for (; oy < oy1; oy++) Im2col.lowerRow(g, x, plane, oy, ky, xShift, oxLo, oxHi, cols, dst + oy * ow);
    }

    /**
     * The adjoint of {@link #lower}: dx's input rows += the columns at cols[src, src + OH·OW), writing only
     * inside dx[imageLo, imageHi) (the image this thread owns); clears the out-of-image lanes of cols first.
     */
    static void raiseAdd(ConvGeometry g, float[] cols, int src, float[] dx, int plane, int imageLo, int imageHi,
                         int ky, int xShift, int oxLo, int oxHi) {
        int ow = g.outW(), rows = rowsPerVector(g), step = g.strideH() * g.inW();
        int oy0 = firstRow(g, ky), oy1 = endRow(g, ky);
        if (oxLo >= oxHi || oy0 >= oy1) return;
        boolean edges = oxLo > 0 || oxHi < ow;
        int oy = oy0, s = plane + (oy0 * g.strideH() - g.padH() + ky * g.dilationH()) * g.inW() + xShift;
        for (; oy < oy1 && s < imageLo; oy++, s += step) Im2col.raiseRow(g, cols, src + oy * ow, dx, plane, oy, ky, xShift, oxLo, oxHi);
        for (; oy + rows <= oy1 && reach(g, s, rows) <= imageHi; oy += rows, s += rows * step) {
            int c = src + oy * ow;
            if (edges) clearEdges(cols, c, ow, oxLo, oxHi);
            if (rows == 1) {
                for (int ox = 0; ox < ow; ox += L) {
                    FloatVector v = FloatVector.fromArray(S, cols, c + ox);
                    int p = s + 2 * ox;
                    FloatVector.fromArray(S, dx, p).add(SPREAD_LO.selectFrom(v, ZERO)).intoArray(dx, p);
                    FloatVector.fromArray(S, dx, p + L).add(SPREAD_HI.selectFrom(v, ZERO)).intoArray(dx, p + L);
                }
            } else {
                if (edges) clearEdges(cols, c + ow, ow, oxLo, oxHi);
                FloatVector v = FloatVector.fromArray(S, cols, c);
                FloatVector.fromArray(S, dx, s).add(SPREAD_LO.selectFrom(v, ZERO)).intoArray(dx, s);
                FloatVector.fromArray(S, dx, s + step).add(SPREAD_HI.selectFrom(v, ZERO)).intoArray(dx, s + step);
            }
        }
        for (; oy < oy1; oy++) Im2col.raiseRow(g, cols, src + oy * ow, dx, plane, oy, ky, xShift, oxLo, oxHi);
    }
}
