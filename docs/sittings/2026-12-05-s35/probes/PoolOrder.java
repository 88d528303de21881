package org.prune4j.nn.infer;

/* Session 35: one layer's forms timed consecutively vs in rotation (as MeasuredKernelChoice times them). */
import org.prune4j.bench.cli.bench.RandomMasks;
import org.prune4j.core.kernels.*;
import org.prune4j.core.tensor.*;
import org.prune4j.nn.Module;
import org.prune4j.nn.models.*;
import java.util.*;
public class PoolOrder {
    public static void main(String[] a) {
        Parallel.setThreads(2);
        org.prune4j.core.sparse.MeasuredKernelChoice.setPolicy(org.prune4j.core.sparse.MeasuredKernelChoice.Policy.SPARSE);
        Module net = ModelZoo.create("resnet32", ModelConfig.of(3, 10));
        RandomMasks.applyLayerwise(net, 0.9, 0);
        net.eval();
        InferenceModel compiled = InferenceCompiler.compile(net, 3, 32, 32);
        Tensor x = Tensor.randn(new Rng(0), 1, 3, 32, 32);
        for (int w = 0; w < 3000; w++) compiled.forward(x.data(), 1);
        Kernels k = Backends.get();
        ConvOp c = null;
        for (CompiledOp o : InferenceModel.flatten(compiled.ops())) if (o instanceof ConvOp cc && cc.geometry().inChannels() == Integer.parseInt(a[0]) && cc.geometry().inH() == Integer.parseInt(a[1]) && cc.geometry().strideH() == 1 && cc.geometry().kernelH() == 3) { c = cc; break; }
        final ConvOp cv = c;
        float[] in = KernelChoice.probe(cv.geometry().inputSize());
        Runnable[] f = {() -> cv.runDense(k, in, 1, ActivationBuffers.NONE), () -> cv.runSparse(k, in, 1, ActivationBuffers.NONE),
                () -> Parallel.inline(() -> cv.runDense(k, in, 1, ActivationBuffers.NONE)), () -> Parallel.inline(() -> cv.runSparse(k, in, 1, ActivationBuffers.NONE))};
        String[] nm = {"dP", "sP", "dI", "sI"};
        for (int rep = 0; rep < 3; rep++) {
            StringBuilder sb = new StringBuilder("consecutive:");
            for (int i = 0; i < 4; i++) {
                long[] t = new long[400];
                for (int r = 0; r < 400; r++) { long t0 = System.nanoTime(); f[i].run(); t[r] = System.nanoTime() - t0; }
                Arrays.sort(t); sb.append(String.format(" %s %.1f", nm[i], t[200] / 1e3));
            }
            sb.append("   rotated:");
            long[][] t = new long[4][400];
            for (int r = 0; r < 400; r++) for (int j = 0; j < 4; j++) { int i = (j + r) % 4; long t0 = System.nanoTime(); f[i].run(); t[i][r] = System.nanoTime() - t0; }
            for (int i = 0; i < 4; i++) { Arrays.sort(t[i]); sb.append(String.format(" %s %.1f", nm[i], t[i][200] / 1e3)); }
            sb.append("   blocks4:");
            t = new long[4][400];
            for (int r = 0; r < 100; r++) for (int j = 0; j < 4; j++) { int i = (j + r) % 4; for (int b = 0; b < 4; b++) { long t0 = System.nanoTime(); f[i].run(); t[i][r * 4 + b] = System.nanoTime() - t0; } }
            for (int i = 0; i < 4; i++) { Arrays.sort(t[i]); sb.append(String.format(" %s %.1f", nm[i], t[i][200] / 1e3)); }
            System.out.println(sb);
        }
    }
}
