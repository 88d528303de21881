package org.prune4j.core.testkit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Float comparison with a tolerance that follows how float32 rounding error grows.
 *
 * <p>The oracle accumulates in double; a fast backend accumulates in float32 in a
 * different order (blocked, vector lanes, FMA). Each float add rounds with relative
 * error ≤ 2⁻²⁴ ≈ 6e-8 of the running partial sum, and with independently signed
 * errors the total grows like √len (not len) for a reduction of length len. The partial
 * sums are bounded by the largest magnitude in the output (or the caller's scale), so
 * an absolute tolerance of {@code 2e-6·√len·scale} is ~30× the expected error: loose
 * enough never to flake across summation orders, yet a missing or doubled term
 * (error ≈ one product ≈ scale/√len) is orders of magnitude larger for every len the
 * suite uses. A relative term {@code 2e-5·|e|} covers transcendental functions computed
 * in float (Vector API SVML exp/tanh are accurate to a few ulp; 2e-5 ≈ 160 ulp).
 */
public final class Approx {
    private Approx() {}

    public static final double RTOL = 2e-5;
    public static final double ATOL_PER_SQRT_LEN = 2e-6;

    /** Absolute tolerance for a reduction of length len over values of magnitude scale. */
    public static double atol(long len, double scale) {
        return ATOL_PER_SQRT_LEN * Math.sqrt(Math.max(1, len)) * Math.max(scale, 1e-3);
    }

    public static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) if (Float.isFinite(v)) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** Asserts every element of actual matches expected with tolerance scaled by the reduction length. */
    public static void assertClose(String what, float[] expected, float[] actual, long len) {
        assertClose(what, expected, actual, atol(len, maxAbs(expected)));
    }

    public static void assertClose(String what, float[] expected, float[] actual, double atol) {
        if (expected.length != actual.length) fail(what + ": length " + actual.length + ", expected " + expected.length);
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            if (!close(e, a, atol)) {
                fail(String.format("%s: element %d of %d is %s, expected %s (|diff| %.3g > tol %.3g)",
                        what, i, expected.length, a, e, Math.abs((double) a - e), atol + RTOL * Math.abs(e)));
            }
        }
    }

    public static boolean close(double e, double a, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) return Double.isNaN(e) && Double.isNaN(a);
        if (Double.isInfinite(e) || Double.isInfinite(a)) return e == a;
        return Math.abs(a - e) <= atol + RTOL * Math.abs(e);
    }

    public static void assertScalarClose(String what, double expected, double actual, double atol) {
        if (!close(expected, actual, atol)) {
            fail(String.format("%s: got %s, expected %s (tol %.3g)", what, actual, expected, atol + RTOL * Math.abs(expected)));
        }
    }

    public static void assertSameInts(String what, int[] expected, int[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) fail(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
        }
    }

    /** Bitwise equality (for layout kernels and determinism checks). */
    public static void assertBitsEqual(String what, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", expected exactly " + expected[i]);
            }
        }
    }
}
