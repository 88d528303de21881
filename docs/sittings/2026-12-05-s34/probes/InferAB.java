package org.prune4j.simd.sparse;

/* Session 34: a pruned model compiled for inference, median of 301 calls after 500 (one JVM per run). Usage: InferAB model batch size sparsity.
 * Compile into package org.prune4j.simd.sparse (it reads PlanCache.BUILDS). Usage: PlanBuilds model batch size
 * sparsity [-Dsteps -Dinfers]. Before the fix the count was read through a temporary public counter. */
import org.prune4j.bench.cli.bench.RandomMasks;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.*;
import org.prune4j.nn.Module;
import org.prune4j.nn.infer.*;
import org.prune4j.nn.models.*;
import org.prune4j.nn.optim.SGD;
public class InferAB {
    public static void main(String[] a) {
        String model = a[0]; int batch = Integer.parseInt(a[1]), size = Integer.parseInt(a[2]); double sp = Double.parseDouble(a[3]);
        Parallel.setThreads(2);
        Module net = ModelZoo.create(model, ModelConfig.of(3, 10));
        RandomMasks.applyLayerwise(net, sp, 0);
        SGD sgd = new SGD(net.parameters(), 0.1f, 0.9f, 0f, false);
        StepArena steps = new StepArena();
        Rng rng = new Rng(0);
        Tensor x = Tensor.randn(rng, batch, 3, size, size);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(10);
        net.eval();
        InferenceModel compiled = InferenceCompiler.compile(net, 3, size, size);
        for (int w = 0; w < 500; w++) compiled.forward(x.data(), batch);
        long[] t = new long[301];
        for (int s = 0; s < t.length; s++) { long t0 = System.nanoTime(); compiled.forward(x.data(), batch); t[s] = System.nanoTime() - t0; }
        java.util.Arrays.sort(t);
        System.out.printf("compiled infer batch %d: median %.3f ms (p10 %.3f, p90 %.3f), sparse layers %d%n", batch, t[150] / 1e6, t[30] / 1e6, t[270] / 1e6, compiled.sparseLayers(batch));
    }
}
