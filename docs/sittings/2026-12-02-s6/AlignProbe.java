import jdk.incubator.vector.*;
public class AlignProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  static float run(float[] src, int[] offs, int base, int reps) {
    FloatVector a0=FloatVector.zero(S),a1=a0,a2=a0,a3=a0,a4=a0,a5=a0,a6=a0,a7=a0;
    FloatVector w=FloatVector.broadcast(S,1.0001f);
    for(int r=0;r<reps;r++) for(int e=0;e<offs.length;e++){ int o=offs[e]+base;
      a0=FloatVector.fromArray(S,src,o).fma(w,a0); a1=FloatVector.fromArray(S,src,o+16).fma(w,a1);
      a2=FloatVector.fromArray(S,src,o+32).fma(w,a2); a3=FloatVector.fromArray(S,src,o+48).fma(w,a3);
      a4=FloatVector.fromArray(S,src,o+64).fma(w,a4); a5=FloatVector.fromArray(S,src,o+80).fma(w,a5);
      a6=FloatVector.fromArray(S,src,o+96).fma(w,a6); a7=FloatVector.fromArray(S,src,o+112).fma(w,a7);}
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).reduceLanes(VectorOperators.ADD);
  }
  public static void main(String[] x){
    float[] src=new float[1<<20]; int n=128; // 128 rows of 128 floats = 64KB? use 64 rows -> 32KB
    int rows=Integer.parseInt(x[0]);
    int[] offs=new int[4096]; java.util.Random r=new java.util.Random(1); for(int i=0;i<offs.length;i++) offs[i]=r.nextInt(rows)*128;
    for(int it=0;it<6;it++) for(int base: new int[]{0,12,4}){ long t0=System.nanoTime(); float s=run(src,offs,base,500); long t1=System.nanoTime();
      double fmas=8.0*offs.length*500; System.out.printf("base %2d: %.2f FMA/ns %s%n", base, fmas/(t1-t0), s==1?"":""); }
  }
}
