package org.prune4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.opencl.OpenClKernels;

/**
 * CSR SpMM C[512 x 1024] = A[512 x 512]·B on the OpenCL backend at several weight
 * densities (a pruned 1x1 conv or linear layer), beside the dense GEMM of the same
 * shape for the measured-vs-theoretical comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsPrepend = {"-XX:Tier3DelayOn=100000"}, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OpenClSpmmBenchmark {
    private static final int M = 512, K = 512, N = 1024;

    @Param({"0.05", "0.2", "0.5"})
    public double density;

    @Param({"eager", "resident"})
    public String mode;

    private OpenClKernels k;
    private CsrMatrix a;
    private Tensor dense, b, c;

    @Setup(Level.Trial)
    public void setup() {
        k = OpenClBenchmarkState.open(mode);
        Rng rng = new Rng(3);
        float[] d = new float[M * K];
        for (int i = 0; i < d.length; i++) if (rng.uniform() < density) d[i] = rng.uniform(-1f, 1f);
        a = CsrMatrix.fromDense(d, 0, M, K);
        dense = Tensor.of(d, M, K); // a tensor, so resident mode keeps it on the device like B and C
        b = Tensor.randn(rng, K, N);
        c = Tensor.zeros(M, N);
    }

    @TearDown(Level.Trial)
    public void tearDown() { OpenClBenchmarkState.close(k); }

    @Benchmark
    public float[] spmm() {
        k.spmm(a, N, b.buffer(), 0, c.buffer(), 0, null, false, false);
        k.finish();
        return c.buffer();
    }

    @Benchmark
    public float[] denseGemm() {
        k.gemm(false, false, M, N, K, 1f, dense.buffer(), 0, K, b.buffer(), 0, N, 0f, c.buffer(), 0, N);
        k.finish();
        return c.buffer();
    }
}
