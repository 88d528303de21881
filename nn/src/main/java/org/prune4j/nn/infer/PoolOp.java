package org.prune4j.nn.infer;

import org.prune4j.core.kernels.Kernels;
import org.prune4j.core.kernels.PoolGeometry;

/** Max or average pooling; geometry has batch 1. */
public record PoolOp(boolean max, PoolGeometry geometry) implements CompiledOp {
    @Override public int[] inShape() { return new int[] {geometry.channels(), geometry.inH(), geometry.inW()}; }

    @Override public int[] outShape() { return new int[] {geometry.channels(), geometry.outH(), geometry.outW()}; }

    @Override public float[] run(Kernels k, float[] x, int batch, ActivationBuffers out) {
        PoolGeometry g = new PoolGeometry(batch, geometry.channels(), geometry.inH(), geometry.inW(), geometry.kernelH(), geometry.kernelW(),
                geometry.strideH(), geometry.strideW(), geometry.padH(), geometry.padW());
        float[] y = out.take(g.outputSize());
        if (max) k.maxPool2dForward(g, x, y, new int[g.outputSize()]);
        else k.avgPool2dForward(g, x, y);
        return y;
    }
}
