package org.prune4j.nn.flops;

import java.util.ArrayList;
import java.util.List;
import org.prune4j.core.kernels.ConvGeometry;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.graph.GraphNode;
import org.prune4j.nn.graph.ModelGraph;
import org.prune4j.nn.graph.ShapeWalk;

/**
 * Counts multiply-adds of conv, linear and FastGRNN layers for one sample of a given
 * shape, by walking the model's graph with shape propagation ({@link ShapeWalk}), so
 * spatial sizes are the ones the real forward would see. Effective counts use each
 * weight's nonzeros (a pruned weight costs nothing in the ideal sparse kernel).
 * Elementwise ops, BatchNorm and pooling are not counted, as in ShrinkBench.
 */
public final class FlopCounter {
    private FlopCounter() {}

    /** sampleShape without the batch axis: {3, 32, 32} for CIFAR, {128, 9} for HAR-2. */
    public static FlopReport count(Module model, int... sampleShape) {
        ModelGraph graph = ModelGraph.of(model);
        List<LayerFlops> out = new ArrayList<>();
        ShapeWalk.walk(graph, sampleShape, new ShapeWalk.Visitor() {
            @Override public void conv(GraphNode.Conv node, ConvGeometry g) {
                Parameter w = node.conv().weight();
                long hw = (long) g.outH() * g.outW();
                long nnz = w.countNonzero();
                out.add(new LayerFlops(node.name(), "conv", w.size(), nnz, w.size() * hw, nnz * hw));
            }

            @Override public void dense(GraphNode.Dense node) {
                Parameter w = node.linear().weight();
                long nnz = w.countNonzero();
                out.add(new LayerFlops(node.name(), "linear", w.size(), nnz, w.size(), nnz));
            }

            @Override public void recurrent(GraphNode.Recurrent node, int steps) {
                // W·x_t and U·h_{t−1} each step, factor by factor when low rank.
                long size = 0, nnz = 0;
                for (var e : node.cell().namedParameters().entrySet()) {
                    if (!e.getValue().isPrunable()) continue;
                    size += e.getValue().size();
                    nnz += e.getValue().countNonzero();
                }
                out.add(new LayerFlops(node.name(), "recurrent", size, nnz, size * steps, nnz * steps));
            }
        });
        long total = 0, nonzero = 0;
        for (Parameter p : model.parameters()) {
            total += p.size();
            nonzero += p.countNonzero();
        }
        return new FlopReport(out, total, nonzero);
    }
}
