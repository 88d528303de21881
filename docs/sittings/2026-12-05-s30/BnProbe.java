package org.prune4j.simd;

import java.util.*;
import org.prune4j.core.kernels.Parallel;

/** Session 30: batch-norm (+ReLU) train forward and backward, alternating the temporary BatchNormKernels.MULTI (false: the two backward sums in a pass each; true: gradientSums) in one JVM. args: N C S rounds */
public class BnProbe {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), s = Integer.parseInt(a[2]), rounds = Integer.parseInt(a[3]);
        Parallel.setThreads(Integer.getInteger("threads", 2));
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[n * c * s], y = new float[x.length], dy = new float[x.length], dx = new float[x.length];
        for (int i = 0; i < x.length; i++) { x[i] = (float) r.nextDouble(-1, 3); dy[i] = (float) r.nextDouble(-1, 1); }
        float[] gamma = new float[c], beta = new float[c], mean = new float[c], inv = new float[c], dg = new float[c], db = new float[c];
        Arrays.fill(gamma, 1.5f); Arrays.fill(beta, 0.1f);
        List<List<Double>> tf = new ArrayList<>(), tb = new ArrayList<>();
        for (int i = 0; i < 2; i++) { tf.add(new ArrayList<>()); tb.add(new ArrayList<>()); }
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < 2; v++) {
                BatchNormKernels.MULTI = v == 1;
                for (int k = 0; k < 10; k++) {
                    long t0 = System.nanoTime();
                    BatchNormKernels.trainForward(n, c, s, x, gamma, beta, 1e-5f, y, mean, inv, true);
                    long t1 = System.nanoTime();
                    BatchNormKernels.backward(n, c, s, x, y, dy, gamma, mean, inv, dx, dg, db);
                    long t2 = System.nanoTime();
                    if (round >= rounds / 4) { tf.get(v).add((t1 - t0) / 1e6); tb.get(v).add((t2 - t1) / 1e6); }
                }
            }
        }
        for (int v = 0; v < 2; v++) {
            Collections.sort(tf.get(v)); Collections.sort(tb.get(v));
            System.out.printf("MULTI=%b: forward median %.3f ms, backward median %.3f ms%n", v == 1, tf.get(v).get(tf.get(v).size() / 2), tb.get(v).get(tb.get(v).size() / 2));
        }
    }
}
