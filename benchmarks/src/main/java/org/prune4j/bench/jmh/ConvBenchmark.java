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
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.tensor.Rng;
import org.prune4j.simd.SimdKernels;

import java.util.concurrent.TimeUnit;

/**
 * Convolution layers of the seed models on the SIMD backend: forward, backward-data
 * and backward-weight, milliseconds per call (and GFLOP/s from the "flop" counter,
 * 2·MACs per pass). Layer ids are "model/N_Cin_H_W_Cout_k_stride_pad_groups" (underscores, because JMH splits -p values on commas);
 * {@link ConvLayers} lists every distinct shape of ResNet-32 and VGG-19 (CIFAR, batch
 * 128) and MobileNet-V1 (224, batch 1 and 64). To compare the implicit-GEMM and the
 * lowered path of a same-padded stride-1 layer, append
 * {@code -jvmArgsAppend -Dprune4j.conv.same=implicit} (or {@code lowered}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsPrepend = {"-XX:Tier3DelayOn=100000", "-Xmx8g"}, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ConvBenchmark {

    @Param({"resnet32/128_16_32_32_16_3_1_1_1"})
    public String layer;

    @Param({"1", "2"})
    public int threads;

    private final Kernels k = new SimdKernels();
    private ConvGeometry g;
    private float[] x, w, y, dy, dx, dw;

    @Setup
    public void setup() {
        g = ConvLayers.parse(layer);
        Parallel.setThreads(threads);
        Rng rng = new Rng(7);
        x = SgemmBenchmark.fill(rng, g.inputSize());
        w = SgemmBenchmark.fill(rng, g.weightSize());
        dy = SgemmBenchmark.fill(rng, g.outputSize());
        y = new float[g.outputSize()];
        dx = new float[g.inputSize()];
        dw = new float[g.weightSize()];
    }

    @Benchmark
    public float[] forward(FlopCounter f) {
        k.conv2dForward(g, x, w, null, y);
        f.flop += 2 * g.macs();
        return y;
    }

    @Benchmark
    public float[] backwardData(FlopCounter f) {
        k.conv2dBackwardData(g, dy, w, dx);
        f.flop += 2 * g.macs();
        return dx;
    }

    @Benchmark
    public float[] backwardWeight(FlopCounter f) {
        k.conv2dBackwardWeight(g, x, dy, dw);
        f.flop += 2 * g.macs();
        return dw;
    }
}
