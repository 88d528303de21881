package org.prune4j.nn.graph;

import java.util.Arrays;
import java.util.List;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.core.kernels.PoolGeometry;

/**
 * Propagates one sample's shape ([C, H, W], [F] or [T, F] for recurrent input) through a
 * graph without computing anything, telling a visitor the geometry each conv, linear and
 * recurrent layer sees. This is how spatial sizes, known only for a given input, reach
 * the FLOP counter, the exporter and the stage finder — no forward hooks needed.
 */
public final class ShapeWalk {
    private ShapeWalk() {}

    /** Callbacks for the layers whose cost depends on the input geometry. */
    public interface Visitor {
        /** g has batch 1. */
        default void conv(GraphNode.Conv node, ConvGeometry g) {}

        default void dense(GraphNode.Dense node) {}

        default void recurrent(GraphNode.Recurrent node, int steps) {}
    }

    /** The output shape of graph for a sample of the given shape. */
    public static int[] walk(ModelGraph graph, int[] sampleShape, Visitor v) {
        if (sampleShape == null || sampleShape.length == 0) throw new IllegalArgumentException("shape walk: sample shape must not be empty");
        return walk(graph.nodes(), sampleShape.clone(), v);
    }

    static int[] walk(List<GraphNode> nodes, int[] s, Visitor v) {
        for (GraphNode n : nodes) s = step(n, s, v);
        return s;
    }

    private static int[] step(GraphNode node, int[] s, Visitor v) {
        switch (node) {
            case GraphNode.Conv c -> {
                need(s.length == 3 && s[0] == c.conv().inChannels(), c.name(), "[" + c.conv().inChannels() + ", H, W]", s);
                var k = c.conv();
                ConvGeometry g = new ConvGeometry(1, s[0], s[1], s[2], k.outChannels(), k.kernelSize(), k.kernelSize(), k.stride(), k.stride(),
                        k.padding(), k.padding(), k.dilation(), k.dilation(), k.groups());
                v.conv(c, g);
                return new int[] {g.outChannels(), g.outH(), g.outW()};
            }
            case GraphNode.Dense d -> {
                need(s.length == 1 && s[0] == d.linear().inFeatures(), d.name(), "[" + d.linear().inFeatures() + "]", s);
                v.dense(d);
                return new int[] {d.linear().outFeatures()};
            }
            case GraphNode.Norm b -> {
                need(s.length >= 1 && s[0] == b.bn().numFeatures(), b.name(), "[" + b.bn().numFeatures() + ", ...]", s);
                return s;
            }
            case GraphNode.Activation a -> { return s; }
            case GraphNode.Pool p -> {
                need(s.length == 3, "pool", "[C, H, W]", s);
                PoolGeometry g = PoolGeometry.of(1, s[0], s[1], s[2], p.kernel(), p.stride(), p.padding());
                return new int[] {s[0], g.outH(), g.outW()};
            }
            case GraphNode.GlobalPool g -> {
                need(s.length == 3, "global average pool", "[C, H, W]", s);
                return g.keepDims() ? new int[] {s[0], 1, 1} : new int[] {s[0]};
            }
            case GraphNode.Flatten f -> { return new int[] {Arrays.stream(s).reduce(1, (a, b) -> a * b)}; }
            case GraphNode.Residual r -> {
                int[] pre = walk(r.pre(), s, v);
                int[] b = walk(r.branch(), pre, v);
                int[] sc = r.shortcut() == null ? (r.shortcutFromPre() ? pre : s) : walk(r.shortcut(), r.shortcutFromPre() ? pre : s, v);
                if (!Arrays.equals(b, sc)) {
                    throw new IllegalArgumentException(r.name() + ": residual branch gives " + Arrays.toString(b) + " but the shortcut gives " + Arrays.toString(sc));
                }
                return b;
            }
            case GraphNode.Recurrent r -> {
                need(s.length == 2 && s[1] == r.cell().inputSize(), r.name(), "[T, " + r.cell().inputSize() + "]", s);
                v.recurrent(r, s[0]);
                return new int[] {r.cell().hiddenSize()};
            }
        }
    }

    private static void need(boolean ok, String where, String expected, int[] got) {
        if (!ok) throw new IllegalArgumentException(where + ": expects a sample of shape " + expected + ", got " + Arrays.toString(got));
    }
}
