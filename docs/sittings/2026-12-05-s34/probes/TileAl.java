/* Session 33: ShiftedSum's 16-vector tile loop alone, one thread, over C input planes of 18 rows x 32 floats with
 * 29 random taps per output row: its rate against the sources' footprint (C=16, 36 KB: 3.4 vFMA/ns; C=32, 72 KB:
 * 2.3-2.6). Usage: TileWs C rows perRow [al]. */
import java.util.SplittableRandom;
import jdk.incubator.vector.*;
public class TileAl {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED; static final int V = S.length();
    static final int ST = Integer.getInteger("stride", 32);
    static void tile(float[] vals, int[] offs, int p0, int p1, float[] src, float[] dst, int d) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
        a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = a8 = a9 = a10 = a11 = a12 = a13 = a14 = a15 = FloatVector.zero(S);
        for (int e = p0; e < p1; e++) {
            FloatVector w = FloatVector.broadcast(S, vals[e]); int o = offs[e];
            a0 = FloatVector.fromArray(S, src, o).fma(w, a0); o += ST; a1 = FloatVector.fromArray(S, src, o).fma(w, a1); o += ST;
            a2 = FloatVector.fromArray(S, src, o).fma(w, a2); o += ST; a3 = FloatVector.fromArray(S, src, o).fma(w, a3); o += ST;
            a4 = FloatVector.fromArray(S, src, o).fma(w, a4); o += ST; a5 = FloatVector.fromArray(S, src, o).fma(w, a5); o += ST;
            a6 = FloatVector.fromArray(S, src, o).fma(w, a6); o += ST; a7 = FloatVector.fromArray(S, src, o).fma(w, a7); o += ST;
            a8 = FloatVector.fromArray(S, src, o).fma(w, a8); o += ST; a9 = FloatVector.fromArray(S, src, o).fma(w, a9); o += ST;
            a10 = FloatVector.fromArray(S, src, o).fma(w, a10); o += ST; a11 = FloatVector.fromArray(S, src, o).fma(w, a11); o += ST;
            a12 = FloatVector.fromArray(S, src, o).fma(w, a12); o += ST; a13 = FloatVector.fromArray(S, src, o).fma(w, a13); o += ST;
            a14 = FloatVector.fromArray(S, src, o).fma(w, a14); o += ST; a15 = FloatVector.fromArray(S, src, o).fma(w, a15);
        }
        a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15).intoArray(dst, d);
    }
    public static void main(String[] x) {
        int C = Integer.parseInt(x[0]), rows = Integer.parseInt(x[1]), per = Integer.parseInt(x[2]);
        int plane = 18 * ST; SplittableRandom r = new SplittableRandom(1);
        float[] src = new float[3 * C * plane + 64]; for (int i = 0; i < src.length; i++) src[i] = (float) r.nextDouble();
        int[] ptr = new int[rows + 1]; int[] ci = new int[rows * per], kh = new int[rows * per], kw = new int[rows * per]; float[] vals = new float[rows * per];
        for (int t = 0; t < rows; t++) { ptr[t + 1] = (t + 1) * per; for (int e = t * per; e < (t + 1) * per; e++) {
            ci[e] = r.nextInt(C); kh[e] = r.nextInt(3); kw[e] = r.nextInt(3); vals[e] = (float) r.nextDouble(); } }
        float[] dst = new float[rows * V];
        long fmas = (long) rows * per * 16;
        String[] modes = {"split(kw-1)", "aligned-1x", "aligned-3x"};
        for (int round = 0; round < 5; round++) {
            StringBuilder sb = new StringBuilder(String.format("C=%d: ", C));
            for (int mode = 0; mode < 3; mode++) {
                int base = org.prune4j.simd.Aligned.offset(src) + 16;
                int[] offs = new int[rows * per];
                for (int e = 0; e < offs.length; e++) offs[e] = base + ci[e] * plane + kh[e] * ST + (mode == 0 ? kw[e] - 1 : mode == 2 ? kw[e] * C * plane : 0);
                long best = Long.MAX_VALUE;
                for (int b = 0; b < 20; b++) { long t0 = System.nanoTime(); for (int i = 0; i < 200; i++) for (int t = 0; t < rows; t++) tile(vals, offs, ptr[t], ptr[t + 1], src, dst, t * V); best = Math.min(best, System.nanoTime() - t0); }
                sb.append(String.format("%s %.2f  ", modes[mode], fmas * 200.0 / best));
            }
            System.out.println(sb + "vFMA/ns");
        }
    }
}
