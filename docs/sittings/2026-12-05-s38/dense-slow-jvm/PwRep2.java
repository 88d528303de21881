import org.prune4j.core.kernels.*;
import java.util.*;
import java.nio.file.*;
public class PwRep2 {
    public static void main(String[] a) throws Exception {
        Kernels k = Backends.select("simd");
        ConvGeometry g = new ConvGeometry(64, 1024, 7, 7, 1024, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        Random r = new Random(1);
        float[] x = new float[g.inputSize()], w = new float[1024 * 1024], y = new float[g.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
        long t0 = System.nanoTime(), end = t0 + Long.parseLong(a[0]) * 1_000_000_000L;
        Path status = Path.of(a[1]);
        int calls = 0;
        while (System.nanoTime() < end) {
            long s = System.nanoTime(); k.conv2dForward(g, x, w, null, y); calls++;
            Files.writeString(status, String.format("%d %.1f %.1f%n", calls, (System.nanoTime() - t0) / 1e9, (System.nanoTime() - s) / 1e6));
        }
    }
}
