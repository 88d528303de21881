package org.prune4j.bench.jmh;

import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.tensor.Rng;
import org.prune4j.simd.SimdKernels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prune4J's side of a paired comparison with PyTorch (benchmarks/peers/paired_conv.py): one conv layer's training
 * passes (forward, backward-data, backward-weight, as {@link ConvBenchmark} times them one by one) run in bursts on
 * command, so that the two processes take turns on the machine burst by burst instead of round by round.
 *
 * <p>This machine's speed drifts by 10–15% within seconds (a 28×28 1×1 forward in one JVM, no compilation after
 * 3 s: 18.1 ms for 300 calls, then 20–21 ms), so rounds of separate JMH and PyTorch runs (session 30's ties.sh)
 * compare different stretches of it. Taking turns a burst at a time and pairing each burst with its neighbour
 * cancels most of the drift.
 *
 * <p>Protocol, one line per message: after warming up for at least {@code warmSeconds} it prints {@code ready};
 * then each {@code run} line runs {@code burst} steps and answers {@code ms <median step ms of the burst>};
 * {@code quit} (or the end of input) ends it.
 * Usage: {@code PairedConvSide <layer id> <threads> <burst> [warmSeconds]}, layer ids as in {@link ConvLayers}.
 */
public final class PairedConvSide {
    private PairedConvSide() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: PairedConvSide <layer id, e.g. mobilenet/64_256_28_28_256_1_1_0_1> <threads> <burst> [warmSeconds]");
            System.exit(2);
        }
        ConvGeometry g;
        int threads, burst;
        double warmSeconds;
        try {
            g = ConvLayers.parse(args[0]);
            threads = Integer.parseInt(args[1]);
            burst = Integer.parseInt(args[2]);
            warmSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 4.0;
        } catch (IllegalArgumentException e) {
            System.err.println("PairedConvSide: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (threads < 1 || burst < 1 || !(warmSeconds >= 0)) {
            System.err.println("PairedConvSide: threads and burst must be at least 1 and warmSeconds not negative; got "
                    + threads + ", " + burst + ", " + warmSeconds);
            System.exit(2);
        }
        Parallel.setThreads(threads);
        Kernels k = new SimdKernels();
        Rng rng = new Rng(7);
        float[] x = SgemmBenchmark.fill(rng, g.inputSize()), w = SgemmBenchmark.fill(rng, g.weightSize());
        float[] dy = SgemmBenchmark.fill(rng, g.outputSize());
        float[] y = new float[g.outputSize()], dx = new float[g.inputSize()], dw = new float[g.weightSize()];
        long warmUntil = System.nanoTime() + (long) (warmSeconds * 1e9);
        for (int i = 0; i < 10 || System.nanoTime() < warmUntil; i++) step(k, g, x, w, y, dy, dx, dw);
        System.out.println("ready");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        double[] t = new double[burst];
        for (String line; (line = in.readLine()) != null; ) {
            line = line.trim();
            if (line.equals("quit")) break;
            if (!line.equals("run")) {
                System.err.println("PairedConvSide: unknown command '" + line + "' (expected run or quit)");
                System.exit(2);
            }
            for (int i = 0; i < burst; i++) {
                long t0 = System.nanoTime();
                step(k, g, x, w, y, dy, dx, dw);
                t[i] = (System.nanoTime() - t0) / 1e6;
            }
            double[] sorted = t.clone();
            Arrays.sort(sorted);
            System.out.println("ms " + sorted[burst / 2]);
            System.out.flush();
        }
    }

    /** One training step of the layer: the three passes ConvBenchmark times separately. */
    private static void step(Kernels k, ConvGeometry g, float[] x, float[] w, float[] y, float[] dy, float[] dx, float[] dw) {
        k.conv2dForward(g, x, w, null, y);
        k.conv2dBackwardData(g, dy, w, dx);
        k.conv2dBackwardWeight(g, x, dy, dw);
    }
}
