package org.prune4j.nn.graph;

import java.util.List;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.FastGRNNCell;
import org.prune4j.nn.layers.Linear;

/**
 * One step of a model's forward computation as {@link ModelGraph} lowers it. Leaf
 * nodes refer to the live modules (no copies), so a graph always sees the current
 * weights and masks; names are the modules' dotted paths.
 */
public sealed interface GraphNode {

    record Conv(String name, Conv2d conv) implements GraphNode {}

    record Dense(String name, Linear linear) implements GraphNode {}

    record Norm(String name, BatchNorm2d bn) implements GraphNode {}

    /** ReLU or ReLU6. */
    record Activation(boolean relu6) implements GraphNode {}

    record Pool(boolean max, int kernel, int stride, int padding) implements GraphNode {}

    /** Global average pooling; keepDims gives [N, C, 1, 1] (AdaptiveAvgPool2d) instead of [N, C]. */
    record GlobalPool(boolean keepDims) implements GraphNode {}

    record Flatten() implements GraphNode {}

    /**
     * out = branch(p) + (shortcut == null ? s : shortcut(s)), then ReLU when reluAfter, where
     * p = pre(x) and s = shortcutFromPre ? p : x (pre-activation blocks share bn+relu).
     */
    record Residual(String name, List<GraphNode> pre, List<GraphNode> branch, List<GraphNode> shortcut,
                    boolean shortcutFromPre, boolean reluAfter) implements GraphNode {
        public Residual {
            pre = List.copyOf(pre);
            branch = List.copyOf(branch);
            shortcut = shortcut == null ? null : List.copyOf(shortcut);
        }
    }

    /** A FastGRNN recurrence over [N, T, F] returning the last hidden state. */
    record Recurrent(String name, FastGRNNCell cell) implements GraphNode {}
}
