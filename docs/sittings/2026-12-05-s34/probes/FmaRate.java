import jdk.incubator.vector.*;
public class FmaRate {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static float run(long iters, float w0) {
        FloatVector w = FloatVector.broadcast(S, w0), x = FloatVector.broadcast(S, 0.999f);
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(w, x); a1 = a1.fma(w, x); a2 = a2.fma(w, x); a3 = a3.fma(w, x); a4 = a4.fma(w, x); a5 = a5.fma(w, x);
            a6 = a6.fma(w, x); a7 = a7.fma(w, x); a8 = a8.fma(w, x); a9 = a9.fma(w, x); a10 = a10.fma(w, x); a11 = a11.fma(w, x); }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).reduceLanes(VectorOperators.ADD);
    }
    public static void main(String[] x) { float s = 0; for (int r = 0; r < 6; r++) { long t0 = System.nanoTime(); s += run(20_000_000L, 0.5f); long t1 = System.nanoTime(); System.out.printf("%.2f vFMA/ns%n", 12 * 20e6 / (t1 - t0)); } System.out.println(s); }
}
