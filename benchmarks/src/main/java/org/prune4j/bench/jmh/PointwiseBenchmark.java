package org.prune4j.bench.jmh;

import java.util.concurrent.TimeUnit;
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
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.tensor.Rng;
import org.prune4j.simd.SimdKernels;

/**
 * The pointwise ReLU, residual add and ReLU backward of a training step, on one ResNet-32 stage-1 activation
 * ([128, 16, 32, 32], 2M floats). With {@code others=all} the fork first runs every unary, binary and
 * vector-backward operator 300 times after the measured ones had run alone, as a process that also has a softmax,
 * a sigmoid or a recurrent cell does: a kernel that switched its operator inside one shared loop ran 12-29x slower
 * after that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"-XX:Tier3DelayOn=100000"}, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class PointwiseBenchmark {
    @Param({"none", "all"})
    public String others;

    @Param({"2097152"})
    public int n;

    private final Kernels k = new SimdKernels();
    private float[] x, z, dy, y;

    @Setup
    public void setUp() {
        Rng rng = new Rng(3);
        x = new float[n];
        z = new float[n];
        dy = new float[n];
        y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.gaussian();
            z[i] = (float) rng.gaussian();
            dy[i] = (float) rng.gaussian();
        }
        if (others.equals("all")) {
            // First the measured kernels alone, long enough to be compiled for them, as a ResNet step has them;
            // then the other operators (the order matters: compiled with everything profiled, the old loop was fine).
            for (int rep = 0; rep < 2000; rep++) {
                relu();
                add();
                reluBackward();
            }
            float[] pos = new float[n];
            for (int i = 0; i < n; i++) pos[i] = Math.abs(x[i]) + 0.1f; // LOG and SQRT on their domain
            for (int rep = 0; rep < 300; rep++) {
                for (Unary u : Unary.values()) k.unary(u, n, pos, 0, y, 0);
                for (Binary b : Binary.values()) k.binary(b, n, pos, 0, z, 0, y, 0);
                for (Unary u : new Unary[] {Unary.RELU, Unary.SIGMOID, Unary.TANH, Unary.EXP, Unary.SQUARE}) k.unaryBackward(u, n, pos, pos, dy, y);
            }
        } else if (!others.equals("none")) {
            throw new IllegalArgumentException("others must be none or all, got " + others);
        }
    }

    @Benchmark
    public float[] relu() {
        k.unary(Unary.RELU, n, x, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] add() {
        k.binary(Binary.ADD, n, x, 0, z, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] reluBackward() {
        k.unaryBackward(Unary.RELU, n, x, null, dy, y);
        return y;
    }
}
