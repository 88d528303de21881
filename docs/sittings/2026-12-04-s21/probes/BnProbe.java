import org.prune4j.core.kernels.*;
import org.prune4j.core.tensor.Rng;
/**
 * Session 21: batch norm then ReLU as two kernels against Kernels.batchNormReluTrainForward / batchNormReluBackward,
 * batch 128, c channels of s pixels (16 1024: ResNet-32's first stage; 64 64: its last), 20 calls per figure.
 *   javac -cp "$J/lib/*" BnProbe.java && java --add-modules jdk.incubator.vector -cp ".:$J/lib/*" BnProbe 16 1024
 */
public class BnProbe {
    public static void main(String[] a) {
        int n = 128, c = Integer.parseInt(a[0]), s = Integer.parseInt(a[1]);
        Kernels k = Backends.get();
        int size = n * c * s;
        float[] x = new float[size], dy = new float[size], y = new float[size], y2 = new float[size], g = new float[size], dx = new float[size];
        float[] gamma = new float[c], beta = new float[c], mean = new float[c], is = new float[c], dg = new float[c], db = new float[c];
        Rng r = new Rng(1);
        for (int i = 0; i < size; i++) { x[i] = (float) r.gaussian(); dy[i] = (float) r.gaussian(); }
        for (int i = 0; i < c; i++) { gamma[i] = 1f; beta[i] = 0.1f; }
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int q = 0; q < 20; q++) { k.batchNormTrainForward(n, c, s, x, gamma, beta, 1e-5f, y, mean, is); k.unary(Unary.RELU, size, y, 0, y2, 0); }
            long t1 = System.nanoTime();
            for (int q = 0; q < 20; q++) k.batchNormReluTrainForward(n, c, s, x, gamma, beta, 1e-5f, y2, mean, is);
            long t2 = System.nanoTime();
            for (int q = 0; q < 20; q++) { k.unaryBackward(Unary.RELU, size, y, y2, dy, g); k.batchNormBackward(n, c, s, x, g, gamma, mean, is, dx, dg, db); }
            long t3 = System.nanoTime();
            for (int q = 0; q < 20; q++) k.batchNormReluBackward(n, c, s, x, y2, dy, gamma, mean, is, dx, dg, db);
            long t4 = System.nanoTime();
            System.out.printf("fwd pair %.3f fused %.3f | bwd pair %.3f fused %.3f ms%n", (t1 - t0) / 20e6, (t2 - t1) / 20e6, (t3 - t2) / 20e6, (t4 - t3) / 20e6);
        }
    }
}
