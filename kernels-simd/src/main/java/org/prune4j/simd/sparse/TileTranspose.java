package org.prune4j.simd.sparse;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Square V×V transposes in registers, for the layout changes fused into the sparse
 * Linear layer (activations [batch, features] in, features-major panels for the
 * kernel, and back). With 16-float vectors a block is four rounds of two-table permutes
 * (vpermt2ps): each round swaps the off-diagonal sub-blocks of every 2b×2b block, for
 * b = 8, 4, 2, 1. That is a quarter of a cycle per float against about one for a scalar
 * transpose, whose strided stores also touch a new cache line each. Other vector widths
 * take the scalar loop. Public for the dense kernels' layouts: the batch-lane convolutions, Winograd's weights,
 * the depthwise channel lanes ({@link #blockTo}: each column to its own place) and the GEMM's transposed-B panels.
 * {@code fullTo} repeats {@code full}'s register rounds with per-column store offsets: sharing one body would put an
 * index load or a branch beside every store of the transpose the sparse layers run.
 */
public final class TileTranspose {
    private static final VectorSpecies<Float> SPECIES = ShiftedSum.SPECIES;
    public static final int V = ShiftedSum.V;
    private static final boolean FAST = V == 16;

    // Lane c of LO_b takes row r's lane c (c & b == 0) or row r+b's lane c-b; HI_b the mirror.
    private static final FloatVector LO8 = index(8, true), HI8 = index(8, false);
    private static final FloatVector LO4 = index(4, true), HI4 = index(4, false);
    private static final FloatVector LO2 = index(2, true), HI2 = index(2, false);
    private static final FloatVector LO1 = index(1, true), HI1 = index(1, false);

    private TileTranspose() {}

    private static FloatVector index(int b, boolean lo) {
        float[] idx = new float[V];
        for (int c = 0; c < V; c++) {
            boolean first = (c & b) == 0;
            // selectFrom(v1, v2): indices below V pick from v1 (row r), the rest from v2 (row r+b).
            idx[c] = lo ? (first ? c : V + c - b) : (first ? c + b : V + c) % (2 * V);
        }
        return FloatVector.fromArray(SPECIES, idx, 0);
    }

    /**
     * dst[d + c·dstStride + r] = src[s + r·srcStride + c] for r &lt; rows, c &lt; cols (both ≤ V).
     * A full V×V block takes the register path; partial blocks go element by element.
     */
    public static void block(float[] src, int s, int srcStride, int rows, int cols, float[] dst, int d, int dstStride) {
        if (FAST && rows == V && cols == V) {
            full(src, s, srcStride, dst, d, dstStride);
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) dst[d + c * dstStride + r] = src[s + r * srcStride + c];
        }
    }

    /**
     * The write-back form: dst[d + c·dstStride + r] = f(src[s + r·srcStride + c]) where f applies ReLU (NaN
     * passes) when relu is set. To add into dst instead, transpose dst into src first ({@link #block}) and sum
     * onto it: the register path only moves values. A ReLU or an add inside it, beside its 16 live registers,
     * made C2 compile it and the kernels around it 1.4-3x slower once both forms had run in one JVM.
     */
    public static void blockOut(float[] src, int s, int srcStride, int rows, int cols, float[] dst, int d, int dstStride, boolean relu) {
        if (FAST && rows == V && cols == V) {
            full(src, s, srcStride, dst, d, dstStride);
            if (relu) for (int c = 0; c < V; c++) ShiftedSum.reluInPlace(dst, d + c * dstStride, V);
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = src[s + r * srcStride + c];
                dst[d + c * dstStride + r] = relu && v < 0f ? 0f : v;
            }
        }
    }

    /**
     * dst[at[ai + c] + r] = src[s + r·srcStride + c] for r, c &lt; V: a full block whose V columns go each to its own
     * place (a layout's scatter fused into the transpose; the depthwise lanes' stride phases).
     */
    public static void blockTo(float[] src, int s, int srcStride, float[] dst, int[] at, int ai) {
        blockTo(src, s, srcStride, dst, 0, at, ai);
    }

    /** {@link #blockTo(float[], int, int, float[], int[], int)} with every place offset by base: dst[base + at[ai + c] + r]. */
    public static void blockTo(float[] src, int s, int srcStride, float[] dst, int base, int[] at, int ai) {
        if (FAST) {
            fullTo(src, s, srcStride, dst, base, at, ai);
            return;
        }
        for (int r = 0; r < V; r++) {
            for (int c = 0; c < V; c++) dst[base + at[ai + c] + r] = src[s + r * srcStride + c];
        }
    }

    private static void full(float[] src, int s, int ss, float[] dst, int d, int ds) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, src, s), r1 = FloatVector.fromArray(SPECIES, src, s + ss);
        FloatVector r2 = FloatVector.fromArray(SPECIES, src, s + 2 * ss), r3 = FloatVector.fromArray(SPECIES, src, s + 3 * ss);
        FloatVector r4 = FloatVector.fromArray(SPECIES, src, s + 4 * ss), r5 = FloatVector.fromArray(SPECIES, src, s + 5 * ss);
        FloatVector r6 = FloatVector.fromArray(SPECIES, src, s + 6 * ss), r7 = FloatVector.fromArray(SPECIES, src, s + 7 * ss);
        FloatVector r8 = FloatVector.fromArray(SPECIES, src, s + 8 * ss), r9 = FloatVector.fromArray(SPECIES, src, s + 9 * ss);
        FloatVector r10 = FloatVector.fromArray(SPECIES, src, s + 10 * ss), r11 = FloatVector.fromArray(SPECIES, src, s + 11 * ss);
        FloatVector r12 = FloatVector.fromArray(SPECIES, src, s + 12 * ss), r13 = FloatVector.fromArray(SPECIES, src, s + 13 * ss);
        FloatVector r14 = FloatVector.fromArray(SPECIES, src, s + 14 * ss), r15 = FloatVector.fromArray(SPECIES, src, s + 15 * ss);
        FloatVector t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15;
        // b = 8: rows r and r+8.
        t0 = LO8.selectFrom(r0, r8); t8 = HI8.selectFrom(r0, r8);
        t1 = LO8.selectFrom(r1, r9); t9 = HI8.selectFrom(r1, r9);
        t2 = LO8.selectFrom(r2, r10); t10 = HI8.selectFrom(r2, r10);
        t3 = LO8.selectFrom(r3, r11); t11 = HI8.selectFrom(r3, r11);
        t4 = LO8.selectFrom(r4, r12); t12 = HI8.selectFrom(r4, r12);
        t5 = LO8.selectFrom(r5, r13); t13 = HI8.selectFrom(r5, r13);
        t6 = LO8.selectFrom(r6, r14); t14 = HI8.selectFrom(r6, r14);
        t7 = LO8.selectFrom(r7, r15); t15 = HI8.selectFrom(r7, r15);
        // b = 4: rows r and r+4 within each half.
        r0 = LO4.selectFrom(t0, t4); r4 = HI4.selectFrom(t0, t4);
        r1 = LO4.selectFrom(t1, t5); r5 = HI4.selectFrom(t1, t5);
        r2 = LO4.selectFrom(t2, t6); r6 = HI4.selectFrom(t2, t6);
        r3 = LO4.selectFrom(t3, t7); r7 = HI4.selectFrom(t3, t7);
        r8 = LO4.selectFrom(t8, t12); r12 = HI4.selectFrom(t8, t12);
        r9 = LO4.selectFrom(t9, t13); r13 = HI4.selectFrom(t9, t13);
        r10 = LO4.selectFrom(t10, t14); r14 = HI4.selectFrom(t10, t14);
        r11 = LO4.selectFrom(t11, t15); r15 = HI4.selectFrom(t11, t15);
        // b = 2.
        t0 = LO2.selectFrom(r0, r2); t2 = HI2.selectFrom(r0, r2);
        t1 = LO2.selectFrom(r1, r3); t3 = HI2.selectFrom(r1, r3);
        t4 = LO2.selectFrom(r4, r6); t6 = HI2.selectFrom(r4, r6);
        t5 = LO2.selectFrom(r5, r7); t7 = HI2.selectFrom(r5, r7);
        t8 = LO2.selectFrom(r8, r10); t10 = HI2.selectFrom(r8, r10);
        t9 = LO2.selectFrom(r9, r11); t11 = HI2.selectFrom(r9, r11);
        t12 = LO2.selectFrom(r12, r14); t14 = HI2.selectFrom(r12, r14);
        t13 = LO2.selectFrom(r13, r15); t15 = HI2.selectFrom(r13, r15);
        // b = 1.
        r0 = LO1.selectFrom(t0, t1); r1 = HI1.selectFrom(t0, t1);
        r2 = LO1.selectFrom(t2, t3); r3 = HI1.selectFrom(t2, t3);
        r4 = LO1.selectFrom(t4, t5); r5 = HI1.selectFrom(t4, t5);
        r6 = LO1.selectFrom(t6, t7); r7 = HI1.selectFrom(t6, t7);
        r8 = LO1.selectFrom(t8, t9); r9 = HI1.selectFrom(t8, t9);
        r10 = LO1.selectFrom(t10, t11); r11 = HI1.selectFrom(t10, t11);
        r12 = LO1.selectFrom(t12, t13); r13 = HI1.selectFrom(t12, t13);
        r14 = LO1.selectFrom(t14, t15); r15 = HI1.selectFrom(t14, t15);
        r0.intoArray(dst, d);
        r1.intoArray(dst, d + ds);
        r2.intoArray(dst, d + 2 * ds);
        r3.intoArray(dst, d + 3 * ds);
        r4.intoArray(dst, d + 4 * ds);
        r5.intoArray(dst, d + 5 * ds);
        r6.intoArray(dst, d + 6 * ds);
        r7.intoArray(dst, d + 7 * ds);
        r8.intoArray(dst, d + 8 * ds);
        r9.intoArray(dst, d + 9 * ds);
        r10.intoArray(dst, d + 10 * ds);
        r11.intoArray(dst, d + 11 * ds);
        r12.intoArray(dst, d + 12 * ds);
        r13.intoArray(dst, d + 13 * ds);
        r14.intoArray(dst, d + 14 * ds);
        r15.intoArray(dst, d + 15 * ds);
    }

    private static void fullTo(float[] src, int s, int ss, float[] dst, int base, int[] at, int ai) {
        FloatVector r0 = FloatVector.fromArray(SPECIES, src, s), r1 = FloatVector.fromArray(SPECIES, src, s + ss);
        FloatVector r2 = FloatVector.fromArray(SPECIES, src, s + 2 * ss), r3 = FloatVector.fromArray(SPECIES, src, s + 3 * ss);
        FloatVector r4 = FloatVector.fromArray(SPECIES, src, s + 4 * ss), r5 = FloatVector.fromArray(SPECIES, src, s + 5 * ss);
        FloatVector r6 = FloatVector.fromArray(SPECIES, src, s + 6 * ss), r7 = FloatVector.fromArray(SPECIES, src, s + 7 * ss);
        FloatVector r8 = FloatVector.fromArray(SPECIES, src, s + 8 * ss), r9 = FloatVector.fromArray(SPECIES, src, s + 9 * ss);
        FloatVector r10 = FloatVector.fromArray(SPECIES, src, s + 10 * ss), r11 = FloatVector.fromArray(SPECIES, src, s + 11 * ss);
        FloatVector r12 = FloatVector.fromArray(SPECIES, src, s + 12 * ss), r13 = FloatVector.fromArray(SPECIES, src, s + 13 * ss);
        FloatVector r14 = FloatVector.fromArray(SPECIES, src, s + 14 * ss), r15 = FloatVector.fromArray(SPECIES, src, s + 15 * ss);
        FloatVector t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14, t15;
        // b = 8: rows r and r+8.
        t0 = LO8.selectFrom(r0, r8); t8 = HI8.selectFrom(r0, r8);
        t1 = LO8.selectFrom(r1, r9); t9 = HI8.selectFrom(r1, r9);
        t2 = LO8.selectFrom(r2, r10); t10 = HI8.selectFrom(r2, r10);
        t3 = LO8.selectFrom(r3, r11); t11 = HI8.selectFrom(r3, r11);
        t4 = LO8.selectFrom(r4, r12); t12 = HI8.selectFrom(r4, r12);
        t5 = LO8.selectFrom(r5, r13); t13 = HI8.selectFrom(r5, r13);
        t6 = LO8.selectFrom(r6, r14); t14 = HI8.selectFrom(r6, r14);
        t7 = LO8.selectFrom(r7, r15); t15 = HI8.selectFrom(r7, r15);
        // b = 4: rows r and r+4 within each half.
        r0 = LO4.selectFrom(t0, t4); r4 = HI4.selectFrom(t0, t4);
        r1 = LO4.selectFrom(t1, t5); r5 = HI4.selectFrom(t1, t5);
        r2 = LO4.selectFrom(t2, t6); r6 = HI4.selectFrom(t2, t6);
        r3 = LO4.selectFrom(t3, t7); r7 = HI4.selectFrom(t3, t7);
        r8 = LO4.selectFrom(t8, t12); r12 = HI4.selectFrom(t8, t12);
        r9 = LO4.selectFrom(t9, t13); r13 = HI4.selectFrom(t9, t13);
        r10 = LO4.selectFrom(t10, t14); r14 = HI4.selectFrom(t10, t14);
        r11 = LO4.selectFrom(t11, t15); r15 = HI4.selectFrom(t11, t15);
        // b = 2.
        t0 = LO2.selectFrom(r0, r2); t2 = HI2.selectFrom(r0, r2);
        t1 = LO2.selectFrom(r1, r3); t3 = HI2.selectFrom(r1, r3);
        t4 = LO2.selectFrom(r4, r6); t6 = HI2.selectFrom(r4, r6);
        t5 = LO2.selectFrom(r5, r7); t7 = HI2.selectFrom(r5, r7);
        t8 = LO2.selectFrom(r8, r10); t10 = HI2.selectFrom(r8, r10);
        t9 = LO2.selectFrom(r9, r11); t11 = HI2.selectFrom(r9, r11);
        t12 = LO2.selectFrom(r12, r14); t14 = HI2.selectFrom(r12, r14);
        t13 = LO2.selectFrom(r13, r15); t15 = HI2.selectFrom(r13, r15);
        // b = 1.
        r0 = LO1.selectFrom(t0, t1); r1 = HI1.selectFrom(t0, t1);
        r2 = LO1.selectFrom(t2, t3); r3 = HI1.selectFrom(t2, t3);
        r4 = LO1.selectFrom(t4, t5); r5 = HI1.selectFrom(t4, t5);
        r6 = LO1.selectFrom(t6, t7); r7 = HI1.selectFrom(t6, t7);
        r8 = LO1.selectFrom(t8, t9); r9 = HI1.selectFrom(t8, t9);
        r10 = LO1.selectFrom(t10, t11); r11 = HI1.selectFrom(t10, t11);
        r12 = LO1.selectFrom(t12, t13); r13 = HI1.selectFrom(t12, t13);
        r14 = LO1.selectFrom(t14, t15); r15 = HI1.selectFrom(t14, t15);
        r0.intoArray(dst, base + at[ai]);
        r1.intoArray(dst, base + at[ai + 1]);
        r2.intoArray(dst, base + at[ai + 2]);
        r3.intoArray(dst, base + at[ai + 3]);
        r4.intoArray(dst, base + at[ai + 4]);
        r5.intoArray(dst, base + at[ai + 5]);
        r6.intoArray(dst, base + at[ai + 6]);
        r7.intoArray(dst, base + at[ai + 7]);
        r8.intoArray(dst, base + at[ai + 8]);
        r9.intoArray(dst, base + at[ai + 9]);
        r10.intoArray(dst, base + at[ai + 10]);
        r11.intoArray(dst, base + at[ai + 11]);
        r12.intoArray(dst, base + at[ai + 12]);
        r13.intoArray(dst, base + at[ai + 13]);
        r14.intoArray(dst, base + at[ai + 14]);
        r15.intoArray(dst, base + at[ai + 15]);
    }
}
