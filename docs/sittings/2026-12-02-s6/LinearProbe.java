import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.kernels.Kernels;
import java.util.SplittableRandom;
public class LinearProbe {
  public static void main(String[] a) throws Exception {
    int out=Integer.parseInt(a[0]), in=Integer.parseInt(a[1]), batch=Integer.parseInt(a[2]); double sp=Double.parseDouble(a[3]); int iters=Integer.parseInt(a[4]);
    SplittableRandom r=new SplittableRandom(1);
    float[] w=new float[out*in]; for(int i=0;i<w.length;i++) w[i]= r.nextDouble()<sp?0f:(float)r.nextDouble(-1,1);
    float[] x=new float[batch*in]; for(int i=0;i<x.length;i++) x[i]=(float)r.nextDouble(-1,1);
    float[] y=new float[batch*out];
    CsrMatrix c = CsrMatrix.fromDense(w,0,out,in);
    Kernels k = new org.prune4j.simd.SimdKernels();
    for(int rep=0;rep<5;rep++){ long t0=System.nanoTime(); for(int i=0;i<iters;i++) k.sparseLinear(c,batch,x,0,y,0,null,false,false); long t1=System.nanoTime();
      double ms=(t1-t0)/1e6/iters; System.out.printf("sparse %.4f ms  %.1f GF/s eff%n", ms, 2.0*c.nnz()*batch/ms/1e6);
      t0=System.nanoTime(); for(int i=0;i<iters;i++) if(a.length>5 || System.getProperty("dense")!=null) k.gemm(false,true,batch,out,in,1f,x,0,in,w,0,in,0f,y,0,out); t1=System.nanoTime();
      ms=(t1-t0)/1e6/iters; System.out.printf("dense  %.4f ms  %.1f GF/s%n", ms, 2.0*out*in*batch/ms/1e6);}
  }
}
