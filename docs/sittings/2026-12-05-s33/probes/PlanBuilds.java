package org.prune4j.simd.sparse;

/* Session 33: plans built per training step and per compiled inference call of a pruned model, and their times.
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
public class PlanBuilds {
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
        for (int s = 0; s < Integer.getInteger("steps", 12); s++) {
            long b0 = PlanCache.BUILDS.get(), t0 = System.nanoTime();
            try (StepArena.Step step = steps.step()) {
                net.train(); net.zeroGrad();
                Tensor loss = Ops.crossEntropy(net.forward(x), labels);
                loss.backward(); sgd.step();
            }
            System.out.printf("train step %d: %.1f ms, plans built %d%n", s, (System.nanoTime() - t0) / 1e6, PlanCache.BUILDS.get() - b0);
        }
        net.eval();
        InferenceModel compiled = InferenceCompiler.compile(net, 3, size, size);
        for (int s = 0; s < Integer.getInteger("infers", 30); s++) {
            long b0 = PlanCache.BUILDS.get(), t0 = System.nanoTime();
            compiled.forward(x.data(), batch);
            if (s % 5 == 4) System.out.printf("compiled infer %d: %.2f ms, plans built %d%n", s, (System.nanoTime() - t0) / 1e6, PlanCache.BUILDS.get() - b0);
        }
    }
}
