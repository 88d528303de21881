import jdk.incubator.vector.*;
import java.util.*;
public class DotProbe {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_512; static final int V = 16;
  // layout: cin channels of (H+2) rows x WQ, image plane; grad cout channels of H rows x WQ (valid 32 cols)
  static int CIN=16, COUT=16, H=32, W=32, WQ=48;
  public static void main(String[] a){
    CIN=Integer.parseInt(a[0]); COUT=Integer.parseInt(a[1]); H=Integer.parseInt(a[2]); W=H; WQ = W+16; double dens=Double.parseDouble(a[3]); int mode=Integer.parseInt(a[4]); int align=Integer.parseInt(a[5]);
    int plane=(H+2)*WQ+32; int gplane=H*WQ;
    float[] buf=new float[Math.max(CIN*plane+64,1<<21)], grad=new float[Math.max(COUT*gplane+64,1<<21)];
    int bo=org.prune4j.simd.Aligned.offset(buf), go=org.prune4j.simd.Aligned.offset(grad); System.out.println("offsets "+bo+" "+go);
    Random r=new Random(1); for(int i=0;i<buf.length;i++) buf[i]=r.nextFloat(); for(int i=0;i<grad.length;i++) grad[i]=r.nextFloat();
    int[] rp=new int[COUT+1]; ArrayList<Integer> dl=new ArrayList<>();
    for(int co=0;co<COUT;co++){ for(int e=0;e<CIN*9;e++) if(r.nextDouble()<dens){int ci=e/9,ky=e%9/3,kx=e%3; int d=ci*plane+ky*WQ+kx+15; if(align==1) d=d/16*16+bo; dl.add(d);} rp[co+1]=dl.size(); }
    int[] delta=dl.stream().mapToInt(Integer::intValue).toArray(); int nnz=delta.length;
    double[] acc=new double[nnz]; float[] accv=new float[nnz*V];
    long flops=(long)nnz*H*W*2; if(mode==2) flops=flops*WQ/W;
    for(int rep=0;rep<8;rep++){ int iters=2000; long t0=System.nanoTime();
      for(int it=0;it<iters;it++){
        if(mode==2){ for(int co=0;co<COUT;co++){ int p=rp[co]; for(;p+4<=rp[co+1];p+=4) span4(grad,co*gplane+(align==1?go:0),buf,delta[p],delta[p+1],delta[p+2],delta[p+3],H*WQ,acc,p);} }
        else if(mode==3){ for(int co=0;co<COUT;co++){ int aO=co*gplane+(align==1?go:0); int p=rp[co]; for(;p+4<=rp[co+1];p+=4) rows4x2(grad,aO,buf,delta[p],delta[p+1],delta[p+2],delta[p+3],H,WQ,acc,p);} }
        else if(mode==0){ for(int co=0;co<COUT;co++) dotsRows(grad, co*gplane+(align==1?go:0), buf, delta, rp[co], rp[co+1], H, WQ, W, acc); }
        else { int CH=Integer.parseInt(a[6]); Arrays.fill(accv,0f);
          for(int r0=0;r0<H;r0+=CH) for(int co=0;co<COUT;co++) chunk(grad, co*gplane+(align==1?go:0), buf, delta, rp[co], rp[co+1], r0, Math.min(H,r0+CH), WQ, W, accv);
          for(int p=0;p<nnz;p++) acc[p]+=FloatVector.fromArray(S,accv,p*V).reduceLanes(VectorOperators.ADD);
        }
      }
      if(org.prune4j.simd.Aligned.offset(buf)!=bo || org.prune4j.simd.Aligned.offset(grad)!=go) System.out.println("MOVED");
      double ns=(System.nanoTime()-t0)/(double)iters; System.out.printf("%.1f us/image  %.2f FMA/ns(vec)%n", ns/1e3, flops/2.0/16/ns);
    }
  }
  static void dotsRows(float[] a,int aOff,float[] b,int[] offs,int p0,int p1,int rows,int stride,int cols,double[] acc){
    int p=p0; for(;p+4<=p1;p+=4) rows4(a,aOff,b,offs[p]-0,offs[p+1],offs[p+2],offs[p+3],rows,stride,cols,acc,p);
    for(;p<p1;p++){ FloatVector s=FloatVector.zero(S); for(int r=0;r<rows;r++){int row=aOff+r*stride; for(int j=0;j<cols;j+=V) s=FloatVector.fromArray(S,b,offs[p]+r*stride+j).fma(FloatVector.fromArray(S,a,row+j),s);} acc[p]+=s.reduceLanes(VectorOperators.ADD);} }
  static void rows4(float[] a,int aOff,float[] b,int o0,int o1,int o2,int o3,int rows,int stride,int cols,double[] acc,int p){
    FloatVector s0=FloatVector.zero(S),s1=s0,s2=s0,s3=s0,u0=s0,u1=s0,u2=s0,u3=s0;
    for(int r=0;r<rows;r++){ int row=aOff+r*stride, bo=r*stride, end=row+cols, j=row;
      for(;j+2*V<=end;j+=2*V){ int q=j-aOff; FloatVector x=FloatVector.fromArray(S,a,j),y=FloatVector.fromArray(S,a,j+V);
        s0=FloatVector.fromArray(S,b,o0+q).fma(x,s0); s1=FloatVector.fromArray(S,b,o1+q).fma(x,s1); s2=FloatVector.fromArray(S,b,o2+q).fma(x,s2); s3=FloatVector.fromArray(S,b,o3+q).fma(x,s3);
        u0=FloatVector.fromArray(S,b,o0+q+V).fma(y,u0); u1=FloatVector.fromArray(S,b,o1+q+V).fma(y,u1); u2=FloatVector.fromArray(S,b,o2+q+V).fma(y,u2); u3=FloatVector.fromArray(S,b,o3+q+V).fma(y,u3);} }
    acc[p]+=s0.add(u0).reduceLanes(VectorOperators.ADD); acc[p+1]+=s1.add(u1).reduceLanes(VectorOperators.ADD); acc[p+2]+=s2.add(u2).reduceLanes(VectorOperators.ADD); acc[p+3]+=s3.add(u3).reduceLanes(VectorOperators.ADD);
  }
  static void span4(float[] a,int aOff,float[] b,int o0,int o1,int o2,int o3,int len,double[] acc,int p){
    FloatVector s0=FloatVector.zero(S),s1=s0,s2=s0,s3=s0,u0=s0,u1=s0,u2=s0,u3=s0;
    for(int i=0;i+2*V<=len;i+=2*V){ FloatVector x=FloatVector.fromArray(S,a,aOff+i),y=FloatVector.fromArray(S,a,aOff+i+V);
        s0=FloatVector.fromArray(S,b,o0+i).fma(x,s0); s1=FloatVector.fromArray(S,b,o1+i).fma(x,s1); s2=FloatVector.fromArray(S,b,o2+i).fma(x,s2); s3=FloatVector.fromArray(S,b,o3+i).fma(x,s3);
        u0=FloatVector.fromArray(S,b,o0+i+V).fma(y,u0); u1=FloatVector.fromArray(S,b,o1+i+V).fma(y,u1); u2=FloatVector.fromArray(S,b,o2+i+V).fma(y,u2); u3=FloatVector.fromArray(S,b,o3+i+V).fma(y,u3);}
    acc[p]+=s0.add(u0).reduceLanes(VectorOperators.ADD); acc[p+1]+=s1.add(u1).reduceLanes(VectorOperators.ADD); acc[p+2]+=s2.add(u2).reduceLanes(VectorOperators.ADD); acc[p+3]+=s3.add(u3).reduceLanes(VectorOperators.ADD);
  }
  // cols == 2V, rows even: two rows per iteration
  static void rows4x2(float[] a,int aOff,float[] b,int o0,int o1,int o2,int o3,int rows,int stride,double[] acc,int p){
    FloatVector s0=FloatVector.zero(S),s1=s0,s2=s0,s3=s0,u0=s0,u1=s0,u2=s0,u3=s0;
    int end=rows*stride;
    for(int q=0;q<end;q+=2*stride){ int j=aOff+q, k=q+stride;
        FloatVector x=FloatVector.fromArray(S,a,j),y=FloatVector.fromArray(S,a,j+V);
        s0=FloatVector.fromArray(S,b,o0+q).fma(x,s0); s1=FloatVector.fromArray(S,b,o1+q).fma(x,s1); s2=FloatVector.fromArray(S,b,o2+q).fma(x,s2); s3=FloatVector.fromArray(S,b,o3+q).fma(x,s3);
        u0=FloatVector.fromArray(S,b,o0+q+V).fma(y,u0); u1=FloatVector.fromArray(S,b,o1+q+V).fma(y,u1); u2=FloatVector.fromArray(S,b,o2+q+V).fma(y,u2); u3=FloatVector.fromArray(S,b,o3+q+V).fma(y,u3);
        x=FloatVector.fromArray(S,a,aOff+k); y=FloatVector.fromArray(S,a,aOff+k+V);
        s0=FloatVector.fromArray(S,b,o0+k).fma(x,s0); s1=FloatVector.fromArray(S,b,o1+k).fma(x,s1); s2=FloatVector.fromArray(S,b,o2+k).fma(x,s2); s3=FloatVector.fromArray(S,b,o3+k).fma(x,s3);
        u0=FloatVector.fromArray(S,b,o0+k+V).fma(y,u0); u1=FloatVector.fromArray(S,b,o1+k+V).fma(y,u1); u2=FloatVector.fromArray(S,b,o2+k+V).fma(y,u2); u3=FloatVector.fromArray(S,b,o3+k+V).fma(y,u3);}
    acc[p]+=s0.add(u0).reduceLanes(VectorOperators.ADD); acc[p+1]+=s1.add(u1).reduceLanes(VectorOperators.ADD); acc[p+2]+=s2.add(u2).reduceLanes(VectorOperators.ADD); acc[p+3]+=s3.add(u3).reduceLanes(VectorOperators.ADD);
  }
  static void chunk(float[] a,int aOff,float[] b,int[] offs,int p0,int p1,int r0,int r1,int stride,int cols,float[] accv){
    int p=p0; for(;p+4<=p1;p+=4) c4(a,aOff,b,offs[p],offs[p+1],offs[p+2],offs[p+3],r0,r1,stride,cols,accv,p);
    for(;p<p1;p++){ FloatVector s=FloatVector.fromArray(S,accv,p*V); for(int r=r0;r<r1;r++){int row=aOff+r*stride; for(int j=0;j<cols;j+=V) s=FloatVector.fromArray(S,b,offs[p]+r*stride+j).fma(FloatVector.fromArray(S,a,row+j),s);} s.intoArray(accv,p*V);} }
  static void c4(float[] a,int aOff,float[] b,int o0,int o1,int o2,int o3,int r0,int r1,int stride,int cols,float[] accv,int p){
    FloatVector s0=FloatVector.fromArray(S,accv,p*V),s1=FloatVector.fromArray(S,accv,p*V+V),s2=FloatVector.fromArray(S,accv,p*V+2*V),s3=FloatVector.fromArray(S,accv,p*V+3*V),u0=FloatVector.zero(S),u1=u0,u2=u0,u3=u0;
    for(int r=r0;r<r1;r++){ int row=aOff+r*stride, end=row+cols, j=row;
      for(;j+2*V<=end;j+=2*V){ int q=j-aOff; FloatVector x=FloatVector.fromArray(S,a,j),y=FloatVector.fromArray(S,a,j+V);
        s0=FloatVector.fromArray(S,b,o0+q).fma(x,s0); s1=FloatVector.fromArray(S,b,o1+q).fma(x,s1); s2=FloatVector.fromArray(S,b,o2+q).fma(x,s2); s3=FloatVector.fromArray(S,b,o3+q).fma(x,s3);
        u0=FloatVector.fromArray(S,b,o0+q+V).fma(y,u0); u1=FloatVector.fromArray(S,b,o1+q+V).fma(y,u1); u2=FloatVector.fromArray(S,b,o2+q+V).fma(y,u2); u3=FloatVector.fromArray(S,b,o3+q+V).fma(y,u3);} }
    s0.add(u0).intoArray(accv,p*V); s1.add(u1).intoArray(accv,p*V+V); s2.add(u2).intoArray(accv,p*V+2*V); s3.add(u3).intoArray(accv,p*V+3*V);
  }
}
