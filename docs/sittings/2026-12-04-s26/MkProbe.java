package org.prune4j.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import java.util.Random;

/** Session 26: register tile shapes on packed panels (one thread), vector FMA/ns. args: kc panelsB reps */
public class MkProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int L = 16;
    public static void main(String[] a) {
        int kc = Integer.parseInt(a[0]), nb = Integer.parseInt(a[1]), rounds = Integer.parseInt(a[2]);
        Random r = new Random(1);
        float[] ap = new float[kc * 16 * 4], bp = new float[kc * 64 * nb], t = new float[16 * 64];
        for (int i = 0; i < ap.length; i++) ap[i] = r.nextFloat();
        for (int i = 0; i < bp.length; i++) bp[i] = r.nextFloat();
        String[] vs = System.getProperty("v", "8x2,6x4,12x2,4x4,8x3").split(",");
        double[][] res = new double[vs.length][rounds];
        for (int round = -3; round < rounds; round++)
            for (int v = 0; v < vs.length; v++) {
                String s = vs[v];
                int mr = Integer.parseInt(s.split("x")[0]), nv = Integer.parseInt(s.split("x")[1]);
                int reps = 20000000 / kc / nb / 8;
                long t0 = System.nanoTime();
                for (int rep = 0; rep < reps; rep++)
                    for (int j = 0; j < nb; j++) {
                        int bi = j * kc * 64;
                        for (int ai = 0; ai < 4; ai++) {
                            switch (s) {
                                case "8x2" -> MicroKernel.tile(kc, ap, ai * kc * 8, bp, bi, t);
                                case "6x4" -> t6x4(kc, ap, ai * kc * 6, bp, bi, t);
                                case "12x2" -> t12x2(kc, ap, ai * kc * 12, bp, bi, t);
                                case "4x4" -> t4x4(kc, ap, ai * kc * 4, bp, bi, t);
                                case "8x3" -> t8x3(kc, ap, ai * kc * 8, bp, bi, t);
                            }
                        }
                    }
                double ns = System.nanoTime() - t0;
                if (round >= 0) res[v][round] = (double) reps * nb * 4 * kc * mr * nv / ns;
            }
        for (int v = 0; v < vs.length; v++) {
            double[] x = res[v].clone(); java.util.Arrays.sort(x);
            System.out.printf("%-5s %.2f FMA/ns (q1 %.2f q3 %.2f)%n", vs[v], x[rounds / 2], x[rounds / 4], x[3 * rounds / 4]);
        }
    }
    static void t6x4(int kc, float[] ap, int ai, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z, c22 = z, c23 = z;
        FloatVector c30 = z, c31 = z, c32 = z, c33 = z, c40 = z, c41 = z, c42 = z, c43 = z, c50 = z, c51 = z, c52 = z, c53 = z;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * 6, b = bi + p * 64;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + 16);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 32), b3 = FloatVector.fromArray(S, bp, b + 48);
            FloatVector av = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(av, c00); c01 = b1.fma(av, c01); c02 = b2.fma(av, c02); c03 = b3.fma(av, c03);
            av = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(av, c10); c11 = b1.fma(av, c11); c12 = b2.fma(av, c12); c13 = b3.fma(av, c13);
            av = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(av, c20); c21 = b1.fma(av, c21); c22 = b2.fma(av, c22); c23 = b3.fma(av, c23);
            av = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(av, c30); c31 = b1.fma(av, c31); c32 = b2.fma(av, c32); c33 = b3.fma(av, c33);
            av = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(av, c40); c41 = b1.fma(av, c41); c42 = b2.fma(av, c42); c43 = b3.fma(av, c43);
            av = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(av, c50); c51 = b1.fma(av, c51); c52 = b2.fma(av, c52); c53 = b3.fma(av, c53);
        }
        c00.add(c01).add(c02).add(c03).add(c10).add(c11).add(c12).add(c13).add(c20).add(c21).add(c22).add(c23)
           .add(c30).add(c31).add(c32).add(c33).add(c40).add(c41).add(c42).add(c43).add(c50).add(c51).add(c52).add(c53).intoArray(t, 0);
    }
    static void t4x4(int kc, float[] ap, int ai, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z, c22 = z, c23 = z;
        FloatVector c30 = z, c31 = z, c32 = z, c33 = z;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * 4, b = bi + p * 64;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + 16);
            FloatVector b2 = FloatVector.fromArray(S, bp, b + 32), b3 = FloatVector.fromArray(S, bp, b + 48);
            FloatVector av = FloatVector.broadcast(S, ap[a]);
            c00 = b0.fma(av, c00); c01 = b1.fma(av, c01); c02 = b2.fma(av, c02); c03 = b3.fma(av, c03);
            av = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(av, c10); c11 = b1.fma(av, c11); c12 = b2.fma(av, c12); c13 = b3.fma(av, c13);
            av = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(av, c20); c21 = b1.fma(av, c21); c22 = b2.fma(av, c22); c23 = b3.fma(av, c23);
            av = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(av, c30); c31 = b1.fma(av, c31); c32 = b2.fma(av, c32); c33 = b3.fma(av, c33);
        }
        c00.add(c01).add(c02).add(c03).add(c10).add(c11).add(c12).add(c13).add(c20).add(c21).add(c22).add(c23)
           .add(c30).add(c31).add(c32).add(c33).intoArray(t, 0);
    }
    static void t12x2(int kc, float[] ap, int ai, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        FloatVector c60 = z, c61 = z, c70 = z, c71 = z, c80 = z, c81 = z, c90 = z, c91 = z, ca0 = z, ca1 = z, cb0 = z, cb1 = z;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * 12, b = bi + p * 64;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + 16);
            FloatVector av = FloatVector.broadcast(S, ap[a]); c00 = b0.fma(av, c00); c01 = b1.fma(av, c01);
            av = FloatVector.broadcast(S, ap[a + 1]); c10 = b0.fma(av, c10); c11 = b1.fma(av, c11);
            av = FloatVector.broadcast(S, ap[a + 2]); c20 = b0.fma(av, c20); c21 = b1.fma(av, c21);
            av = FloatVector.broadcast(S, ap[a + 3]); c30 = b0.fma(av, c30); c31 = b1.fma(av, c31);
            av = FloatVector.broadcast(S, ap[a + 4]); c40 = b0.fma(av, c40); c41 = b1.fma(av, c41);
            av = FloatVector.broadcast(S, ap[a + 5]); c50 = b0.fma(av, c50); c51 = b1.fma(av, c51);
            av = FloatVector.broadcast(S, ap[a + 6]); c60 = b0.fma(av, c60); c61 = b1.fma(av, c61);
            av = FloatVector.broadcast(S, ap[a + 7]); c70 = b0.fma(av, c70); c71 = b1.fma(av, c71);
            av = FloatVector.broadcast(S, ap[a + 8]); c80 = b0.fma(av, c80); c81 = b1.fma(av, c81);
            av = FloatVector.broadcast(S, ap[a + 9]); c90 = b0.fma(av, c90); c91 = b1.fma(av, c91);
            av = FloatVector.broadcast(S, ap[a + 10]); ca0 = b0.fma(av, ca0); ca1 = b1.fma(av, ca1);
            av = FloatVector.broadcast(S, ap[a + 11]); cb0 = b0.fma(av, cb0); cb1 = b1.fma(av, cb1);
        }
        c00.add(c01).add(c10).add(c11).add(c20).add(c21).add(c30).add(c31).add(c40).add(c41).add(c50).add(c51)
           .add(c60).add(c61).add(c70).add(c71).add(c80).add(c81).add(c90).add(c91).add(ca0).add(ca1).add(cb0).add(cb1).intoArray(t, 0);
    }
    static void t8x3(int kc, float[] ap, int ai, float[] bp, int bi, float[] t) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z;
        FloatVector c40 = z, c41 = z, c42 = z, c50 = z, c51 = z, c52 = z, c60 = z, c61 = z, c62 = z, c70 = z, c71 = z, c72 = z;
        for (int p = 0; p < kc; p++) {
            int a = ai + p * 8, b = bi + p * 64;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + 16), b2 = FloatVector.fromArray(S, bp, b + 32);
            FloatVector av = FloatVector.broadcast(S, ap[a]); c00 = b0.fma(av, c00); c01 = b1.fma(av, c01); c02 = b2.fma(av, c02);
            av = FloatVector.broadcast(S, ap[a + 1]); c10 = b0.fma(av, c10); c11 = b1.fma(av, c11); c12 = b2.fma(av, c12);
            av = FloatVector.broadcast(S, ap[a + 2]); c20 = b0.fma(av, c20); c21 = b1.fma(av, c21); c22 = b2.fma(av, c22);
            av = FloatVector.broadcast(S, ap[a + 3]); c30 = b0.fma(av, c30); c31 = b1.fma(av, c31); c32 = b2.fma(av, c32);
            av = FloatVector.broadcast(S, ap[a + 4]); c40 = b0.fma(av, c40); c41 = b1.fma(av, c41); c42 = b2.fma(av, c42);
            av = FloatVector.broadcast(S, ap[a + 5]); c50 = b0.fma(av, c50); c51 = b1.fma(av, c51); c52 = b2.fma(av, c52);
            av = FloatVector.broadcast(S, ap[a + 6]); c60 = b0.fma(av, c60); c61 = b1.fma(av, c61); c62 = b2.fma(av, c62);
            av = FloatVector.broadcast(S, ap[a + 7]); c70 = b0.fma(av, c70); c71 = b1.fma(av, c71); c72 = b2.fma(av, c72);
        }
        c00.add(c01).add(c02).add(c10).add(c11).add(c12).add(c20).add(c21).add(c22).add(c30).add(c31).add(c32)
           .add(c40).add(c41).add(c42).add(c50).add(c51).add(c52).add(c60).add(c61).add(c62).add(c70).add(c71).add(c72).intoArray(t, 0);
    }
}
