package org.prune4j.nn.infer;

import java.util.List;
import org.prune4j.core.kernels.Binary;
import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.Unary;

/** out = branch(p) + shortcut(s) (identity when empty), ReLU after when set; p = pre(x), s = shortcutFromPre ? p : x. */
public record ResidualOp(String name, int[] inShape, List<CompiledOp> pre, List<CompiledOp> branch, List<CompiledOp> shortcut,
                         boolean shortcutFromPre, boolean relu) implements CompiledOp {
    public ResidualOp {
        pre = List.copyOf(pre);
        branch = List.copyOf(branch);
        shortcut = List.copyOf(shortcut);
    }

    @Override public int[] inShape() { return inShape.clone(); }

    @Override public int[] outShape() { return branch.isEmpty() ? inShape.clone() : branch.get(branch.size() - 1).outShape(); }

    /**
     * ops in order from x. Each op's input goes back to out once the next op has read it, except x itself when the
     * caller still holds it (ownsX false); the result is x or an array the caller now owns.
     */
    static float[] runAll(List<CompiledOp> ops, Kernels k, float[] x, int batch, ActivationBuffers out, boolean ownsX) {
        for (CompiledOp op : ops) {
            float[] y = op.run(k, x, batch, out);
            if (y != x) {
                if (ownsX) out.give(x);
                ownsX = true;
            }
            x = y;
        }
        return x;
    }

    @Override public float[] run(Kernels k, float[] x, int batch, ActivationBuffers out) {
        float[] p = runAll(pre, k, x, batch, out, false);
        float[] b = runAll(branch, k, p, batch, out, false);
        float[] s = runAll(shortcut, k, shortcutFromPre ? p : x, batch, out, false);
        float[] y = out.take(b.length);
        k.binary(Binary.ADD, b.length, b, 0, s, 0, y, 0);
        if (relu) k.unary(Unary.RELU, y.length, y, 0, y, 0);
        // x is the caller's; the rest were made here (an empty list hands its input through, so compare identities).
        if (b != p && b != x) out.give(b);
        if (s != p && s != x && s != b) out.give(s);
        if (p != x) out.give(p);
        return y;
    }
}
