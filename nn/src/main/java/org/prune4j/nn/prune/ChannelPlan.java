package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.nn.Module;
import org.prune4j.nn.graph.GraphNode;
import org.prune4j.nn.graph.ModelGraph;
import org.prune4j.nn.graph.ShapeWalk;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Linear;

/**
 * Which channels of a network survive L1-norm filter pruning. Channels are grouped into
 * <em>spaces</em>: the outputs of a conv or linear layer form one, a depthwise conv
 * stays in its input's space, and a residual sum merges the spaces of its two sides —
 * so a ResNet stage's stream (stem or projection, every block's last conv, the
 * identities) is one space whose channels are pruned together, with their BatchNorms.
 * Each prunable space keeps round(ratio·C) (at least one) channels with the largest L1
 * norm summed over every filter producing that channel. The input and the network output
 * are never pruned; grouped (non-depthwise) convs pin their spaces.
 *
 * <p>A stage is the set of spaces whose producers output at one spatial resolution (in
 * order of appearance; linear layers form the last stage); per-stage keep ratios are
 * what a pruning space (He et al.) samples.
 */
public final class ChannelPlan {
    private final Map<Module, int[]> convIo = new IdentityHashMap<>();   // conv/linear → {in space, out space}
    private final Map<Module, Integer> normSpace = new IdentityHashMap<>();
    private final Map<Module, Boolean> depthwise = new IdentityHashMap<>();
    private final List<Integer> parent = new ArrayList<>();
    private final List<Integer> size = new ArrayList<>();
    private final List<Boolean> pinned = new ArrayList<>();
    private final List<Module> producerOrder = new ArrayList<>();
    private final Map<Integer, int[]> kept = new LinkedHashMap<>();
    private final List<String> stageNames = new ArrayList<>();
    private final Map<Integer, Integer> stageOfSpace = new LinkedHashMap<>();

    private ChannelPlan() {}

    /** Analyses model; sampleShape (may be null) is needed only to assign stages. */
    public static ChannelPlan analyse(Module model, int[] sampleShape) {
        ChannelPlan p = new ChannelPlan();
        ModelGraph g = ModelGraph.of(model);
        int input = p.newSpace(-1);
        p.pinned.set(input, true);
        int out = p.walk(g.nodes(), input);
        p.pinned.set(out, true);
        p.pinned.set(p.find(out), true);
        if (sampleShape != null) p.assignStages(g, sampleShape);
        return p;
    }

    // ------------------------------------------------------------------ union-find over spaces

    private int newSpace(int channels) {
        parent.add(parent.size());
        size.add(channels);
        pinned.add(false);
        return parent.size() - 1;
    }

    int find(int s) {
        while (parent.get(s) != s) s = parent.get(s);
        return s;
    }

    private void union(int a, int b, String where) {
        int ra = find(a), rb = find(b);
        if (ra == rb) return;
        if (size.get(ra) >= 0 && size.get(rb) >= 0 && !size.get(ra).equals(size.get(rb))) {
            throw new IllegalArgumentException(where + ": residual sum of " + size.get(ra) + " and " + size.get(rb) + " channels");
        }
        parent.set(rb, ra);
        if (size.get(ra) < 0) size.set(ra, size.get(rb));
        pinned.set(ra, pinned.get(ra) || pinned.get(rb));
    }

    private void pin(int s) { pinned.set(find(s), true); }

    private int walk(List<GraphNode> nodes, int s) {
        for (GraphNode n : nodes) s = step(n, s);
        return s;
    }

    private int step(GraphNode node, int s) {
        switch (node) {
            case GraphNode.Conv c -> {
                Conv2d conv = c.conv();
                if (size.get(find(s)) < 0) size.set(find(s), conv.inChannels());
                boolean dw = conv.groups() > 1 && conv.groups() == conv.inChannels() && conv.groups() == conv.outChannels();
                int out = dw ? s : newSpace(conv.outChannels());
                if (conv.groups() > 1 && !dw) {
                    pin(s);
                    pin(out);
                }
                convIo.put(conv, new int[] {s, out});
                depthwise.put(conv, dw);
                producerOrder.add(conv);
                return out;
            }
            case GraphNode.Dense d -> {
                int out = newSpace(d.linear().outFeatures());
                convIo.put(d.linear(), new int[] {s, out});
                producerOrder.add(d.linear());
                return out;
            }
            case GraphNode.Norm n -> {
                normSpace.put(n.bn(), s);
                return s;
            }
            case GraphNode.Residual r -> {
                if (!r.pre().isEmpty()) throw new IllegalArgumentException("filter pruning: pre-activation residual blocks (" + r.name() + ", WideResNet) are not supported");
                int b = walk(r.branch(), s);
                int sc = r.shortcut() == null ? s : walk(r.shortcut(), s);
                union(b, sc, r.name());
                return b;
            }
            case GraphNode.Recurrent r -> throw new IllegalArgumentException("filter pruning: recurrent layer '" + r.name() + "' is not supported; use fastgrnn-columns");
            default -> { return s; }
        }
    }

    private void assignStages(ModelGraph g, int[] sampleShape) {
        Map<Module, String> resolution = new IdentityHashMap<>();
        ShapeWalk.walk(g, sampleShape, new ShapeWalk.Visitor() {
            @Override public void conv(GraphNode.Conv node, ConvGeometry geo) { resolution.put(node.conv(), geo.outH() + "x" + geo.outW()); }

            @Override public void dense(GraphNode.Dense node) { resolution.put(node.linear(), "fc"); }
        });
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (Module m : producerOrder) {
            if (depthwise.getOrDefault(m, false)) continue;
            int space = find(convIo.get(m)[1]);
            if (stageOfSpace.containsKey(space) || pinned.get(space)) continue;
            String res = resolution.get(m);
            Integer st = byName.get(res);
            if (st == null) {
                st = byName.size();
                byName.put(res, st);
            }
            stageOfSpace.put(space, st);
        }
        stageNames.addAll(byName.keySet());
    }

    // ------------------------------------------------------------------ selection

    /** The stages found (resolutions like "16x16", then "fc"); empty when analysed without a sample shape. */
    public List<String> stages() { return List.copyOf(stageNames); }

    /** The prunable spaces' root ids in order of appearance. */
    List<Integer> prunableSpaces() {
        List<Integer> out = new ArrayList<>();
        for (Module m : producerOrder) {
            int r = find(convIo.get(m)[1]);
            if (!pinned.get(r) && !out.contains(r)) out.add(r);
        }
        return out;
    }

    /**
     * Chooses the kept channels. ratios has one keep ratio per stage, or a single one for
     * every space; a stage beyond the list is an error naming the stages.
     */
    public ChannelPlan select(double... ratios) {
        if (ratios == null || ratios.length == 0) throw new IllegalArgumentException("filter pruning: need at least one keep ratio");
        for (double r : ratios) if (!(r > 0 && r <= 1)) throw new IllegalArgumentException("filter pruning: keep ratios must be in (0, 1], got " + Arrays.toString(ratios));
        if (ratios.length > 1 && stageNames.isEmpty()) throw new IllegalArgumentException("filter pruning: per-stage keep ratios need the input shape to find the stages");
        if (ratios.length > 1 && ratios.length != stageNames.size()) {
            throw new IllegalArgumentException("filter pruning: " + ratios.length + " keep ratios for " + stageNames.size() + " stages " + stageNames);
        }
        kept.clear();
        for (int space : prunableSpaces()) {
            double r = ratios.length == 1 ? ratios[0] : ratios[stageOfSpace.get(space)];
            int c = size.get(space);
            int k = Math.max(1, (int) Math.round(r * c));
            kept.put(space, topChannels(space, c, k));
        }
        return this;
    }

    private int[] topChannels(int space, int channels, int k) {
        float[] score = new float[channels];
        for (Module m : producerOrder) {
            if (find(convIo.get(m)[1]) != space) continue;
            float[] w = m instanceof Conv2d c ? effective(c.weight()) : effective(((Linear) m).weight());
            int per = w.length / channels;
            for (int c = 0; c < channels; c++) {
                double s = 0;
                for (int j = 0; j < per; j++) s += Math.abs(w[c * per + j]);
                score[c] += (float) s;
            }
        }
        return ScoreRanking.topK(score, k);
    }

    private static float[] effective(org.prune4j.nn.Parameter p) {
        float[] w = p.data().clone();
        if (p.hasMask()) p.mask().applyTo(w);
        return w;
    }

    /** The kept channel indices (ascending) of space s; all channels for a pinned space. */
    int[] keptOf(int s, int channels) {
        int[] k = kept.get(find(s));
        if (k != null) return k;
        int[] all = new int[channels];
        for (int i = 0; i < channels; i++) all[i] = i;
        return all;
    }

    private void requireSelected() {
        if (kept.isEmpty() && !prunableSpaces().isEmpty()) throw new IllegalStateException("filter pruning: call select(...) before using the plan");
    }

    int[] inOut(Module convOrLinear) { return convIo.get(convOrLinear); }

    /** The channel count of space s (a linear layer reading a flattened map sees fewer channels than features). */
    int channelsOf(int s, int fallback) {
        int c = size.get(find(s));
        if (c <= 0 || fallback % c != 0) return fallback;
        return c;
    }

    boolean isDepthwise(Conv2d c) { return depthwise.getOrDefault(c, false); }

    Integer spaceOf(BatchNorm2d bn) { return normSpace.get(bn); }

    /** Channels pruned over all prunable spaces (for reports). */
    public int prunedChannels() {
        int n = 0;
        for (var e : kept.entrySet()) n += size.get(e.getKey()) - e.getValue().length;
        return n;
    }

    // ------------------------------------------------------------------ applying

    /**
     * Zeroes the pruned channels in place, as masks: every producing filter (and its bias)
     * masked, the channel's BatchNorm γ and β set to 0. The masked network then computes
     * exactly what the rebuilt smaller one does.
     */
    public void zeroPrunedChannels(Module model) {
        requireSelected();
        for (Module m : model.namedModules().values()) {
            if ((m instanceof Conv2d || m instanceof Linear) && convIo.containsKey(m)) {
                int out = convIo.get(m)[1];
                if (!kept.containsKey(find(out))) continue;
                var weight = m instanceof Conv2d c ? c.weight() : ((Linear) m).weight();
                var bias = m instanceof Conv2d c ? c.bias() : ((Linear) m).bias();
                int channels = weight.shape().dim(0), per = weight.size() / channels;
                boolean[] keep = keepFlags(keptOf(out, channels), channels);
                PrunableLayer layer = new PrunableLayer("channels", weight);
                float[] mask = layer.keep();
                for (int c = 0; c < channels; c++) if (!keep[c]) Arrays.fill(mask, c * per, (c + 1) * per, 0f);
                layer.setKeep(mask);
                if (bias != null) for (int c = 0; c < channels; c++) if (!keep[c]) bias.data()[c] = 0f;
            } else if (m instanceof BatchNorm2d bn && normSpace.containsKey(bn)) {
                boolean[] keep = keepFlags(keptOf(normSpace.get(bn), bn.numFeatures()), bn.numFeatures());
                for (int c = 0; c < keep.length; c++) {
                    if (!keep[c]) {
                        bn.weight().data()[c] = 0f;
                        bn.bias().data()[c] = 0f;
                    }
                }
            }
        }
    }

    static boolean[] keepFlags(int[] kept, int n) {
        boolean[] f = new boolean[n];
        for (int i : kept) f[i] = true;
        return f;
    }
}
