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

    static float[] runAll(List<CompiledOp> ops, Kernels k, float[] x, int batch) {
        for (CompiledOp op : ops) x = op.run(k, x, batch);
        return x;
    }

    @Override public float[] run(Kernels k, float[] x, int batch) {
        float[] p = runAll(pre, k, x, batch);
        float[] b = runAll(branch, k, p, batch);
        float[] s = runAll(shortcut, k, shortcutFromPre ? p : x, batch);
        float[] y = new float[b.length];
        k.binary(Binary.ADD, b.length, b, 0, s, 0, y, 0);
        if (relu) k.unary(Unary.RELU, y.length, y, 0, y, 0);
        return y;
    }
}
