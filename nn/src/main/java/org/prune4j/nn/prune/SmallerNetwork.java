package org.prune4j.nn.prune;

import java.util.List;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.graph.GraphNode;
import org.prune4j.nn.graph.ModelGraph;
import org.prune4j.nn.layers.AdaptiveAvgPool2d;
import org.prune4j.nn.layers.AvgPool2d;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Flatten;
import org.prune4j.nn.layers.GlobalAvgPool;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.MaxPool2d;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.ReLU6;
import org.prune4j.nn.layers.Residual;
import org.prune4j.nn.layers.Sequential;

/**
 * Rebuilds a network physically smaller from a {@link ChannelPlan}: every conv, linear
 * and BatchNorm keeps only the planned channels (weights, biases, running statistics and
 * any unstructured mask copied over), depthwise convs shrink their groups with their
 * channels, residual blocks become generic {@link Residual} modules. The result is a
 * plain module tree of dense layers — a real speedup on any kernel — that trains like
 * any other model. Parameter names differ from the original's, since the structure does.
 */
public final class SmallerNetwork {
    private SmallerNetwork() {}

    public static Sequential build(Module model, ChannelPlan plan) {
        if (model == null || plan == null) throw new IllegalArgumentException("smaller network: model and plan must not be null");
        Sequential out = build(ModelGraph.of(model).nodes(), plan);
        out.train(model.isTraining());
        return out;
    }

    private static Sequential build(List<GraphNode> nodes, ChannelPlan plan) {
        Sequential seq = new Sequential();
        Rng rng = new Rng(0); // every weight is overwritten; the generator only satisfies the constructors
        for (GraphNode n : nodes) {
            switch (n) {
                case GraphNode.Conv c -> seq.add(conv(c.conv(), plan, rng));
                case GraphNode.Dense d -> seq.add(linear(d.linear(), plan, rng));
                case GraphNode.Norm b -> seq.add(norm(b.bn(), plan));
                case GraphNode.Activation a -> seq.add(a.relu6() ? new ReLU6() : new ReLU());
                case GraphNode.Pool p -> seq.add(p.max() ? new MaxPool2d(p.kernel(), p.stride(), p.padding()) : new AvgPool2d(p.kernel(), p.stride(), p.padding()));
                case GraphNode.GlobalPool g -> seq.add(g.keepDims() ? new AdaptiveAvgPool2d(1) : new GlobalAvgPool());
                case GraphNode.Flatten f -> seq.add(new Flatten());
                case GraphNode.Residual r -> {
                    if (!r.pre().isEmpty()) throw new IllegalArgumentException("smaller network: pre-activation block " + r.name() + " is not supported");
                    seq.add(new Residual(build(r.branch(), plan), r.shortcut() == null ? null : build(r.shortcut(), plan), r.reluAfter()));
                }
                case GraphNode.Recurrent r -> throw new IllegalArgumentException("smaller network: recurrent layer " + r.name() + " is not supported");
            }
        }
        return seq;
    }

    private static Conv2d conv(Conv2d c, ChannelPlan plan, Rng rng) {
        int[] io = plan.inOut(c);
        int cin = c.inChannels(), cout = c.outChannels(), kk = c.kernelSize() * c.kernelSize();
        int[] outKept = plan.keptOf(io[1], cout);
        if (plan.isDepthwise(c)) {
            int k = outKept.length;
            Conv2d n = new Conv2d(k, k, c.kernelSize(), c.stride(), c.padding(), c.dilation(), k, c.bias() != null, rng);
            copyRows(c.weight(), n.weight(), outKept, null, kk, 1);
            copyBias(c.bias(), n.bias(), outKept);
            return n;
        }
        int[] inKept = c.groups() == 1 ? plan.keptOf(io[0], cin) : all(cin);
        Conv2d n = new Conv2d(inKept.length, outKept.length, c.kernelSize(), c.stride(), c.padding(), c.dilation(), c.groups(), c.bias() != null, rng);
        copyRows(c.weight(), n.weight(), outKept, c.groups() == 1 ? inKept : null, kk, cin / c.groups());
        copyBias(c.bias(), n.bias(), outKept);
        return n;
    }

    private static Linear linear(Linear l, ChannelPlan plan, Rng rng) {
        int[] io = plan.inOut(l);
        int in = l.inFeatures();
        int[] outKept = plan.keptOf(io[1], l.outFeatures());
        // A flattened [C, H, W] input: each channel owns in/C consecutive features.
        int channels = plan.channelsOf(io[0], in);
        int per = in / channels;
        int[] chKept = plan.keptOf(io[0], channels);
        int[] inKept = new int[chKept.length * per];
        for (int i = 0; i < chKept.length; i++) for (int j = 0; j < per; j++) inKept[i * per + j] = chKept[i] * per + j;
        Linear n = new Linear(inKept.length, outKept.length, l.bias() != null, rng);
        copyRows(l.weight(), n.weight(), outKept, inKept, 1, in);
        copyBias(l.bias(), n.bias(), outKept);
        return n;
    }

    private static BatchNorm2d norm(BatchNorm2d b, ChannelPlan plan) {
        Integer space = plan.spaceOf(b);
        int[] kept = plan.keptOf(space, b.numFeatures());
        BatchNorm2d n = new BatchNorm2d(kept.length, b.momentum(), b.eps());
        for (int i = 0; i < kept.length; i++) {
            n.weight().data()[i] = b.weight().data()[kept[i]];
            n.bias().data()[i] = b.bias().data()[kept[i]];
            n.runningMean().data()[i] = b.runningMean().data()[kept[i]];
            n.runningVar().data()[i] = b.runningVar().data()[kept[i]];
        }
        n.numBatchesTracked().data()[0] = b.numBatchesTracked().data()[0];
        return n;
    }

    /**
     * dst[r, c, t] = src[outKept[r], inKept[c], t] over rows of inCols·inner values in src
     * (inKept null = every column); masks are carried over the same way.
     */
    private static void copyRows(Parameter src, Parameter dst, int[] outKept, int[] inKept, int inner, int inCols) {
        int cols = inKept == null ? inCols : inKept.length;
        float[] s = src.data(), d = dst.data();
        float[] sm = src.hasMask() ? src.mask().data() : null;
        float[] dm = sm == null ? null : new float[d.length];
        for (int r = 0; r < outKept.length; r++) {
            for (int c = 0; c < cols; c++) {
                int sc = inKept == null ? c : inKept[c];
                int from = (outKept[r] * inCols + sc) * inner, to = (r * cols + c) * inner;
                System.arraycopy(s, from, d, to, inner);
                if (sm != null) System.arraycopy(sm, from, dm, to, inner);
            }
        }
        if (dm != null) dst.setMask(Mask.of(dst.shape(), dm));
    }

    private static void copyBias(Parameter src, Parameter dst, int[] outKept) {
        if (src == null) return;
        for (int i = 0; i < outKept.length; i++) dst.data()[i] = src.data()[outKept[i]];
    }

    private static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
