package org.prune4j.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.tensor.Rng;
import org.prune4j.simd.SimdKernels;

import java.util.concurrent.TimeUnit;

/**
 * SGEMM throughput of the SIMD backend: square sizes and the GEMM shapes that conv
 * layers lower to (M = Cout, K = Cin·k·k, N = batch·OH·OW or OH·OW per image), at 1
 * and 2 threads. Read GFLOP/s from the "flop" counter (FLOP/s ÷ 1e9).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsPrepend = {"-XX:Tier3DelayOn=100000", "-Xmx4g"}, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SgemmBenchmark {

    /** "MxNxK": square 256..2048, then conv-layer shapes (ResNet-32/VGG-19 CIFAR, MobileNet pointwise). */
    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
            "16x1024x144", "32x256x288", "64x64x576", "64x8192x576", "512x1568x4608", "1024x4096x1024", "128x12544x64"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private final Kernels k = new SimdKernels();
    private int m, n, kk;
    private float[] a, b, c;

    @Setup
    public void setup() {
        String[] s = shape.split("x");
        m = Integer.parseInt(s[0]);
        n = Integer.parseInt(s[1]);
        kk = Integer.parseInt(s[2]);
        Parallel.setThreads(threads);
        Rng rng = new Rng(1);
        a = fill(rng, m * kk);
        b = fill(rng, kk * n);
        c = new float[m * n];
    }

    static float[] fill(Rng rng, int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) v[i] = rng.uniform(-1f, 1f);
        return v;
    }

    @Benchmark
    public float[] gemm(FlopCounter f) {
        k.gemm(false, false, m, n, kk, 1f, a, 0, kk, b, 0, n, 0f, c, 0, n);
        f.flop += 2L * m * n * kk;
        return c;
    }
}
