import org.prune4j.core.kernels.*;
import org.prune4j.simd.SimdKernels;
import java.util.Random;
/**
 * Dense conv forward / backwardData / backwardWeight (-Dop=fwd|bd|bw) of a 3x3 layer through SimdKernels, min and median
 * of reps. Session 19 used it with a temporary static int LaneConv.BAND (loop-order bands, -Dbands=0,1,2) and then to
 * compare jars in alternating JVMs; without that field it times the jar as it is:
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ".:<jar dir>/lib/*" -Dt=1 DenseProbe 128 256 8 256 1 6
 */
public class DenseProbe {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]), cin = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), cout = Integer.parseInt(a[3]);
        int stride = Integer.parseInt(a[4]), reps = Integer.parseInt(a[5]);
        String op = System.getProperty("op", "fwd");
        Parallel.setThreads(Integer.getInteger("t", 1));
        ConvGeometry g = new ConvGeometry(n, cin, h, h, cout, 3, 3, stride, stride, 1, 1, 1, 1, 1);
        Random r = new Random(1);
        float[] x = new float[g.inputSize()], w = new float[g.weightSize()], y = new float[g.outputSize()], dy = new float[g.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat() - .5f;
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat() - .5f;
        for (int i = 0; i < dy.length; i++) dy[i] = r.nextFloat() - .5f;
        float[] dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        Kernels k = new SimdKernels();
        Class<?> lc = Class.forName("org.prune4j.simd.LaneConv");
        java.lang.reflect.Field f0 = null; try { f0 = lc.getDeclaredField("BAND"); f0.setAccessible(true); } catch (NoSuchFieldException e) { } final java.lang.reflect.Field f = f0;
        int[] bands = java.util.Arrays.stream(System.getProperty("bands", "0,1").split(",")).mapToInt(Integer::parseInt).toArray();
        double[][] t = new double[bands.length][reps];
        float[][] out = new float[bands.length][];
        for (int rep = -3; rep < reps; rep++)
            for (int b = 0; b < bands.length; b++) {
                if (f != null) f.setInt(null, bands[b]);
                long t0 = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    if (op.equals("fwd")) k.conv2dForward(g, x, w, null, y);
                    else if (op.equals("bd")) k.conv2dBackwardData(g, dy, w, dx);
                    else k.conv2dBackwardWeight(g, x, dy, dw);
                }
                if (rep >= 0) t[b][rep] = (System.nanoTime() - t0) / 5e6;
                if (rep == 0) out[b] = (op.equals("fwd") ? y : op.equals("bd") ? dx : dw).clone();
            }
        for (int b = 0; b < bands.length; b++) {
            double[] s = t[b].clone(); java.util.Arrays.sort(s);
            double maxd = 0; for (int i = 0; i < out[b].length; i++) maxd = Math.max(maxd, Math.abs(out[b][i] - out[0][i]));
            System.out.printf("band %d: min %.3f med %.3f ms  GFLOP/s %.0f  maxdiff %.2g%n", bands[b], s[0], s[reps / 2], 2.0 * g.macs() / s[0] / 1e6, maxd);
        }
    }
}
