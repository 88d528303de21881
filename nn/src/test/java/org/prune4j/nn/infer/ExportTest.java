package org.prune4j.nn.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.core.autograd.GradMode;
import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.graph.UnsupportedModuleException;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.ReLU6;
import org.prune4j.nn.layers.Sequential;
import org.prune4j.nn.models.FastGRNN;
import org.prune4j.nn.models.LeNet5;
import org.prune4j.nn.models.Mlp;
import org.prune4j.nn.models.MobileNetV1;
import org.prune4j.nn.models.ResNetBottleneck;
import org.prune4j.nn.models.ResNetCifar;
import org.prune4j.nn.models.VggCifar;
import org.prune4j.nn.models.WideResNet;
import org.prune4j.nn.prune.GlobalMagnitudePruner;
import org.prune4j.nn.prune.RandomPruner;

class ExportTest {
    @TempDir Path dir;

    @AfterEach void restorePolicy() { MeasuredKernelChoice.setPolicy(MeasuredKernelChoice.Policy.AUTO); }

    /** Small instances of every supported architecture with their sample shapes. */
    private static Map<String, Supplier<Object[]>> models() {
        Map<String, Supplier<Object[]>> m = new LinkedHashMap<>();
        m.put("lenet5", () -> new Object[] {new LeNet5(new Rng(1)), new int[] {1, 28, 28}});
        m.put("mlp", () -> new Object[] {new Mlp(new Rng(2), 48, 32, 16, 5), new int[] {3, 4, 4}});
        m.put("resnet8", () -> new Object[] {new ResNetCifar(8, 3, 10, new Rng(3)), new int[] {3, 8, 8}});
        m.put("resnet-bottleneck", () -> new Object[] {new ResNetBottleneck(new int[] {1, 1, 1, 1}, ResNetBottleneck.Stem.IMAGENET, 3, 10, new Rng(4)), new int[] {3, 16, 16}});
        m.put("mobilenet", () -> new Object[] {new MobileNetV1(false, 0.125f, 3, 10, new Rng(5)), new int[] {3, 8, 8}});
        m.put("vgg", () -> new Object[] {new VggCifar(new int[] {8, 0, 16, 0, 16, 0, 16, 0, 16, 0}, 3, 10, new Rng(6)), new int[] {3, 32, 32}});
        m.put("wrn", () -> new Object[] {new WideResNet(10, 2, 0.3f, 3, 10, 7, new Rng(7)), new int[] {3, 8, 8}});
        m.put("relu6-stack", () -> new Object[] {new Sequential(new Conv2d(2, 6, 3, 2, 1, true, new Rng(8)), new BatchNorm2d(6), new ReLU6(),
                new org.prune4j.nn.layers.AvgPool2d(2), new org.prune4j.nn.layers.AdaptiveAvgPool2d(1), new org.prune4j.nn.layers.Flatten(),
                new org.prune4j.nn.layers.Linear(6, 3, new Rng(9))), new int[] {2, 9, 9}});
        return m;
    }

    private static Module prepared(Module m, long seed) {
        Rng rng = new Rng(seed);
        for (Module x : m.namedModules().values()) {
            if (x instanceof BatchNorm2d bn) {
                for (int c = 0; c < bn.numFeatures(); c++) {
                    bn.weight().data()[c] = 0.5f + rng.uniform();
                    bn.bias().data()[c] = rng.uniform(-0.3f, 0.3f);
                    bn.runningMean().data()[c] = rng.uniform(-0.2f, 0.2f);
                    bn.runningVar().data()[c] = 0.5f + rng.uniform();
                }
            }
        }
        new GlobalMagnitudePruner(0.8).prune(m, null);
        m.eval();
        return m;
    }

    private static Tensor input(int[] sample, int n, long seed) {
        int[] dims = new int[sample.length + 1];
        dims[0] = n;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return Tensor.randn(new Rng(seed), dims);
    }

    private static Tensor reference(Module m, Tensor x) {
        try (var ng = GradMode.noGrad()) {
            return m.forward(x);
        }
    }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.dims(), actual.dims(), what + ": shape");
        float max = 0, diff = 0;
        for (int i = 0; i < expected.size(); i++) {
            max = Math.max(max, Math.abs(expected.data()[i]));
            diff = Math.max(diff, Math.abs(expected.data()[i] - actual.data()[i]));
        }
        assertTrue(diff <= 1e-4f * Math.max(max, 1e-6f), what + ": max |diff| " + diff + " vs max |y| " + max);
    }

    @Test void exportedModelsEqualTheMaskedModelsOnBothKernelsAndAfterSaveLoad() throws Exception {
        for (var e : models().entrySet()) {
            Object[] mk = e.getValue().get();
            Module m = prepared((Module) mk[0], 11);
            int[] sample = (int[]) mk[1];
            Tensor x = input(sample, 3, 12);
            Tensor ref = reference(m, x);
            for (MeasuredKernelChoice.Policy p : MeasuredKernelChoice.Policy.values()) {
                MeasuredKernelChoice.setPolicy(p);
                InferenceModel im = InferenceCompiler.compile(m, sample);
                if (p == MeasuredKernelChoice.Policy.SPARSE) assertTrue(im.sparseLayers() > 0, e.getKey());
                assertClose(ref, im.forward(x), e.getKey() + " (" + p + ")");
                Path file = dir.resolve(e.getKey() + "-" + p + ".safetensors");
                InferenceModelFile.save(im, file);
                assertClose(ref, InferenceModelFile.load(file).forward(x), e.getKey() + " (" + p + ") after save/load");
            }
        }
    }

    /**
     * Every architecture's compiled ops give the same bits when each call hands activations from op to op
     * (ActivationBuffers) as with a new array per op, on both kernels, leave the input untouched, and do reuse
     * arrays in the residual networks (LeNet's and the MLP's layers all differ in size).
     */
    @Test void reusedActivationArraysChangeNoBits() {
        org.prune4j.core.kernels.Kernels k = org.prune4j.core.kernels.Backends.get();
        for (var e : models().entrySet()) {
            Object[] mk = e.getValue().get();
            Module m = prepared((Module) mk[0], 13);
            int[] sample = (int[]) mk[1];
            Tensor x = input(sample, 4, 14);
            float[] in = x.data().clone();
            for (MeasuredKernelChoice.Policy p : List.of(MeasuredKernelChoice.Policy.DENSE, MeasuredKernelChoice.Policy.SPARSE)) {
                MeasuredKernelChoice.setPolicy(p);
                InferenceModel im = InferenceCompiler.compile(m, sample);
                float[] fresh = ResidualOp.runAll(im.ops(), k, x.data(), 4, ActivationBuffers.NONE, false).clone();
                ActivationBuffers buffers = new ActivationBuffers();
                float[] reused = ResidualOp.runAll(im.ops(), k, x.data(), 4, buffers, false);
                assertArrayEquals(fresh, reused, e.getKey() + " (" + p + ")");
                assertArrayEquals(in, x.data(), e.getKey() + ": the input is never written");
                if (e.getKey().startsWith("resnet") || e.getKey().equals("wrn")) assertTrue(buffers.reused() > 0, e.getKey() + " reuses arrays");
            }
        }
    }

    @Test void foldingRemovesBatchNormAndFusesRelu() {
        Module m = prepared(new ResNetCifar(8, 3, 10, new Rng(3)), 2);
        InferenceModel im = InferenceCompiler.compile(m, 3, 8, 8);
        List<CompiledOp> all = InferenceModel.flatten(im.ops());
        assertTrue(all.stream().noneMatch(o -> o instanceof ChannelAffineOp), "every BN follows a conv and is folded");
        assertTrue(all.stream().filter(o -> o instanceof ConvOp c && c.relu()).count() >= 4, "conv → BN → ReLU runs as one fused op");
        assertEquals(0, all.stream().filter(o -> o instanceof ActivationOp).count(), "no ReLU is left standing alone");
    }

    @Test void concurrentCallersGetIdenticalOutputs() throws Exception {
        Module m = prepared(new ResNetCifar(8, 3, 10, new Rng(3)), 5);
        InferenceModel im = InferenceCompiler.compile(m, 3, 8, 8);
        List<Tensor> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inputs.add(input(new int[] {3, 8, 8}, 2, 100 + i));
            expected.add(im.forward(inputs.get(i)).data());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int r = 0; r < 6; r++) {
                        int i = (offset + r) % 4;
                        if (!java.util.Arrays.equals(expected.get(i), im.forward(inputs.get(i)).data())) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) assertTrue(f.get(), "a concurrent call differed from the single-threaded output");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A compiled layer may run on the calling thread alone where that measured faster (small layers at batch 1);
     * on two threads, every model's output is the same bits whether each layer took the pool or the caller
     * (everything inline, against the layers' measured choices), on both kernels.
     */
    @Test void layersOnTheCallerAloneChangeNoBits() {
        int saved = org.prune4j.core.kernels.Parallel.threads();
        org.prune4j.core.kernels.Parallel.setThreads(2);
        try {
            for (var e : models().entrySet()) {
                Object[] mk = e.getValue().get();
                Module m = prepared((Module) mk[0], 17);
                int[] sample = (int[]) mk[1];
                for (MeasuredKernelChoice.Policy p : List.of(MeasuredKernelChoice.Policy.DENSE, MeasuredKernelChoice.Policy.SPARSE)) {
                    MeasuredKernelChoice.setPolicy(p);
                    InferenceModel im = InferenceCompiler.compile(m, sample);
                    for (int batch : new int[] {1, 5}) {
                        Tensor x = input(sample, batch, 18);
                        float[] chosen = im.forward(x).data();
                        float[] alone = org.prune4j.core.kernels.Parallel.inline(() -> im.forward(x).data());
                        assertArrayEquals(alone, chosen, e.getKey() + " (" + p + ") batch " + batch);
                    }
                }
            }
        } finally {
            org.prune4j.core.kernels.Parallel.setThreads(saved);
        }
    }

    @Test void badModelsAndInputsFailClearly() throws Exception {
        var rec = assertThrows(IllegalArgumentException.class, () -> InferenceCompiler.compile(new FastGRNN(9, 8, 0, 0, 2, new Rng(0)), 16, 9));
        assertTrue(rec.getMessage().contains("cell") && rec.getMessage().contains("cannot be exported"), rec.getMessage());
        Module odd = new Module() {
            @Override public Tensor forward(Tensor x) { return x; }
        };
        assertThrows(UnsupportedModuleException.class, () -> InferenceCompiler.compile(new Sequential(odd), 3));
        Module lenet = prepared(new LeNet5(new Rng(1)), 1);
        InferenceModel im = InferenceCompiler.compile(lenet, 1, 28, 28);
        var e = assertThrows(IllegalArgumentException.class, () -> im.forward(Tensor.zeros(2, 1, 32, 32)));
        assertTrue(e.getMessage().contains("[N, 1, 28, 28]"), e.getMessage());
        Path notModel = dir.resolve("plain.safetensors");
        org.prune4j.nn.io.SafeTensors.write(notModel, Map.of("x", org.prune4j.nn.io.StoredTensor.f32(new float[] {1f}, 1)), Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InferenceModelFile.load(notModel)).getMessage().contains("not a Prune4J inference model"));
    }

    @Test void randomlyPrunedMlpExportsOnItsDenseAndSparseKernels() {
        Mlp m = new Mlp(new Rng(3), 20, 16, 4);
        new RandomPruner(0.9, false, 1).prune(m, null);
        m.eval();
        Tensor x = input(new int[] {20}, 5, 1);
        MeasuredKernelChoice.setPolicy(MeasuredKernelChoice.Policy.SPARSE);
        assertClose(reference(m, x), InferenceCompiler.compile(m, 20).forward(x), "mlp sparse");
    }
}
