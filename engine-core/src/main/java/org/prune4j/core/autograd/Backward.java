package org.prune4j.core.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.prune4j.core.tensor.GradientRecycler;
import org.prune4j.core.tensor.Tensor;

/**
 * Reverse-mode sweep over the tape: a topological order of the graph behind the root
 * (iterative, so a 128-step recurrent graph cannot overflow the stack), then each node's
 * backward in reverse order. Gradients of intermediate tensors are released as soon as
 * their node has run, unless {@link Tensor#retainGrad()} was called. Gradients reach
 * the nodes as kernel buffers (not synced to the host), so on a device the whole
 * sweep stays there.
 */
public final class Backward {
    private Backward() {}

    public static void run(Tensor root, float[] seed) {
        if (root.gradFn() == null) {
            if (!root.requiresGrad()) {
                throw new IllegalStateException("backward() on a tensor that does not require grad and has no history; "
                        + "was it computed under no-grad or from tensors without requiresGrad?");
            }
            root.accumulateGrad(seed);
            return;
        }
        try (GradientRecycler recycler = GradientRecycler.open()) {
            sweep(root, seed);
        }
    }

    private static void sweep(Tensor root, float[] seed) {
        List<Tensor> order = topologicalOrder(root);
        if (root.gradBuffer() == null) {
            if (seed.length != root.size()) {
                throw new IllegalArgumentException("seed gradient of " + seed.length + " elements for a result of shape " + root.shape());
            }
            // A host copy, not a kernel copy: nodes such as the losses read the seed on the
            // host, and a device copy would cost a download to read it back.
            root.setGrad(seed.clone());
        } else {
            root.accumulateGrad(seed);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            float[] g = t.gradBuffer(); // handed on as a kernel buffer: it stays on the device
            if (g == null) continue; // no gradient flowed here
            t.gradFn().backward(g);
            if (!t.retainsGrad()) {
                t.releaseGrad();
                if (!takenOver(t.gradFn(), g)) GradientRecycler.dropped(g);
            }
        }
    }

    /** Whether a node's backward made g an input's gradient (a sum hands its gradient on without a copy). */
    private static boolean takenOver(Node node, float[] g) {
        for (Tensor in : node.inputs()) {
            if (in != null && in.gradBuffer() == g) return true;
        }
        return false;
    }

    /** Tensors with a gradFn, in an order where every tensor comes after the ones it was computed from. */
    static List<Tensor> topologicalOrder(Tensor root) {
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        List<Tensor> post = new ArrayList<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Tensor t = (Tensor) top[0];
            int next = (Integer) top[1];
            Tensor[] ins = t.gradFn() == null ? new Tensor[0] : t.gradFn().inputs();
            if (next < ins.length) {
                top[1] = next + 1;
                Tensor in = ins[next];
                if (in != null && in.gradFn() != null && !seen.containsKey(in)) {
                    seen.put(in, Boolean.TRUE);
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                if (t.gradFn() != null) post.add(t);
            }
        }
        return Collections.unmodifiableList(post);
    }
}
