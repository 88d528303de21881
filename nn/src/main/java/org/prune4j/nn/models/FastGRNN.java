package org.prune4j.nn.models;

import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.FastGRNNCell;
import org.prune4j.nn.layers.Linear;

/**
 * A FastGRNN sequence classifier: the {@link FastGRNNCell} ({@code cell}) runs over
 * [N, T, features] from a zero state and a Linear head ({@code fc}) classifies the last
 * hidden state. For HAR-2 (9 features, hidden 80, 2 classes, full rank) it has 7,444
 * parameters: W 720, U 6,400, biases 160, ζ and ν 2, head 162.
 */
public final class FastGRNN extends Module {
    private final FastGRNNCell cell;
    private final Linear fc;

    public FastGRNN(int inputSize, int hiddenSize, int wRank, int uRank, int numClasses, Rng rng) {
        if (numClasses <= 0) throw new IllegalArgumentException("FastGRNN: num_classes must be positive, got " + numClasses);
        cell = registerModule("cell", new FastGRNNCell(inputSize, hiddenSize, wRank, uRank, rng));
        fc = registerModule("fc", new Linear(hiddenSize, numClasses, rng));
    }

    @Override public Tensor forward(Tensor x) { return fc.forward(cell.forward(x)); }

    public FastGRNNCell cell() { return cell; }
}
