package org.prune4j.simd;

import java.util.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Parallel;

/**
 * Session 31: a conv pass with a temporary static int field (-Dfield=Class.NAME) set to each value in turn, alternating
 * in one JVM. args: N Cin H W Cout k s p groups f|d|w rounds value... ; prints each value's median over the rounds (the
 * first quarter dropped) and the largest difference from the first value's output. The fields tried (none is in the tree;
 * the sitting's README says what each did):
 *   PointwiseGemm.WKC     the 1x1 weight gradient's k slice (0: Sgemm.kcStep)
 *   PointwiseGemm.STAGEA  1: the weight gradient's A panels transposed from eight staged rows instead of in place
 *   PointwiseGemm.ORDER   n > 0: the 1x1 GEMM with W packed once per call and row panels outside column panels, column
 *                         blocks of n
 *   PointwiseGemm.HOIST   1: W packed once per call, the committed loop order; 2: column blocks evened out; 3: both
 * Runs with /tmp/s29-style classpath: this class compiled against kernels-simd and engine-core target/classes.
 */
public class IntProbe {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), w = Integer.parseInt(a[3]), co = Integer.parseInt(a[4]);
        int k = Integer.parseInt(a[5]), st = Integer.parseInt(a[6]), pd = Integer.parseInt(a[7]), gr = Integer.parseInt(a[8]);
        String pass = a[9];
        int rounds = Integer.parseInt(a[10]);
        int[] vals = Arrays.stream(Arrays.copyOfRange(a, 11, a.length)).mapToInt(Integer::parseInt).toArray();
        String f = System.getProperty("field");
        int dot = f.lastIndexOf('.');
        java.lang.reflect.Field fld = Class.forName("org.prune4j.simd." + f.substring(0, dot)).getDeclaredField(f.substring(dot + 1));
        fld.setAccessible(true);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        ConvGeometry g = new ConvGeometry(n, c, h, w, co, k, k, st, st, pd, pd, 1, 1, gr);
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[g.inputSize()], wt = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()], b = new float[co];
        for (float[] arr : new float[][] {x, wt, dy, b}) for (int i = 0; i < arr.length; i++) arr[i] = (float) r.nextDouble(-1, 1);
        List<List<Double>> t = new ArrayList<>();
        for (int i = 0; i < vals.length; i++) t.add(new ArrayList<>());
        float[][] out = new float[vals.length][];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < vals.length; i++) {
                fld.setInt(null, vals[i]);
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    if (pass.equals("f")) ConvKernels.forward(g, x, wt, b, y);
                    else if (pass.equals("d")) ConvKernels.backwardData(g, dy, wt, dx);
                    else ConvKernels.backwardWeight(g, x, dy, dw);
                    if (round >= rounds / 4) t.get(i).add((System.nanoTime() - t0) / 1e6);
                }
                out[i] = (pass.equals("f") ? y : pass.equals("d") ? dx : dw).clone();
            }
        }
        String shape = String.join("x", Arrays.copyOf(a, 9));
        for (int i = 0; i < vals.length; i++) {
            List<Double> l = t.get(i);
            Collections.sort(l);
            double d = 0, s = 0;
            for (int j = 0; j < out[0].length; j++) { d = Math.max(d, Math.abs(out[0][j] - out[i][j])); s = Math.max(s, Math.abs(out[0][j])); }
            System.out.printf("%s %s %s=%d: median %.3f p25 %.3f p75 %.3f ms; max|diff| %.2e (max|out| %.1f)%n", shape, pass, f, vals[i], l.get(l.size() / 2), l.get(l.size() / 4), l.get(3 * l.size() / 4), d, s);
        }
    }
}
