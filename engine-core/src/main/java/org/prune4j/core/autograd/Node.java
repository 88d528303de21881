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

    /** gradOut has the output's size; it must not be modified or retained. */
    public abstract void backward(float[] gradOut);

    @Override public String toString() { return name; }
}
