package org.prune4j.nn.infer;

/* Session 35: per layer of a compiled pruned model, the choice this JVM made at a batch vs the four forms timed after warm-up. */
import org.prune4j.bench.cli.bench.RandomMasks;
import org.prune4j.core.kernels.*;
import org.prune4j.core.tensor.*;
import org.prune4j.nn.Module;
import org.prune4j.nn.models.*;
import java.util.*;
public class LayerTruth2 {
    static double med(Runnable r, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) { long t0 = System.nanoTime(); r.run(); t[i] = System.nanoTime() - t0; }
        Arrays.sort(t); return t[n / 2] / 1e3;
    }
    public static void main(String[] a) {
        String model = a[0]; int batch = Integer.parseInt(a[1]), size = Integer.parseInt(a[2]); double sp = Double.parseDouble(a[3]);
        Parallel.setThreads(2);
        Module net = ModelZoo.create(model, ModelConfig.of(3, 10));
        RandomMasks.applyLayerwise(net, sp, 0);
        Rng rng = new Rng(0);
        Tensor x = Tensor.randn(rng, batch, 3, size, size);
        net.eval();
        long c0 = System.nanoTime();
        InferenceModel compiled = InferenceCompiler.compile(net, 3, size, size);
        compiled.forward(x.data(), batch);
        long c1 = System.nanoTime();
        System.out.printf("first call %.0f ms%n", (c1 - c0) / 1e6);
        int div = a.length > 4 ? Integer.parseInt(a[4]) : 1; int[] ends = {60 / div + 2, 300 / div + 3, 1300 / div + 4, 5400 / div + 5, 22000 / div + 6};
        int done = 1;
        for (int e : ends) {
            long[] t = new long[e - done];
            long w0 = System.nanoTime();
            for (int s = 0; s < t.length; s++) { long t0 = System.nanoTime(); compiled.forward(x.data(), batch); t[s] = System.nanoTime() - t0; }
            long w1 = System.nanoTime();
            Arrays.sort(t);
            System.out.printf("calls %d-%d: median %.3f ms, max %.1f ms, wall %.2f s, sparse layers %d%n", done + 1, e, t[t.length / 2] / 1e6, t[t.length - 1] / 1e6, (w1 - w0) / 1e9, compiled.sparseLayers(batch));
            done = e;
        }
        Kernels k = Backends.get();
        double chosenSum = 0, bestSum = 0;
        for (CompiledOp o : InferenceModel.flatten(compiled.ops())) {
            if (!(o instanceof ConvOp c)) continue;
            float[] in = KernelChoice.probe(batch * c.geometry().inputSize());
            int code = org.prune4j.core.sparse.MeasuredKernelChoice.choice("infer-conv|" + c.geometry() + "|relu=" + c.relu() + "|b" + batch + "|d" + Math.round(c.density() * 100), 0, 1, 2, 3).winner();
            boolean sp2 = (code & 1) != 0, inl = (code & 2) != 0;
            double[] f = new double[4];
            for (int rep = 0; rep < 2; rep++) {
                int nr = batch == 1 ? 400 : 15;
                f[0] = med(() -> c.runDense(k, in, batch, ActivationBuffers.NONE), nr);
                f[1] = med(() -> Parallel.inline(() -> c.runDense(k, in, batch, ActivationBuffers.NONE)), nr);
                f[2] = med(() -> c.runSparse(k, in, batch, ActivationBuffers.NONE), nr);
                f[3] = med(() -> Parallel.inline(() -> c.runSparse(k, in, batch, ActivationBuffers.NONE)), nr);
            }
            int ch = (sp2 ? 2 : 0) + (inl ? 1 : 0);
            int best = 0; for (int i = 1; i < 4; i++) if (f[i] < f[best]) best = i;
            chosenSum += f[ch]; bestSum += f[best];
            System.out.printf("%-40s chose %s%s  dP %.1f dI %.1f sP %.1f sI %.1f us  %s%n", c.geometry().toString().replaceAll("ConvGeometry", ""), sp2 ? "S" : "D", inl ? "I" : "P", f[0], f[1], f[2], f[3], ch == best ? "" : String.format("LOSS %.1f", f[ch] - f[best]));
        }
        System.out.printf("sum over convs: chosen %.1f us, best %.1f us%n", chosenSum, bestSum);
    }
}
