package org.prune4j.opencl;

/** Base of the classes that implement one family of SPI methods on a device. */
abstract class KernelFamily {
    protected final OpenClContext ctx;
    private final OpenClKernels owner;

    KernelFamily(OpenClContext ctx, OpenClKernels owner) {
        this.ctx = ctx;
        this.owner = owner;
    }

    /** Buffers for one call; eager or resident according to the backend's mode. */
    protected CallScope scope() { return new CallScope(ctx, owner.mirrors()); }

    protected KernelLaunch launch(String file, String kernel) { return ctx.launch(file, "", kernel); }

    /** Work-group size for one-group-per-output reductions of length len. */
    protected int reductionGroup(KernelLaunch l, long len) {
        int cap = 256;
        while (cap > 16 && cap / 2 >= len) cap /= 2; // short rows do not need wide groups
        return l.groupSize(cap);
    }
}
