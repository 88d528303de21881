import jdk.incubator.vector.*;
import java.lang.foreign.*;
public class LoadAlign {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    public static void main(String[] a) {
        float[] src0 = new float[4096+16]; int off = Integer.getInteger("off", 0); float[] src = src0;
        for (int i = 0; i < src.length; i++) src[i] = i * 1e-6f;
        MemorySegment seg = Arena.global().allocate(4096 * 4, 64);
        for (int r = 0; r < 8; r++) {
            int n = 200000;
            long t = System.nanoTime(); float s1 = seq(src, n); double ns1 = System.nanoTime() - t;
            t = System.nanoTime(); float s2 = seqFma(src, n); double ns2 = System.nanoTime() - t;
            t = System.nanoTime(); float s3 = segFma(seg, n); double ns3 = System.nanoTime() - t;
            t = System.nanoTime(); float s4 = seqFma2(src, n); double ns4 = System.nanoTime() - t;
            double loads = (double) n * 4096 / 16;
            System.out.printf("seq add %.2f loads/ns | seq fma %.2f | segment fma %.2f | fma 2 chains-per-load %.2f  %f%n", loads / ns1, loads / ns2, loads / ns3, loads / ns4, s1 + s2 + s3 + s4);
        }
    }
    static float seq(float[] src, int n) {
        FloatVector a0,a1,a2,a3,a4,a5,a6,a7;
        a0=a1=a2=a3=a4=a5=a6=a7=FloatVector.zero(S);
        for (int it = 0; it < n; it++)
            for (int i = 0; i < 4096; i += 128) {
                a0=a0.add(FloatVector.fromArray(S,src,i)); a1=a1.add(FloatVector.fromArray(S,src,i+16));
                a2=a2.add(FloatVector.fromArray(S,src,i+32)); a3=a3.add(FloatVector.fromArray(S,src,i+48));
                a4=a4.add(FloatVector.fromArray(S,src,i+64)); a5=a5.add(FloatVector.fromArray(S,src,i+80));
                a6=a6.add(FloatVector.fromArray(S,src,i+96)); a7=a7.add(FloatVector.fromArray(S,src,i+112));
            }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
    static int OFF = Integer.getInteger("off", 0);
    static float seqFma(float[] src, int n) {
        FloatVector w = FloatVector.broadcast(S, 0.5f);
        FloatVector a0,a1,a2,a3,a4,a5,a6,a7;
        a0=a1=a2=a3=a4=a5=a6=a7=FloatVector.zero(S);
        for (int it = 0; it < n; it++)
            for (int i = 0; i < 4096; i += 128) {
                int j = i + OFF; a0=FloatVector.fromArray(S,src,j).fma(w,a0); a1=FloatVector.fromArray(S,src,j+16).fma(w,a1);
                a2=FloatVector.fromArray(S,src,j+32).fma(w,a2); a3=FloatVector.fromArray(S,src,j+48).fma(w,a3);
                a4=FloatVector.fromArray(S,src,j+64).fma(w,a4); a5=FloatVector.fromArray(S,src,j+80).fma(w,a5);
                a6=FloatVector.fromArray(S,src,j+96).fma(w,a6); a7=FloatVector.fromArray(S,src,j+112).fma(w,a7);
            }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
    static float seqFma2(float[] src, int n) {
        FloatVector w = FloatVector.broadcast(S, 0.5f), u = FloatVector.broadcast(S, 0.25f);
        FloatVector a0,a1,a2,a3,a4,a5,a6,a7,b0,b1,b2,b3,b4,b5,b6,b7;
        a0=a1=a2=a3=a4=a5=a6=a7=b0=b1=b2=b3=b4=b5=b6=b7=FloatVector.zero(S);
        for (int it = 0; it < n; it++)
            for (int i = 0; i < 4096; i += 128) {
                FloatVector x0=FloatVector.fromArray(S,src,i),x1=FloatVector.fromArray(S,src,i+16),x2=FloatVector.fromArray(S,src,i+32),x3=FloatVector.fromArray(S,src,i+48);
                FloatVector x4=FloatVector.fromArray(S,src,i+64),x5=FloatVector.fromArray(S,src,i+80),x6=FloatVector.fromArray(S,src,i+96),x7=FloatVector.fromArray(S,src,i+112);
                a0=x0.fma(w,a0);a1=x1.fma(w,a1);a2=x2.fma(w,a2);a3=x3.fma(w,a3);a4=x4.fma(w,a4);a5=x5.fma(w,a5);a6=x6.fma(w,a6);a7=x7.fma(w,a7);
                b0=x0.fma(u,b0);b1=x1.fma(u,b1);b2=x2.fma(u,b2);b3=x3.fma(u,b3);b4=x4.fma(u,b4);b5=x5.fma(u,b5);b6=x6.fma(u,b6);b7=x7.fma(u,b7);
            }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(b0).add(b1).add(b2).add(b3).add(b4).add(b5).add(b6).add(b7).reduceLanes(VectorOperators.ADD);
    }
    static float segFma(MemorySegment src, int n) {
        FloatVector w = FloatVector.broadcast(S, 0.5f);
        FloatVector a0,a1,a2,a3,a4,a5,a6,a7;
        a0=a1=a2=a3=a4=a5=a6=a7=FloatVector.zero(S);
        java.nio.ByteOrder o = java.nio.ByteOrder.nativeOrder();
        for (int it = 0; it < n; it++)
            for (long i = 0; i < 4096 * 4; i += 512) {
                a0=FloatVector.fromMemorySegment(S,src,i,o).fma(w,a0); a1=FloatVector.fromMemorySegment(S,src,i+64,o).fma(w,a1);
                a2=FloatVector.fromMemorySegment(S,src,i+128,o).fma(w,a2); a3=FloatVector.fromMemorySegment(S,src,i+192,o).fma(w,a3);
                a4=FloatVector.fromMemorySegment(S,src,i+256,o).fma(w,a4); a5=FloatVector.fromMemorySegment(S,src,i+320,o).fma(w,a5);
                a6=FloatVector.fromMemorySegment(S,src,i+384,o).fma(w,a6); a7=FloatVector.fromMemorySegment(S,src,i+448,o).fma(w,a7);
            }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
    }
}
