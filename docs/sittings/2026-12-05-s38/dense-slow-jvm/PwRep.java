import org.prune4j.core.kernels.*;
import java.util.*;
public class PwRep {
    public static void main(String[] a) throws Exception {
        Kernels k = Backends.select("simd");
        ConvGeometry g = new ConvGeometry(64, 1024, 7, 7, 1024, 1, 1, 1, 1, 0, 0, 1, 1, 1);
        Random r = new Random(1);
        float[] x = new float[g.inputSize()], w = new float[1024 * 1024], y = new float[g.outputSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        for (int i = 0; i < w.length; i++) w[i] = r.nextFloat();
        long end = System.nanoTime() + Long.parseLong(a[0]) * 1_000_000_000L;
        List<Double> t = new ArrayList<>();
        while (System.nanoTime() < end) { long s = System.nanoTime(); k.conv2dForward(g, x, w, null, y); t.add((System.nanoTime() - s) / 1e6); }
        List<Double> last = new ArrayList<>(t.subList(Math.max(0, t.size() - 20), t.size())); Collections.sort(last);
        System.out.printf("calls %d first %.0f %.0f %.0f ms, median of last 20 %.1f ms%n", t.size(), t.get(0), t.size() > 1 ? t.get(1) : -1, t.size() > 2 ? t.get(2) : -1, last.get(last.size() / 2));
    }
}
