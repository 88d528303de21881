package org.prune4j.nn.models;

import org.prune4j.core.ops.Ops;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Linear;

/**
 * LeNet-5 in its common modern form (ReLU, 2×2 max-pooling) for 28×28 input:
 * conv1 in→6 5×5 pad 2 → ReLU → pool → conv2 6→16 5×5 → ReLU → pool → flatten (16·5·5)
 * → fc1 400→120 → ReLU → fc2 120→84 → ReLU → fc3 84→classes. With one input channel and
 * ten classes it has 61,706 parameters (156 + 2,416 + 48,120 + 10,164 + 850).
 * PyTorch's default init.
 */
public final class LeNet5 extends Module {
    private final int inChannels;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final Linear fc1;
    private final Linear fc2;
    private final Linear fc3;

    public LeNet5(int inChannels, int numClasses, Rng rng) {
        if (inChannels <= 0) throw new IllegalArgumentException("LeNet5: in_channels must be positive, got " + inChannels);
        if (numClasses <= 0) throw new IllegalArgumentException("LeNet5: num_classes must be positive, got " + numClasses);
        this.inChannels = inChannels;
        conv1 = registerModule("conv1", new Conv2d(inChannels, 6, 5, 1, 2, true, rng));
        conv2 = registerModule("conv2", new Conv2d(6, 16, 5, 1, 0, true, rng));
        fc1 = registerModule("fc1", new Linear(16 * 5 * 5, 120, rng));
        fc2 = registerModule("fc2", new Linear(120, 84, rng));
        fc3 = registerModule("fc3", new Linear(84, numClasses, rng));
    }

    public LeNet5(Rng rng) { this(1, 10, rng); }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.dim(1) != inChannels || x.dim(2) != 28 || x.dim(3) != 28) {
            throw new IllegalArgumentException("LeNet5: expected input [N, " + inChannels + ", 28, 28], got " + x.shape());
        }
        Tensor y = Ops.maxPool2d(Ops.relu(conv1.forward(x)), 2, 2, 0);
        y = Ops.maxPool2d(Ops.relu(conv2.forward(y)), 2, 2, 0);
        y = y.flatten();
        y = Ops.relu(fc1.forward(y));
        y = Ops.relu(fc2.forward(y));
        return fc3.forward(y);
    }
}
