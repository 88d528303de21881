package org.prune4j.nn.prune;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.nn.Module;
import org.prune4j.nn.graph.GraphNode;
import org.prune4j.nn.graph.ModelGraph;

/**
 * Finds layer collapse, the failure Minimum Threshold exists to prevent: a prunable
 * layer with no weights left, or a path cut off. For models whose graph is known, each
 * channel is tracked for whether it still depends on the input (a conv output channel
 * does when some nonzero weight of its filter reads a channel that does; BatchNorm,
 * activations and pooling keep the property; a residual sum has it when either side
 * has). A layer that still has weights but whose outputs no longer depend on the input
 * is where the path was cut — every weight it kept reads a dead channel — and a network
 * whose output no longer depends on its input learns nothing.
 */
public final class LayerCollapse {
    private LayerCollapse() {}

    /** Human-readable findings; empty when the network is intact. */
    public static List<String> find(Module model) {
        List<String> out = new ArrayList<>();
        for (PrunableLayer l : PrunableWeights.of(model)) {
            int kept = l.parameter().countNonzero();
            if (kept == 0) out.add("layer collapse: " + l.name() + " has no weights left (all " + l.size() + " pruned)");
        }
        if (ModelGraph.supports(model)) {
            Alive a = walk(ModelGraph.of(model).nodes(), new Alive(null, false), out);
            if (a.channels != null && none(a.channels)) out.add("layer collapse: the network output no longer depends on its input (every path is cut)");
        }
        return out;
    }

    /** Per-channel dependence on the input; null = all channels (size not yet known). */
    private record Alive(boolean[] channels, boolean flattened) {}

    private static boolean none(boolean[] a) {
        for (boolean b : a) if (b) return false;
        return true;
    }

    private static boolean alive(boolean[] a, int i) { return a == null || a[i]; }

    private static Alive walk(List<GraphNode> nodes, Alive a, List<String> out) {
        for (GraphNode n : nodes) a = step(n, a, out);
        return a;
    }

    private static Alive step(GraphNode node, Alive a, List<String> out) {
        switch (node) {
            case GraphNode.Conv c -> {
                var conv = c.conv();
                float[] w = conv.weight().data();
                int cout = conv.outChannels(), cinG = conv.inChannels() / conv.groups(), coutG = cout / conv.groups();
                int kk = conv.kernelSize() * conv.kernelSize();
                boolean[] res = new boolean[cout];
                for (int o = 0; o < cout; o++) {
                    int g = o / coutG;
                    for (int ci = 0; ci < cinG && !res[o]; ci++) {
                        if (!alive(a.channels, g * cinG + ci)) continue;
                        int base = (o * cinG + ci) * kk;
                        for (int t = 0; t < kk; t++) if (w[base + t] != 0f) { res[o] = true; break; }
                    }
                }
                report(c.name() + ".weight", conv.weight().countNonzero(), a.channels, res, out);
                return new Alive(res, false);
            }
            case GraphNode.Dense d -> {
                var lin = d.linear();
                int in = lin.inFeatures(), outF = lin.outFeatures();
                int per = a.channels != null && a.flattened && a.channels.length != in && in % a.channels.length == 0 ? in / a.channels.length : 1;
                float[] w = lin.weight().data();
                boolean[] res = new boolean[outF];
                for (int o = 0; o < outF; o++) {
                    for (int i = 0; i < in; i++) {
                        if (w[o * in + i] != 0f && alive(a.channels, i / per)) { res[o] = true; break; }
                    }
                }
                report(d.name() + ".weight", lin.weight().countNonzero(), a.channels, res, out);
                return new Alive(res, false);
            }
            case GraphNode.Flatten f -> { return new Alive(a.channels, true); }
            case GraphNode.GlobalPool g -> { return new Alive(a.channels, false); }
            case GraphNode.Residual r -> {
                Alive pre = walk(r.pre(), a, out);
                Alive b = walk(r.branch(), pre, out);
                Alive from = r.shortcutFromPre() ? pre : a;
                Alive s = r.shortcut() == null ? from : walk(r.shortcut(), from, out);
                if (b.channels == null || s.channels == null) return new Alive(null, false);
                boolean[] res = new boolean[b.channels.length];
                for (int i = 0; i < res.length; i++) res[i] = b.channels[i] || (i < s.channels.length && s.channels[i]);
                return new Alive(res, false);
            }
            case GraphNode.Recurrent r -> {
                boolean any = false;
                for (var p : r.cell().namedParameters().values()) if (p.isPrunable() && p.countNonzero() > 0) any = true;
                boolean[] res = new boolean[r.cell().hiddenSize()];
                java.util.Arrays.fill(res, any);
                return new Alive(res, false);
            }
            default -> { return a; }
        }
    }

    /** A layer that kept weights, was fed live channels, and still outputs only dead ones is where the path broke. */
    private static void report(String name, int nnz, boolean[] in, boolean[] res, List<String> out) {
        if (nnz > 0 && (in == null || !none(in)) && none(res)) {
            out.add("layer collapse: path cut at " + name + ": its " + nnz + " remaining weights all read channels that no longer depend on the input");
        }
    }
}
