package org.prune4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.opencl.OpenClKernels;

/** 3x3 convolution forward and its two gradients (ResNet-like 32x32 stage, batch 8) on the OpenCL backend. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsPrepend = {"-XX:Tier3DelayOn=100000"}, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OpenClConvBenchmark {
    @Param({"16", "32"})
    public int channels;

    @Param({"eager", "resident"})
    public String mode;

    private OpenClKernels k;
    private ConvGeometry g;
    private Tensor x, w, bias, y, dy, dx, dw;

    @Setup(Level.Trial)
    public void setup() {
        k = OpenClBenchmarkState.open(mode);
        g = ConvGeometry.of(8, channels, 32, 32, channels, 3, 1, 1, 1);
        Rng rng = new Rng(2);
        x = Tensor.randn(rng, g.batch(), channels, 32, 32);
        w = Tensor.randn(rng, channels, channels, 3, 3);
        bias = Tensor.randn(rng, channels);
        y = Tensor.zeros(g.batch(), channels, 32, 32);
        dy = Tensor.randn(rng, g.batch(), channels, 32, 32);
        dx = Tensor.zeros(g.batch(), channels, 32, 32);
        dw = Tensor.zeros(channels, channels, 3, 3);
    }

    @TearDown(Level.Trial)
    public void tearDown() { OpenClBenchmarkState.close(k); }

    @Benchmark
    public float[] forward() {
        k.conv2dForward(g, x.buffer(), w.buffer(), bias.buffer(), y.buffer());
        k.finish();
        return y.buffer();
    }

    @Benchmark
    public float[] backwardData() {
        k.conv2dBackwardData(g, dy.buffer(), w.buffer(), dx.buffer());
        k.finish();
        return dx.buffer();
    }

    @Benchmark
    public float[] backwardWeight() {
        k.conv2dBackwardWeight(g, x.buffer(), dy.buffer(), dw.buffer());
        k.finish();
        return dw.buffer();
    }
}
