package org.prune4j.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.kernels.Unary;

/**
 * Pointwise kernels long enough to be shared out between threads give the same results on one thread and on two: the
 * ranges start on whole vectors, so every element takes the same vector or scalar path (which differ in bits for
 * EXP, TANH, LOG and SIGMOID).
 */
class PointwiseThreadsTest {
    private final int savedThreads = Parallel.threads();
    private static final int N = 2 * SimdKernels.PARALLEL_MIN + 1000 + 7;
    /** Ulps by which the vector EXP, TANH, LOG and SIGMOID outputs may differ between JIT tiers. */
    private static final int TIER_ULPS = 8;

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    private static float[] random(long seed, int n, float lo, float hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(lo, hi);
        return a;
    }

    private static float[] x() {
        return random(1, N + 3, 0.01f, 4f);
    }

    /**
     * Every pointwise kernel's result on the given thread count, concatenated. The gradients are taken at the given
     * outputs (one per unary op, the same for both runs), so they depend on nothing that the JIT tier can change.
     */
    private static float[] run(int threads, float[][] ysFor) {
        Parallel.setThreads(threads);
        SimdKernels k = new SimdKernels();
        float[] x = x(), b = random(2, N + 5, -4f, 4f), dy = random(3, N, -1f, 1f);
        float[] all = new float[0];
        for (Unary op : Unary.values()) {
            float[] y = new float[N + 1];
            k.unary(op, N, x, 3, y, 1);
            float[] xs = java.util.Arrays.copyOfRange(x, 3, 3 + N), dx = new float[N];
            k.unaryBackward(op, N, xs, ysFor[op.ordinal()], dy, dx);
            all = concat(all, y, dx);
        }
        for (Binary op : Binary.values()) {
            float[] y = new float[N];
            k.binary(op, N, x, 2, b, 4, y, 0);
            all = concat(all, y);
        }
        float[] aff = new float[N], axpy = random(4, N, -1f, 1f), copy = new float[N + 2];
        k.affine(N, b, 1, -1.5f, 0.25f, aff, 0);
        k.axpy(N, 0.7f, b, 3, axpy, 0);
        k.copy(N, x, 1, copy, 2);
        return concat(all, aff, axpy, copy);
    }

    private static float[] concat(float[] a, float[]... more) {
        int n = a.length;
        for (float[] m : more) n += m.length;
        float[] r = java.util.Arrays.copyOf(a, n);
        int o = a.length;
        for (float[] m : more) {
            System.arraycopy(m, 0, r, o, m.length);
            o += m.length;
        }
        return r;
    }

    /**
     * Every op on two threads against one. The vector EXP, TANH, LOG and SIGMOID differ between the JIT's tiers (the
     * Vector API's Java fallback before C2, its intrinsics after), and the one- and two-thread runs call the kernels
     * from different compiled code (the kernel itself, or the range lambda), so those four outputs may differ for
     * reasons that have nothing to do with threads: by an ulp for TANH and LOG (CI, session 16), two for SIGMOID and
     * five for TANH near 0.1 (session 17), within the sum of two implementations' error bounds (Math.tanh allows 2.5
     * ulps each). They get {@link #TIER_ULPS}. Their gradients are taken at shared outputs, and every other op takes
     * the same bits on either path, so all of those must match exactly; what keeps the four outputs' bits independent
     * of the thread count (ranges on whole vectors, so no element changes between the vector and the scalar path) is
     * checked directly by {@link #rangesStartOnWholeVectors}.
     */
    @Test
    void sameResultsOnOneAndTwoThreads() {
        float[][] ysFor = new float[Unary.values().length][];
        Parallel.setThreads(1);
        for (Unary op : Unary.values()) {
            ysFor[op.ordinal()] = new float[N];
            new SimdKernels().unary(op, N, x(), 3, ysFor[op.ordinal()], 0);
        }
        float[] one = run(1, ysFor), two = run(2, ysFor);
        int transcendental = 0;
        for (int i = 0; i < one.length; i++) {
            if (Float.floatToIntBits(one[i]) == Float.floatToIntBits(two[i])) continue;
            Unary op = unaryAt(i);
            boolean vectorMath = (op == Unary.EXP || op == Unary.TANH || op == Unary.LOG || op == Unary.SIGMOID) && isOutput(i);
            if (!vectorMath || Math.abs(one[i] - two[i]) > TIER_ULPS * Math.ulp(one[i])) {
                throw new AssertionError("element " + i + " (" + (op == null ? "a binary, affine, axpy or copy result" : op)
                        + "): one thread " + one[i] + ", two threads " + two[i]);
            }
            transcendental++;
        }
        // Guard: a handful of such differences is the tier effect; a whole range of them is not.
        if (transcendental > N / 4) throw new AssertionError(transcendental + " elements differ by up to " + TIER_ULPS + " ulps");
    }

    /** Whether index i of {@link #run}'s result is a unary op's output (not its input gradient). */
    private static boolean isOutput(int i) {
        return i % (2 * N + 1) < N + 1;
    }

    /** The unary op whose output or input gradient sits at index i of {@link #run}'s result, or null past them. */
    private static Unary unaryAt(int i) {
        int per = 2 * N + 1, k = i / per;
        return k < Unary.values().length ? Unary.values()[k] : null;
    }

    @Test
    void rangesStartOnWholeVectors() {
        int l = Elementwise.L;
        for (int threads : new int[]{2, 3}) {
            Parallel.setThreads(threads);
            for (int n : new int[]{2 * SimdKernels.PARALLEL_MIN, N, 3 * SimdKernels.PARALLEL_MIN + 5, 1 << 20}) {
                int[] covered = new int[1];
                java.util.List<int[]> ranges = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                SimdKernels.pointwise(n, (a, b) -> ranges.add(new int[]{a, b}));
                ranges.sort(java.util.Comparator.comparingInt(r -> r[0]));
                for (int[] r : ranges) {
                    if (r[0] % l != 0) throw new AssertionError("n " + n + ": a range starts at " + r[0] + ", not a multiple of " + l);
                    if (r[0] != covered[0]) throw new AssertionError("n " + n + ": ranges leave a gap or overlap at " + covered[0]);
                    covered[0] = r[1];
                }
                if (covered[0] != n || ranges.size() < 2) throw new AssertionError("n " + n + ": ranges " + ranges.size() + " end at " + covered[0]);
            }
        }
    }

    /** Outputs overlapping an input at another offset of the same array, each op alone on a fresh copy. */
    private static float[] shiftedInOneArray(int threads) {
        Parallel.setThreads(threads);
        SimdKernels k = new SimdKernels();
        float[] base = random(5, N + 64, -2f, 2f), all = new float[0];
        for (int op = 0; op < 5; op++) {
            float[] a = base.clone();
            switch (op) {
                case 0 -> k.copy(N, a, 0, a, 37);
                case 1 -> k.axpy(N, 0.5f, a, 40, a, 3);
                case 2 -> k.unary(Unary.RELU, N, a, 0, a, 21);
                case 3 -> k.binary(Binary.ADD, N, a, 0, a, 19, a, 7);
                default -> k.affine(N, a, 50, 2f, 1f, a, 0);
            }
            all = concat(all, a);
        }
        return all;
    }

    @Test
    void overlappingRangesInOneArrayGiveTheOneThreadResult() {
        float[] one = shiftedInOneArray(1);
        assertArrayEquals(one, shiftedInOneArray(2));
        float[] want = random(5, N + 64, -2f, 2f);
        System.arraycopy(want, 0, want, 37, N);
        assertArrayEquals(want, java.util.Arrays.copyOf(one, N + 64), "copy within one array is System.arraycopy's");
    }
}
