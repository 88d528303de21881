package org.prune4j.core.autograd;

import org.prune4j.core.tensor.Tensor;

/**
 * One recorded operation on the tape: its inputs and how to push the gradient of its
 * output back into them. Implementations accumulate into each input that
 * {@link Tensor#requiresGrad()} via {@link Tensor#accumulateGrad}.
 */
public abstract class Node {
    private final String name;
    private final Tensor[] inputs;

    protected Node(String name, Tensor... inputs) {
        this.name = name;
        this.inputs = inputs;
    }

    public String name() { return name; }

    public Tensor[] inputs() { return inputs; }

    /**
     * gradOut has the output's size; it must not be modified or retained. It is a kernel
     * buffer that may be newer on the output's device than on the host: pass it to
     * kernels, or call {@link org.prune4j.core.tensor.HostAccess#beforeHostAccess} before
     * reading it on the host.
     */
    public abstract void backward(float[] gradOut);

    @Override public String toString() { return name; }
}
