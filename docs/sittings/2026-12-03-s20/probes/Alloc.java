import java.lang.invoke.*;
public class Alloc {
    static final jdk.internal.misc.Unsafe U = jdk.internal.misc.Unsafe.getUnsafe();
    static float[] un(int n) { return (float[]) U.allocateUninitializedArray(float.class, n); }
    static float[] zn(int n) { return new float[n]; }
    static long sink;
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        for (int r = 0; r < 15; r++) {
            long t0 = System.nanoTime(); int nonzero = 0;
            for (int i = 0; i < 200; i++) { float[] x = zn(n); x[i] = 1; sink += x.length; }
            long t1 = System.nanoTime();
            for (int i = 0; i < 200; i++) { float[] x = un(n); if (x[n / 2] != 0f) nonzero++; x[i] = 1; sink += x.length; }
            long t2 = System.nanoTime();
            System.out.printf("zeroed %.1f us  uninit %.1f us  (nonzero seen %d)%n", (t1 - t0) / 200e3, (t2 - t1) / 200e3, nonzero);
        }
    }
}
