package org.prune4j.nn.infer;

import java.nio.file.Path;
import java.util.Arrays;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.models.ResNetCifar;
import org.prune4j.nn.prune.GlobalMagnitudePruner;

/**
 * Session 21: a compiled model's forward with a new array per op (ActivationBuffers.NONE, as before) against one
 * call's buffers handing activations from op to op, alternating, medians of many calls.
 *   java ... org.prune4j.nn.infer.InferBuffersProbe <model.infer.safetensors | resnet32:sparsity> batch reps
 */
public final class InferBuffersProbe {
    public static void main(String[] a) throws Exception {
        InferenceModel im;
        if (a[0].startsWith("resnet32")) {
            double sp = Double.parseDouble(a[0].substring(a[0].indexOf(':') + 1));
            Module m = new ResNetCifar(32, 3, 10, new Rng(1));
            if (sp > 0) new GlobalMagnitudePruner(sp).prune(m, null);
            m.eval();
            im = InferenceCompiler.compile(m, 3, 32, 32);
        } else {
            im = InferenceModelFile.load(Path.of(a[0]));
        }
        int batch = Integer.parseInt(a[1]), reps = Integer.parseInt(a[2]);
        int size = batch;
        for (int d : im.inputShape()) size *= d;
        float[] x = new float[size];
        Rng rng = new Rng(42);
        for (int i = 0; i < size; i++) x[i] = (float) rng.gaussian();
        Kernels k = Backends.get();
        im.sparseLayers(batch);
        for (int i = 0; i < 20; i++) { ResidualOp.runAll(im.ops(), k, x, batch, ActivationBuffers.NONE, false); im.forward(x, batch); }
        for (int round = 0; round < 5; round++) {
            double[] fresh = new double[reps], reused = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t = System.nanoTime();
                ResidualOp.runAll(im.ops(), k, x, batch, ActivationBuffers.NONE, false);
                fresh[r] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                im.forward(x, batch);
                reused[r] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(fresh);
            Arrays.sort(reused);
            System.out.printf("batch %d: new arrays %.3f ms, buffers %.3f ms (medians of %d)%n", batch, fresh[reps / 2], reused[reps / 2], reps);
        }
    }
}
