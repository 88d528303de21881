import jdk.incubator.vector.*;
public class LoadRate256 {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256; static final int V = 8;
    // 8 independent accumulators, each += load (add only, no FMA): loads per ns from an L1 array of n floats
    static float loads(float[] b, int n, int reps) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int r = 0; r < reps; r++) for (int o = 0; o + 8 * V <= n; o += 8 * V) {
            a0 = a0.add(FloatVector.fromArray(S, b, o)); a1 = a1.add(FloatVector.fromArray(S, b, o + V));
            a2 = a2.add(FloatVector.fromArray(S, b, o + 2 * V)); a3 = a3.add(FloatVector.fromArray(S, b, o + 3 * V));
            a4 = a4.add(FloatVector.fromArray(S, b, o + 4 * V)); a5 = a5.add(FloatVector.fromArray(S, b, o + 5 * V));
            a6 = a6.add(FloatVector.fromArray(S, b, o + 6 * V)); a7 = a7.add(FloatVector.fromArray(S, b, o + 7 * V)); }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
    // FMA with broadcast of a register and a load: the row8 shape with constant weight
    static float fmas(float[] b, int n, int reps, float w0) {
        FloatVector w = FloatVector.broadcast(S, w0);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int r = 0; r < reps; r++) for (int o = 0; o + 8 * V <= n; o += 8 * V) {
            a0 = FloatVector.fromArray(S, b, o).fma(w, a0); a1 = FloatVector.fromArray(S, b, o + V).fma(w, a1);
            a2 = FloatVector.fromArray(S, b, o + 2 * V).fma(w, a2); a3 = FloatVector.fromArray(S, b, o + 3 * V).fma(w, a3);
            a4 = FloatVector.fromArray(S, b, o + 4 * V).fma(w, a4); a5 = FloatVector.fromArray(S, b, o + 5 * V).fma(w, a5);
            a6 = FloatVector.fromArray(S, b, o + 6 * V).fma(w, a6); a7 = FloatVector.fromArray(S, b, o + 7 * V).fma(w, a7); }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
    public static void main(String[] x) {
        int n = Integer.parseInt(x[0]); float[] b = new float[n]; for (int i = 0; i < n; i++) b[i] = i * 1e-6f;
        int reps = (int) (200_000_000L / n);
        float sink = 0;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime(); sink += loads(b, n, reps); long t1 = System.nanoTime(); sink += fmas(b, n, reps, 0.5f); long t2 = System.nanoTime();
            double nl = (double) reps * (n / V);
            System.out.printf("n=%d add-loads %.2f /ns  fma-loads %.2f /ns%n", n, nl / (t1 - t0), nl / (t2 - t1));
        }
        System.out.println(sink);
    }
}
