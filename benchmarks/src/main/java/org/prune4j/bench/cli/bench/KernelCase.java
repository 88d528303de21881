package org.prune4j.bench.cli.bench;

import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.tensor.Rng;

/**
 * One layer shape of the kernel speed table: a convolution (kxk or 1x1) or a Linear
 * layer, run once with the dense kernel on w ⊙ m and once with the sparse kernel on
 * the CSR of the same weights. Shapes come from the models the project prunes.
 */
public record KernelCase(String name, ConvGeometry conv, int batch, int in, int out) {

    public static KernelCase conv(String name, int batch, int cin, int hw, int cout, int k, int stride) {
        return new KernelCase(name, ConvGeometry.of(batch, cin, hw, hw, cout, k, stride, k / 2, 1), batch, 0, 0);
    }

    public static KernelCase linear(String name, int batch, int in, int out) {
        return new KernelCase(name, null, batch, in, out);
    }

    public long denseMacs() { return conv != null ? conv.macs() : (long) batch * in * out; }

    int weightRows() { return conv != null ? conv.outChannels() : out; }

    int weightCols() { return conv != null ? conv.patchSize() : in; }

    /** The dense and sparse runs of this case at a density, on fixed random data. */
    public Runnable[] runs(double density, long seed) {
        Rng rng = new Rng(seed);
        int rows = weightRows(), cols = weightCols();
        float[] w = new float[rows * cols];
        float[] keep = RandomMasks.keep(w.length, density, rng);
        for (int i = 0; i < w.length; i++) w[i] = keep[i] * (float) rng.gaussian();
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, rows, cols);
        Kernels k = Backends.get();
        if (conv != null) {
            float[] x = random(conv.inputSize(), rng), y = new float[conv.outputSize()];
            int hw = conv.inH() * conv.inW();
            Runnable dense = () -> k.conv2dForward(conv, x, w, null, y);
            Runnable sparse = conv.isPointwise()
                    ? () -> {
                        for (int n = 0; n < conv.batch(); n++) {
                            k.spmm(csr, hw, x, n * conv.inChannels() * hw, y, n * conv.outChannels() * hw, null, false, false);
                        }
                    }
                    : () -> k.sparseConv2dForward(conv, csr, x, null, false, y);
            return new Runnable[] {dense, sparse};
        }
        // Linear: y[batch, out] = x w^T, densely and by the sparse Linear kernel, both on the layer's [batch, features] layout.
        float[] x = random(batch * in, rng), y = new float[batch * out];
        Runnable dense = () -> k.gemm(false, true, batch, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0, out);
        Runnable sparse = () -> k.sparseLinear(csr, batch, x, 0, y, 0, null, false, false);
        return new Runnable[] {dense, sparse};
    }

    private static float[] random(int n, Rng rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rng.gaussian();
        return a;
    }
}
