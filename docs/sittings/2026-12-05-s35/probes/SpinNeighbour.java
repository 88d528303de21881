/* Session 35: does a thread spinning on the other core slow this core's work? Spin kinds: none, pause+nanoTime (the pool's worker), pause only, nanoTime only, volatile read only. */
public class SpinNeighbour {
    static volatile int mode = 0; static volatile boolean stop;
    static volatile long sink;
    public static void main(String[] a) throws Exception {
        Thread t = new Thread(() -> {
            long s = 0;
            while (!stop) {
                int m = mode;
                if (m == 0) { try { Thread.sleep(1); } catch (InterruptedException e) {} continue; }
                for (int i = 0; i < 1000; i++) {
                    if (m == 1) { if (System.nanoTime() > 0) Thread.onSpinWait(); }
                    else if (m == 2) Thread.onSpinWait();
                    else if (m == 3) s += System.nanoTime();
                    else s += mode;
                }
            }
            sink = s;
        });
        t.setDaemon(true); t.start();
        float[] x = new float[1 << 12], y = new float[1 << 12];
        for (int i = 0; i < x.length; i++) { x[i] = i * 1e-4f; y[i] = 1f; }
        String[] names = {"parked", "pause+nanoTime", "pause", "nanoTime", "volatile read"};
        for (int rep = 0; rep < 4; rep++) {
            StringBuilder sb = new StringBuilder();
            for (int m = 0; m < 5; m++) {
                mode = m; Thread.sleep(20);
                long[] ts = new long[200];
                for (int r = 0; r < ts.length; r++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < 20; k++) for (int i = 0; i < x.length; i++) y[i] = Math.fma(x[i], 1.0001f, y[i]);
                    ts[r] = System.nanoTime() - t0;
                }
                java.util.Arrays.sort(ts);
                sb.append(String.format("%s %.1f us  ", names[m], ts[100] / 1e3));
            }
            System.out.println(sb);
        }
        stop = true;
    }
}
