package org.prune4j.nn.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.PoolGeometry;
import org.prune4j.core.kernels.Unary;
import org.prune4j.core.sparse.CsrMatrix;
import org.prune4j.core.sparse.MeasuredKernelChoice;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.graph.GraphNode;
import org.prune4j.nn.graph.ModelGraph;
import org.prune4j.nn.layers.BatchNorm2d;

/**
 * Compiles a pruned, trained model into an {@link InferenceModel} for one sample shape:
 * eval-mode BatchNorm folded into the preceding conv (w' = w·γ/√(σ²+ε) per output
 * channel, b' = (b − μ)·γ/√(σ²+ε) + β), a following ReLU fused into the conv or linear
 * kernel, and each conv and linear layer put on whichever of its dense or sparse kernel
 * {@link MeasuredKernelChoice} measures faster for its shape, density and batch size (the policy
 * override forces one). Masked weights are zero by the Parameter invariant, so the
 * sparse structure is the nonzeros of the folded weight. Unsupported modules fail with
 * the module's path and type.
 */
public final class InferenceCompiler {
    private InferenceCompiler() {}

    /** sampleShape without the batch axis, e.g. {3, 32, 32}. */
    public static InferenceModel compile(Module model, int... sampleShape) {
        if (model == null) throw new IllegalArgumentException("inference compiler: model must not be null");
        if (sampleShape == null || sampleShape.length == 0) throw new IllegalArgumentException("inference compiler: sample shape must not be empty");
        ModelGraph graph = ModelGraph.of(model);
        for (GraphNode n : graph.nodes()) {
            if (n instanceof GraphNode.Recurrent r) {
                throw new IllegalArgumentException("inference compiler: recurrent layer '" + r.name() + "' (FastGRNN) cannot be exported; supported: conv/linear stacks, residual and depthwise-separable blocks");
            }
        }
        List<CompiledOp> ops = new ArrayList<>();
        compileList(graph.nodes(), sampleShape.clone(), ops);
        return new InferenceModel(ops, sampleShape);
    }

    /** Compiles nodes starting from shape s into out; returns the output shape. */
    private static int[] compileList(List<GraphNode> nodes, int[] s, List<CompiledOp> out) {
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode node = nodes.get(i);
            switch (node) {
                case GraphNode.Conv c -> {
                    var conv = c.conv();
                    require(s.length == 3 && s[0] == conv.inChannels(), c.name(), "[" + conv.inChannels() + ", H, W]", s);
                    ConvGeometry g = new ConvGeometry(1, s[0], s[1], s[2], conv.outChannels(), conv.kernelSize(), conv.kernelSize(), conv.stride(), conv.stride(),
                            conv.padding(), conv.padding(), conv.dilation(), conv.dilation(), conv.groups());
                    float[] w = effective(conv.weight());
                    float[] b = conv.bias() == null ? null : conv.bias().data().clone();
                    if (i + 1 < nodes.size() && nodes.get(i + 1) instanceof GraphNode.Norm n) {
                        b = fold(n.bn(), w, b, g.patchSize(), n.name());
                        i++;
                    }
                    boolean relu = i + 1 < nodes.size() && nodes.get(i + 1) instanceof GraphNode.Activation a && !a.relu6();
                    if (relu) i++;
                    out.add(conv(c.name(), g, w, b, relu));
                    s = new int[] {g.outChannels(), g.outH(), g.outW()};
                }
                case GraphNode.Dense d -> {
                    var lin = d.linear();
                    require(s.length == 1 && s[0] == lin.inFeatures(), d.name(), "[" + lin.inFeatures() + "]", s);
                    boolean relu = i + 1 < nodes.size() && nodes.get(i + 1) instanceof GraphNode.Activation a && !a.relu6();
                    if (relu) i++;
                    out.add(linear(d.name(), lin.inFeatures(), lin.outFeatures(), effective(lin.weight()), lin.bias() == null ? null : lin.bias().data().clone(), relu));
                    s = new int[] {lin.outFeatures()};
                }
                case GraphNode.Norm n -> {
                    require(s.length >= 1 && s[0] == n.bn().numFeatures(), n.name(), "[" + n.bn().numFeatures() + ", ...]", s);
                    int c = n.bn().numFeatures();
                    float[] scale = new float[c], shift = new float[c];
                    affine(n.bn(), scale, shift);
                    out.add(new ChannelAffineOp(n.name(), s.clone(), scale, shift));
                }
                case GraphNode.Activation a -> out.add(new ActivationOp(a.relu6() ? Unary.RELU6 : Unary.RELU, s.clone()));
                case GraphNode.Pool p -> {
                    require(s.length == 3, "pool", "[C, H, W]", s);
                    PoolOp op = new PoolOp(p.max(), PoolGeometry.of(1, s[0], s[1], s[2], p.kernel(), p.stride(), p.padding()));
                    out.add(op);
                    s = op.outShape();
                }
                case GraphNode.GlobalPool gp -> {
                    require(s.length == 3, "global average pool", "[C, H, W]", s);
                    GlobalPoolOp op = new GlobalPoolOp(s.clone(), gp.keepDims());
                    out.add(op);
                    s = op.outShape();
                }
                case GraphNode.Flatten f -> {
                    FlattenOp op = new FlattenOp(s.clone());
                    out.add(op);
                    s = op.outShape();
                }
                case GraphNode.Residual r -> {
                    List<CompiledOp> pre = new ArrayList<>(), branch = new ArrayList<>(), shortcut = new ArrayList<>();
                    int[] p = compileList(r.pre(), s, pre);
                    int[] b = compileList(r.branch(), p, branch);
                    int[] from = r.shortcutFromPre() ? p : s;
                    int[] sc = r.shortcut() == null ? from : compileList(r.shortcut(), from, shortcut);
                    if (!Arrays.equals(b, sc)) throw new IllegalArgumentException(r.name() + ": branch gives " + Arrays.toString(b) + ", shortcut " + Arrays.toString(sc));
                    out.add(new ResidualOp(r.name(), s.clone(), pre, branch, shortcut, r.shortcutFromPre(), r.reluAfter()));
                    s = b;
                }
                case GraphNode.Recurrent r -> throw new IllegalArgumentException("inference compiler: recurrent layer '" + r.name() + "' cannot be exported");
            }
        }
        return s;
    }

    private static void require(boolean ok, String where, String expected, int[] got) {
        if (!ok) throw new IllegalArgumentException("inference compiler: " + where + " expects a sample of shape " + expected + ", got " + Arrays.toString(got));
    }

    /** w ⊙ m as a fresh array (the mask is applied again in case a caller broke the invariant). */
    private static float[] effective(Parameter p) {
        float[] w = p.data().clone();
        if (p.hasMask()) p.mask().applyTo(w);
        return w;
    }

    private static void affine(BatchNorm2d bn, float[] scale, float[] shift) {
        float[] gamma = bn.weight().data(), beta = bn.bias().data(), mean = bn.runningMean().data(), var = bn.runningVar().data();
        for (int c = 0; c < scale.length; c++) {
            double a = gamma[c] / Math.sqrt((double) var[c] + bn.eps());
            scale[c] = (float) a;
            shift[c] = (float) (beta[c] - mean[c] * a);
        }
    }

    /** Scales w's output rows in place and returns the folded bias. */
    private static float[] fold(BatchNorm2d bn, float[] w, float[] bias, int patch, String name) {
        int cout = w.length / patch;
        if (bn.numFeatures() != cout) throw new IllegalArgumentException("inference compiler: " + name + " normalises " + bn.numFeatures() + " channels after a conv with " + cout);
        float[] gamma = bn.weight().data(), beta = bn.bias().data(), mean = bn.runningMean().data(), var = bn.runningVar().data();
        float[] b = new float[cout];
        for (int c = 0; c < cout; c++) {
            double a = gamma[c] / Math.sqrt((double) var[c] + bn.eps());
            for (int j = 0; j < patch; j++) w[c * patch + j] = (float) (w[c * patch + j] * a);
            double b0 = bias == null ? 0.0 : bias[c];
            b[c] = (float) ((b0 - mean[c]) * a + beta[c]);
        }
        return b;
    }

    /** A conv op; its kernel is measured per batch size on first use (unless the current policy forces one). */
    static ConvOp conv(String name, ConvGeometry g, float[] w, float[] bias, boolean relu) {
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, g.outChannels(), g.patchSize());
        return new ConvOp(name, g, w, csr, bias, relu, csr.density(), MeasuredKernelChoice.policy(), new KernelChoice.Decisions());
    }

    /** A linear op; its kernel is measured per batch size on first use (unless the current policy forces one). */
    static LinearOp linear(String name, int in, int out, float[] w, float[] bias, boolean relu) {
        CsrMatrix csr = CsrMatrix.fromDense(w, 0, out, in);
        return new LinearOp(name, in, out, w, csr, bias, relu, csr.density(), MeasuredKernelChoice.policy(), new KernelChoice.Decisions());
    }
}
