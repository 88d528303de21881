package org.prune4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.opencl.OpenClKernels;

/** Square SGEMM C = A·B on the OpenCL backend, eager (with transfers) and resident (kernel only). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsPrepend = {"-XX:Tier3DelayOn=100000"}, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OpenClGemmBenchmark {
    @Param({"128", "512"})
    public int size;

    @Param({"eager", "resident"})
    public String mode;

    private OpenClKernels k;
    private Tensor a, b, c;

    @Setup(Level.Trial)
    public void setup() {
        k = OpenClBenchmarkState.open(mode);
        Rng rng = new Rng(1);
        a = Tensor.randn(rng, size, size);
        b = Tensor.randn(rng, size, size);
        c = Tensor.zeros(size, size);
    }

    @TearDown(Level.Trial)
    public void tearDown() { OpenClBenchmarkState.close(k); }

    @Benchmark
    public float[] gemm() {
        k.gemm(false, false, size, size, size, 1f, a.buffer(), 0, size, b.buffer(), 0, size, 0f, c.buffer(), 0, size);
        k.finish();
        return c.buffer();
    }
}
