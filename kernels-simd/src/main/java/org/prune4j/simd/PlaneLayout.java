package org.prune4j.simd;

/**
 * How {@link ImplicitConv} lays out a chunk of images so that every row of the implicit
 * im2col matrix is a contiguous slice of one channel's plane: {@link SamePadLayout} for
 * stride-1 "same" convolutions, {@link PhaseLayout} for any other stride and padding.
 * Output columns are laid out with junk columns that are dropped on the way out.
 */
sealed interface PlaneLayout permits SamePadLayout, PhaseLayout {

    /** GEMM columns per chunk (a multiple of Sgemm.NR), junk columns included. */
    int cols();

    /** Floats per channel plane, including the slack that junk columns may read. */
    int planeLen();

    /** Packs channels [0, channels) of the chunk's images, starting at image n0 of an NCHW tensor, into planes. */
    void pack(float[] x, int channels, int n0, float[] planes);

    /** rows[c·kh·kw + ky·kw + kx] = where the implicit matrix's row for (c, ky, kx) starts in planes. */
    void tapRows(int channels, int kh, int kw, int[] rows);

    /** y[n0 + b, c] = out[c] (row stride cols) at the real output columns, plus bias[c] when given. */
    void unpack(float[] out, int channels, int n0, float[] y, float[] bias);

    /** An NCHW output gradient laid out in output columns (row stride cols), zero at every junk column. */
    void packOutput(float[] dy, int channels, int n0, float[] out);
}
