package org.prune4j.nn.infer;

import java.util.Arrays;
import java.util.List;
import org.prune4j.core.kernels.Backends;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.tensor.Tensor;

/**
 * A compiled, inference-only model: an immutable list of {@link CompiledOp}s for a fixed
 * sample shape and any batch size. Nothing in it changes after construction and every
 * call has its own buffers ({@link ActivationBuffers}), so one instance serves concurrent callers. Build one
 * with {@link InferenceCompiler}, store it with {@link InferenceModelFile}.
 */
public final class InferenceModel {
    private final List<CompiledOp> ops;
    private final int[] inputShape;
    private final int[] outputShape;

    public InferenceModel(List<CompiledOp> ops, int[] inputShape) {
        if (ops == null || ops.isEmpty()) throw new IllegalArgumentException("inference model: needs at least one op");
        this.ops = List.copyOf(ops);
        this.inputShape = inputShape.clone();
        int[] s = this.inputShape;
        for (int i = 0; i < this.ops.size(); i++) {
            if (!Arrays.equals(s, this.ops.get(i).inShape())) {
                throw new IllegalArgumentException("inference model: op " + i + " expects " + Arrays.toString(this.ops.get(i).inShape()) + " but receives " + Arrays.toString(s));
            }
            s = this.ops.get(i).outShape();
        }
        this.outputShape = s;
    }

    /** x is [N, inputShape...]; returns [N, outputShape...]. */
    public Tensor forward(Tensor x) {
        if (x == null) throw new IllegalArgumentException("inference model: input must not be null");
        int[] d = x.dims();
        if (d.length != inputShape.length + 1 || !Arrays.equals(Arrays.copyOfRange(d, 1, d.length), inputShape) || d[0] < 1) {
            throw new IllegalArgumentException("inference model: expected input [N, " + Arrays.toString(inputShape).replaceAll("[\\[\\]]", "") + "], got " + x.shape());
        }
        int n = d[0];
        float[] y = forward(x.data(), n);
        int[] out = new int[outputShape.length + 1];
        out[0] = n;
        System.arraycopy(outputShape, 0, out, 1, outputShape.length);
        return Tensor.of(y.clone(), out);
    }

    /** Raw form: n samples laid out contiguously; the input array is never modified. */
    public float[] forward(float[] x, int n) {
        if (x.length != n * CompiledOp.size(inputShape)) {
            throw new IllegalArgumentException("inference model: " + x.length + " values for " + n + " samples of " + Arrays.toString(inputShape));
        }
        Kernels k = Backends.get();
        return ResidualOp.runAll(ops, k, x, n, new ActivationBuffers(), false);
    }

    public List<CompiledOp> ops() { return ops; }

    public int[] inputShape() { return inputShape.clone(); }

    public int[] outputShape() { return outputShape.clone(); }

    /** How many conv/linear layers run on the sparse kernel at batch 1, e.g. for a report. */
    public long sparseLayers() { return sparseLayers(1); }

    /** How many conv/linear layers run on the sparse kernel at this batch size (measured on first use). */
    public long sparseLayers(int batch) {
        Kernels k = Backends.get();
        return flatten(ops).stream().filter(o -> o instanceof ConvOp c ? c.sparseAt(k, batch) : o instanceof LinearOp l && l.sparseAt(k, batch)).count();
    }

    static List<CompiledOp> flatten(List<CompiledOp> ops) {
        java.util.ArrayList<CompiledOp> out = new java.util.ArrayList<>();
        for (CompiledOp o : ops) {
            out.add(o);
            if (o instanceof ResidualOp r) {
                out.addAll(flatten(r.pre()));
                out.addAll(flatten(r.branch()));
                out.addAll(flatten(r.shortcut()));
            }
        }
        return out;
    }
}
