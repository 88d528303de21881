package org.prune4j.bench.cli.data;

import java.nio.file.Path;
import org.prune4j.data.Dataset;
import org.prune4j.data.SampleTransform;

/**
 * A named data set ready for training: both splits, the per-sample transform of each
 * (augmentation and normalisation for training, normalisation only for evaluation) and
 * the directory it came from.
 */
public record DataSplits(DatasetName name, Path dir, Dataset train, Dataset test,
                         SampleTransform trainTransform, SampleTransform evalTransform) {
    public int numClasses() { return train.numClasses(); }

    /** "fashion-mnist from /usr/share/... (60000 train, 10000 test, [1, 28, 28], 10 classes)". */
    public String describe() {
        return String.format("%s from %s (%d train, %d test, sample %s, %d classes)",
                name, dir, train.size(), test.size(), train.sampleShape(), numClasses());
    }
}
