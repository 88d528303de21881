import jdk.incubator.vector.*;
/**
 * Session 21: what one core's vector loads allow. regs: 16 independent FMA chains on registers (the FMA rate);
 * loads: one broadcast weight and 16 loads of a 16 KB, L1-resident array per entry, one load per FMA (the sparse
 * kernels' inner loops); 2 FMA per load: eight loads each used by two FMAs; packed val+off: the weight and the
 * offset in one long (one scalar load fewer per entry). -Dspecies=256 runs it on 256-bit vectors.
 *   javac --add-modules jdk.incubator.vector LoadRate.java && java --add-modules jdk.incubator.vector LoadRate
 */
public class LoadRate {
    static final VectorSpecies<Float> S = "256".equals(System.getProperty("species")) ? FloatVector.SPECIES_256 : FloatVector.SPECIES_512;
    static final int L = S.length();
    public static void main(String[] a) {
        float[] src = new float[4096 + 32];
        for (int i = 0; i < src.length; i++) src[i] = i * 1e-6f;
        int n = 2_000_000;
        int[] offs = new int[64];
        for (int i = 0; i < 64; i++) offs[i] = (i * 37 % 64) * L;
        float[] vals = new float[64];
        for (int i = 0; i < 64; i++) vals[i] = 0.5f;
        for (int r = 0; r < 6; r++) {
            long t = System.nanoTime();
            float s = regs(n);
            double ns = System.nanoTime() - t;
            t = System.nanoTime();
            float s2 = loads(src, offs, vals, n / 64);
            double ns2 = System.nanoTime() - t;
            t = System.nanoTime();
            float s3 = loads2(src, offs, vals, n / 64);
            double ns3 = System.nanoTime() - t;
            System.out.printf("2 FMA per load %.2f FMA/ns %f%n", 16.0 * (n / 64) * 64 / ns3, s3);
            long[] pk = new long[64];
            for (int e = 0; e < 64; e++) pk[e] = ((long) offs[e] << 32) | (Float.floatToRawIntBits(vals[e]) & 0xffffffffL);
            t = System.nanoTime();
            float s4 = packed(src, pk, n / 64);
            double ns4 = System.nanoTime() - t;
            System.out.printf("packed val+off %.2f FMA/ns %f%n", 16.0 * (n / 64) * 64 / ns4, s4);
            System.out.printf("regs %.2f FMA/ns   loads %.2f FMA/ns  %f %f%n", 16.0 * n / ns, 16.0 * (n / 64) * 64 / ns2, s, s2);
        }
    }
    static float regs(int n) {
        FloatVector w = FloatVector.broadcast(S, 0.999f), b = FloatVector.broadcast(S, 0.001f);
        FloatVector a0,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15;
        a0=a1=a2=a3=a4=a5=a6=a7=a8=a9=a10=a11=a12=a13=a14=a15=FloatVector.broadcast(S, 1f);
        for (int i = 0; i < n; i++) {
            a0=a0.fma(w,b);a1=a1.fma(w,b);a2=a2.fma(w,b);a3=a3.fma(w,b);a4=a4.fma(w,b);a5=a5.fma(w,b);a6=a6.fma(w,b);a7=a7.fma(w,b);
            a8=a8.fma(w,b);a9=a9.fma(w,b);a10=a10.fma(w,b);a11=a11.fma(w,b);a12=a12.fma(w,b);a13=a13.fma(w,b);a14=a14.fma(w,b);a15=a15.fma(w,b);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }
    static float loads2(float[] src, int[] offs, float[] vals, int n) {
        FloatVector a0,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15;
        a0=a1=a2=a3=a4=a5=a6=a7=a8=a9=a10=a11=a12=a13=a14=a15=FloatVector.broadcast(S, 0f);
        for (int it = 0; it < n; it++) {
            for (int e = 0; e < 64; e++) {
                FloatVector w = FloatVector.broadcast(S, vals[e]);
                FloatVector u = FloatVector.broadcast(S, vals[e ^ 1]);
                int o = offs[e];
                FloatVector x0=FloatVector.fromArray(S,src,o), x1=FloatVector.fromArray(S,src,o+16*L/16), x2=FloatVector.fromArray(S,src,o+32*L/16), x3=FloatVector.fromArray(S,src,o+48*L/16);
                FloatVector x4=FloatVector.fromArray(S,src,o+64*L/16), x5=FloatVector.fromArray(S,src,o+80*L/16), x6=FloatVector.fromArray(S,src,o+96*L/16), x7=FloatVector.fromArray(S,src,o+112*L/16);
                a0=x0.fma(w,a0);a1=x1.fma(w,a1);a2=x2.fma(w,a2);a3=x3.fma(w,a3);a4=x4.fma(w,a4);a5=x5.fma(w,a5);a6=x6.fma(w,a6);a7=x7.fma(w,a7);
                a8=x0.fma(u,a8);a9=x1.fma(u,a9);a10=x2.fma(u,a10);a11=x3.fma(u,a11);a12=x4.fma(u,a12);a13=x5.fma(u,a13);a14=x6.fma(u,a14);a15=x7.fma(u,a15);
            }
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }
    static float packed(float[] src, long[] pk, int n) {
        FloatVector a0,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15;
        a0=a1=a2=a3=a4=a5=a6=a7=a8=a9=a10=a11=a12=a13=a14=a15=FloatVector.broadcast(S, 0f);
        for (int it = 0; it < n; it++) {
            for (int e = 0; e < 64; e++) {
                long p = pk[e];
                FloatVector w = FloatVector.broadcast(S, Float.intBitsToFloat((int) p));
                int o = (int) (p >>> 32);
                a0=FloatVector.fromArray(S,src,o).fma(w,a0);
                a1=FloatVector.fromArray(S,src,o+16*L/16).fma(w,a1);
                a2=FloatVector.fromArray(S,src,o+32*L/16).fma(w,a2);
                a3=FloatVector.fromArray(S,src,o+48*L/16).fma(w,a3);
                a4=FloatVector.fromArray(S,src,o+64*L/16).fma(w,a4);
                a5=FloatVector.fromArray(S,src,o+80*L/16).fma(w,a5);
                a6=FloatVector.fromArray(S,src,o+96*L/16).fma(w,a6);
                a7=FloatVector.fromArray(S,src,o+112*L/16).fma(w,a7);
                a8=FloatVector.fromArray(S,src,o+128*L/16).fma(w,a8);
                a9=FloatVector.fromArray(S,src,o+144*L/16).fma(w,a9);
                a10=FloatVector.fromArray(S,src,o+160*L/16).fma(w,a10);
                a11=FloatVector.fromArray(S,src,o+176*L/16).fma(w,a11);
                a12=FloatVector.fromArray(S,src,o+192*L/16).fma(w,a12);
                a13=FloatVector.fromArray(S,src,o+208*L/16).fma(w,a13);
                a14=FloatVector.fromArray(S,src,o+224*L/16).fma(w,a14);
                a15=FloatVector.fromArray(S,src,o+240*L/16).fma(w,a15);
            }
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }
    static float loads(float[] src, int[] offs, float[] vals, int n) {
        FloatVector a0,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13,a14,a15;
        a0=a1=a2=a3=a4=a5=a6=a7=a8=a9=a10=a11=a12=a13=a14=a15=FloatVector.broadcast(S, 0f);
        for (int it = 0; it < n; it++) {
            for (int e = 0; e < 64; e++) {
                FloatVector w = FloatVector.broadcast(S, vals[e]);
                int o = offs[e];
                a0=FloatVector.fromArray(S,src,o).fma(w,a0);
                a1=FloatVector.fromArray(S,src,o+16*L/16).fma(w,a1);
                a2=FloatVector.fromArray(S,src,o+32*L/16).fma(w,a2);
                a3=FloatVector.fromArray(S,src,o+48*L/16).fma(w,a3);
                a4=FloatVector.fromArray(S,src,o+64*L/16).fma(w,a4);
                a5=FloatVector.fromArray(S,src,o+80*L/16).fma(w,a5);
                a6=FloatVector.fromArray(S,src,o+96*L/16).fma(w,a6);
                a7=FloatVector.fromArray(S,src,o+112*L/16).fma(w,a7);
                a8=FloatVector.fromArray(S,src,o+128*L/16).fma(w,a8);
                a9=FloatVector.fromArray(S,src,o+144*L/16).fma(w,a9);
                a10=FloatVector.fromArray(S,src,o+160*L/16).fma(w,a10);
                a11=FloatVector.fromArray(S,src,o+176*L/16).fma(w,a11);
                a12=FloatVector.fromArray(S,src,o+192*L/16).fma(w,a12);
                a13=FloatVector.fromArray(S,src,o+208*L/16).fma(w,a13);
                a14=FloatVector.fromArray(S,src,o+224*L/16).fma(w,a14);
                a15=FloatVector.fromArray(S,src,o+240*L/16).fma(w,a15);
            }
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }
}
