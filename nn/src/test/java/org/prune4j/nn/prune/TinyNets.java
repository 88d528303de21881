package org.prune4j.nn.prune;

import org.prune4j.core.tensor.Rng;
import org.prune4j.nn.Module;
import org.prune4j.nn.layers.BatchNorm2d;
import org.prune4j.nn.layers.Conv2d;
import org.prune4j.nn.layers.Flatten;
import org.prune4j.nn.layers.GlobalAvgPool;
import org.prune4j.nn.layers.Linear;
import org.prune4j.nn.layers.MaxPool2d;
import org.prune4j.nn.layers.ReLU;
import org.prune4j.nn.layers.Sequential;

/** Small models for the pruning tests (8×8 inputs). */
final class TinyNets {
    private TinyNets() {}

    /** conv(c→8) BN ReLU pool conv(8→12) BN ReLU GAP linear(12→classes). */
    static Sequential convNet(int channels, int classes, long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(
                new Conv2d(channels, 8, 3, 1, 1, false, rng), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
                new Conv2d(8, 12, 3, 1, 1, false, rng), new BatchNorm2d(12), new ReLU(),
                new GlobalAvgPool(), new Linear(12, classes, rng));
    }

    /** A plain VGG-like stack with conv biases and a flattening head. */
    static Sequential vggNet(int channels, int classes, long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(
                new Conv2d(channels, 8, 3, 1, 1, true, rng), new BatchNorm2d(8), new ReLU(), new MaxPool2d(2),
                new Conv2d(8, 16, 3, 1, 1, true, rng), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(16 * 2 * 2, classes, rng));
    }

    static Module randomiseBatchNorms(Module m, long seed) {
        Rng rng = new Rng(seed);
        for (Module x : m.namedModules().values()) {
            if (x instanceof BatchNorm2d bn) {
                for (int c = 0; c < bn.numFeatures(); c++) {
                    bn.weight().data()[c] = 0.5f + rng.uniform();
                    bn.bias().data()[c] = rng.uniform(-0.3f, 0.3f);
                    bn.runningMean().data()[c] = rng.uniform(-0.2f, 0.2f);
                    bn.runningVar().data()[c] = 0.5f + rng.uniform();
                }
            }
        }
        return m;
    }
}
