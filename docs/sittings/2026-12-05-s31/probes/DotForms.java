import jdk.incubator.vector.*;
import java.lang.foreign.*;
import java.nio.ByteOrder;
/** Session 31: loop forms for the sparse weight gradient's 4-entry dots over rows of 2 vectors (stride 48), one thread. */
public class DotForms {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int V = 16;
    public static void main(String[] args) {
        int wq = 48, rows = 32, chUsed = Integer.getInteger("ch", 1);
        int chan = wq * 34;
        float[] b = new float[16 * chan + 256], a = new float[chan + 256]; int aO = Integer.getInteger("aoff", 16);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble();
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble();
        int[] o = new int[16];
        for (int e = 0; e < 16; e++) o[e] = r.nextInt(chUsed) * chan + r.nextInt(3) * wq + Integer.getInteger("off", 0);
        MemorySegment sb = MemorySegment.ofArray(b), sa = MemorySegment.ofArray(a);
        float[] lanes = new float[128];
        String form = System.getProperty("form", "rows");
        for (int round = 0; round < 8; round++) {
            long t = System.nanoTime();
            int calls = 50000;
            for (int c = 0; c < calls; c++)
                for (int e = 0; e < 16; e += 4) {
                    switch (form) {
                        case "rows" -> rows(a, aO, b, o[e] - aO, o[e + 1] - aO, o[e + 2] - aO, o[e + 3] - aO, rows, wq, lanes);
                        case "span" -> span(a, aO, b, o[e] - aO, o[e + 1] - aO, o[e + 2] - aO, o[e + 3] - aO, rows * wq, lanes);
                        case "seg" -> seg(sa, aO, sb, o[e] - aO, o[e + 1] - aO, o[e + 2] - aO, o[e + 3] - aO, rows, wq, lanes);
                        default -> rowsIdx(a, aO, b, o[e] - aO, o[e + 1] - aO, o[e + 2] - aO, o[e + 3] - aO, rows, wq, lanes);
                    }
                }
            double ns = System.nanoTime() - t;
            double useful = (double) calls * 16 * rows * 2;
            if (round >= 4) System.out.printf("%s ch=%d: %.2f useful vFMA/ns  %f%n", form, chUsed, useful / ns, lanes[0]);
        }
    }
    static void rows(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int rows, int stride, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        int j = aOff, end = j + rows * stride;
        for (; j < end; j += 2 * stride) {
            FloatVector x = FloatVector.fromArray(S, a, j), y = FloatVector.fromArray(S, a, j + V);
            s0 = FloatVector.fromArray(S, b, o0 + j).fma(x, s0); s1 = FloatVector.fromArray(S, b, o1 + j).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, o2 + j).fma(x, s2); s3 = FloatVector.fromArray(S, b, o3 + j).fma(x, s3);
            u0 = FloatVector.fromArray(S, b, o0 + j + V).fma(y, u0); u1 = FloatVector.fromArray(S, b, o1 + j + V).fma(y, u1);
            u2 = FloatVector.fromArray(S, b, o2 + j + V).fma(y, u2); u3 = FloatVector.fromArray(S, b, o3 + j + V).fma(y, u3);
            int k = j + stride;
            x = FloatVector.fromArray(S, a, k); y = FloatVector.fromArray(S, a, k + V);
            s0 = FloatVector.fromArray(S, b, o0 + k).fma(x, s0); s1 = FloatVector.fromArray(S, b, o1 + k).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, o2 + k).fma(x, s2); s3 = FloatVector.fromArray(S, b, o3 + k).fma(x, s3);
            u0 = FloatVector.fromArray(S, b, o0 + k + V).fma(y, u0); u1 = FloatVector.fromArray(S, b, o1 + k + V).fma(y, u1);
            u2 = FloatVector.fromArray(S, b, o2 + k + V).fma(y, u2); u3 = FloatVector.fromArray(S, b, o3 + k + V).fma(y, u3);
        }
        store(lanes, s0, s1, s2, s3, u0, u1, u2, u3);
    }
    /** rows as a counted loop over the row index r (constant step), indices r·stride + invariant. */
    static void rowsIdx(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int rows, int stride, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        int b0 = o0 + aOff, b1 = o1 + aOff, b2 = o2 + aOff, b3 = o3 + aOff;
        for (int r = 0; r < rows; r++) {
            int j = r * stride;
            FloatVector x = FloatVector.fromArray(S, a, aOff + j), y = FloatVector.fromArray(S, a, aOff + j + V);
            s0 = FloatVector.fromArray(S, b, b0 + j).fma(x, s0); s1 = FloatVector.fromArray(S, b, b1 + j).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, b2 + j).fma(x, s2); s3 = FloatVector.fromArray(S, b, b3 + j).fma(x, s3);
            u0 = FloatVector.fromArray(S, b, b0 + j + V).fma(y, u0); u1 = FloatVector.fromArray(S, b, b1 + j + V).fma(y, u1);
            u2 = FloatVector.fromArray(S, b, b2 + j + V).fma(y, u2); u3 = FloatVector.fromArray(S, b, b3 + j + V).fma(y, u3);
        }
        store(lanes, s0, s1, s2, s3, u0, u1, u2, u3);
    }
    static void span(float[] a, int aOff, float[] b, int o0, int o1, int o2, int o3, int len, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        int b0 = o0 + aOff, b1 = o1 + aOff, b2 = o2 + aOff, b3 = o3 + aOff;
        for (int i = 0; i + 2 * V <= len; i += 2 * V) {
            FloatVector x = FloatVector.fromArray(S, a, aOff + i), y = FloatVector.fromArray(S, a, aOff + i + V);
            s0 = FloatVector.fromArray(S, b, b0 + i).fma(x, s0); s1 = FloatVector.fromArray(S, b, b1 + i).fma(x, s1);
            s2 = FloatVector.fromArray(S, b, b2 + i).fma(x, s2); s3 = FloatVector.fromArray(S, b, b3 + i).fma(x, s3);
            u0 = FloatVector.fromArray(S, b, b0 + i + V).fma(y, u0); u1 = FloatVector.fromArray(S, b, b1 + i + V).fma(y, u1);
            u2 = FloatVector.fromArray(S, b, b2 + i + V).fma(y, u2); u3 = FloatVector.fromArray(S, b, b3 + i + V).fma(y, u3);
        }
        store(lanes, s0, s1, s2, s3, u0, u1, u2, u3);
    }
    static final ByteOrder NO = ByteOrder.nativeOrder();
    static void seg(MemorySegment a, int aOff, MemorySegment b, int o0, int o1, int o2, int o3, int rows, int stride, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        long b0 = 4L * (o0 + aOff), b1 = 4L * (o1 + aOff), b2 = 4L * (o2 + aOff), b3 = 4L * (o3 + aOff), a0 = 4L * aOff;
        for (long r = 0; r < rows; r++) {
            long j = r * 4L * stride;
            FloatVector x = FloatVector.fromMemorySegment(S, a, a0 + j, NO), y = FloatVector.fromMemorySegment(S, a, a0 + j + 64, NO);
            s0 = FloatVector.fromMemorySegment(S, b, b0 + j, NO).fma(x, s0); s1 = FloatVector.fromMemorySegment(S, b, b1 + j, NO).fma(x, s1);
            s2 = FloatVector.fromMemorySegment(S, b, b2 + j, NO).fma(x, s2); s3 = FloatVector.fromMemorySegment(S, b, b3 + j, NO).fma(x, s3);
            u0 = FloatVector.fromMemorySegment(S, b, b0 + j + 64, NO).fma(y, u0); u1 = FloatVector.fromMemorySegment(S, b, b1 + j + 64, NO).fma(y, u1);
            u2 = FloatVector.fromMemorySegment(S, b, b2 + j + 64, NO).fma(y, u2); u3 = FloatVector.fromMemorySegment(S, b, b3 + j + 64, NO).fma(y, u3);
        }
        store(lanes, s0, s1, s2, s3, u0, u1, u2, u3);
    }
    static void store(float[] lanes, FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3, FloatVector u0, FloatVector u1, FloatVector u2, FloatVector u3) {
        s0.intoArray(lanes, 0); u0.intoArray(lanes, V); s1.intoArray(lanes, 2 * V); u1.intoArray(lanes, 3 * V);
        s2.intoArray(lanes, 4 * V); u2.intoArray(lanes, 5 * V); s3.intoArray(lanes, 6 * V); u3.intoArray(lanes, 7 * V);
    }
}
