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
import org.prune4j.bench.cli.bench.RandomMasks;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.kernels.Parallel;
import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.StepArena;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.infer.InferenceCompiler;
import org.prune4j.nn.infer.InferenceModel;
import org.prune4j.nn.models.ModelConfig;
import org.prune4j.nn.models.ModelZoo;
import org.prune4j.nn.optim.SGD;

/**
 * Whole-model speed, the figures PyTorch's peer script prints for the same models
 * (../shared/peers/torch_peers.py): one SGD training step of a CIFAR ResNet on a batch of
 * 3×32×32 images (forward, cross-entropy, backward, momentum update), eval-mode
 * inference of the module, and of the model compiled for inference. images/s = batch / (ms/op / 1000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
// Memory flags in jvmArgsPrepend: a command-line -jvmArgsAppend (perf maps, diagnostics) replaces the
// annotation's jvmArgsAppend list, and without the pre-touched fixed heap the step measured 1397 ms, 40%
// of it in first-touch page faults (BENCHMARKS.md, session 9).
@Fork(value = 1, jvmArgsPrepend = {"-XX:Tier3DelayOn=100000", "-Xms6g", "-Xmx6g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch"},
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ModelStepBenchmark {

    @Param({"resnet32"})
    public String model;

    @Param({"128"})
    public int batch;

    @Param({"2"})
    public int threads;

    /** Input height and width: 32 for the CIFAR models, 224 for ImageNet MobileNet-V1 (the PyTorch peer's shape). */
    @Param({"32"})
    public int size;

    @Param({"10"})
    public int classes;

    /**
     * Share of every prunable layer's weights masked to zero (random layer-wise masks, {@link RandomMasks}); 0 is
     * the dense model. A pruned model trains with its masks fixed, each layer on the kernel it measured faster.
     */
    @Param({"0"})
    public double sparsity;

    /**
     * Whether each step's activations take the previous step's arrays, as the Trainer's steps do
     * ({@link StepArena}); false allocates new ones every step.
     */
    @Param({"true"})
    public boolean arena;

    private Module net;
    private InferenceModel compiled;
    private SGD sgd;
    private StepArena steps;
    private Tensor x;
    private int[] labels;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        net = ModelZoo.create(model, ModelConfig.of(3, classes));
        if (sparsity > 0) RandomMasks.applyLayerwise(net, sparsity, 0);
        sgd = new SGD(net.parameters(), 0.1f, 0.9f, 0f, false);
        steps = arena ? new StepArena() : null;
        Rng rng = new Rng(0);
        x = Tensor.randn(rng, batch, 3, size, size);
        labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = rng.nextInt(classes);
    }

    @Benchmark
    public float trainStep() {
        try (StepArena.Step step = steps == null ? null : steps.step()) {
            net.train();
            net.zeroGrad();
            Tensor loss = Ops.crossEntropy(net.forward(x), labels);
            loss.backward();
            sgd.step();
            return loss.item();
        }
    }

    /**
     * The model compiled for inference as a server runs it ({@link InferenceCompiler}: BatchNorm folded, ReLU fused,
     * each layer on its measured kernel, pooled or on the caller alone as it measured faster), on a fixed batch.
     */
    @Benchmark
    public float compiledInfer() {
        if (compiled == null) {
            net.eval();
            compiled = InferenceCompiler.compile(net, 3, size, size);
            compiled.forward(x.data(), batch); // the layers' measured decisions, before JMH's timed calls
        }
        return compiled.forward(x.data(), batch)[0];
    }

    @Benchmark
    public float infer() {
        net.eval();
        try (var ng = GradMode.noGrad()) {
            return net.forward(x).data()[0];
        }
    }
}
