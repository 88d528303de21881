import jdk.incubator.vector.*;
public class ReadBandwidth {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  static float sum(float[] x) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int i = 0; i + 64 <= x.length; i += 64) { s0 = s0.add(FloatVector.fromArray(S, x, i)); s1 = s1.add(FloatVector.fromArray(S, x, i+16)); s2 = s2.add(FloatVector.fromArray(S, x, i+32)); s3 = s3.add(FloatVector.fromArray(S, x, i+48)); }
        return s0.add(s1).add(s2.add(s3)).lane(3);
  }
  static void copy(float[] x, float[] y) {
        for (int i = 0; i + 16 <= x.length; i += 16) FloatVector.fromArray(S, x, i).intoArray(y, i);
  }
  public static void main(String[] a) {
    for (int mb : new int[]{1, 4, 8, 16, 64}) {
      float[] x = new float[mb * 262144], y = new float[x.length]; for (int i = 0; i < x.length; i++) x[i] = i;
      float best = 1e9f, bc = 1e9f, acc = 0;
      for (int r = 0; r < 60; r++) { long t0 = System.nanoTime(); acc += sum(x); best = Math.min(best, (System.nanoTime() - t0) / 1e6f);
        t0 = System.nanoTime(); copy(x, y); bc = Math.min(bc, (System.nanoTime() - t0) / 1e6f); }
      System.out.printf("%d MB read: %.3f ms = %.1f GB/s; copy %.3f ms = %.1f GB/s read %s%n", mb, best, mb * 1.048576 / best, bc, mb * 1.048576 / bc, acc > 0 ? "" : " ");
    }
  }
}
