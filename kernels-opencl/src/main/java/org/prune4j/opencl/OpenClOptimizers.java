package org.prune4j.opencl;

/**
 * The fused SGD and Adam updates: one launch per parameter reads the weight, its
 * gradient and the optimizer state where they live and writes them back in place, so
 * a training step on the device never copies parameters or state to the host.
 */
final class OpenClOptimizers extends KernelFamily {
    private static final String FILE = "optim.cl";
    /** Division and sqrt rounded as in Java, so the device update matches the reference bit for bit. */
    private static final String OPTIONS = "-cl-fp32-correctly-rounded-divide-sqrt";

    OpenClOptimizers(OpenClContext ctx, OpenClKernels owner) { super(ctx, owner); }

    void sgd(int n, float[] w, float[] g, float[] buf, boolean first, float lr, float momentum, float dampening,
             float weightDecay, boolean nesterov, float[] mask) {
        if (n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dw = s.inOut(w), dg = s.in(g);
            // buf is written whole on the first step, so its stale host zeros need not travel
            boolean hasBuf = momentum != 0f; // buf is not touched without momentum
            DeviceBuffer db = !hasBuf ? dw : (first ? s.out(buf, n == buf.length) : s.inOut(buf));
            DeviceBuffer dm = mask == null ? dg : s.in(mask);
            ctx.launch(FILE, OPTIONS, "sgd_update").arg(n).arg(dw).arg(dg).arg(db).arg(hasBuf ? 1 : 0).arg(first ? 1 : 0)
                    .arg(lr).arg(momentum).arg(dampening).arg(weightDecay).arg(nesterov ? 1 : 0).arg(dm).arg(mask == null ? 0 : 1)
                    .run1d(n);
        }
    }

    void adam(int n, float[] w, float[] g, float[] m, float[] v, float lr, float stepSize, float beta1, float beta2, float eps,
              float weightDecay, boolean decoupled, float sqrtBiasCorrection2, float[] mask) {
        if (n == 0) return;
        try (CallScope s = scope()) {
            DeviceBuffer dw = s.inOut(w), dg = s.in(g), dm = s.inOut(m), dv = s.inOut(v);
            DeviceBuffer dmask = mask == null ? dg : s.in(mask);
            ctx.launch(FILE, OPTIONS, "adam_update").arg(n).arg(dw).arg(dg).arg(dm).arg(dv).arg(lr).arg(stepSize).arg(beta1)
                    .arg(beta2).arg(eps).arg(weightDecay).arg(decoupled ? 1 : 0).arg(sqrtBiasCorrection2).arg(dmask)
                    .arg(mask == null ? 0 : 1).run1d(n);
        }
    }
}
