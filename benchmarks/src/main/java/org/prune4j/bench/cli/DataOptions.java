package org.prune4j.bench.cli;

import java.nio.file.Path;
import org.prune4j.bench.cli.data.DataSplits;
import org.prune4j.bench.cli.data.DatasetCatalog;
import org.prune4j.bench.cli.data.DatasetName;
import picocli.CommandLine.Option;

/** Which data and how much of it (a picocli mixin shared by the commands that read data). */
public final class DataOptions {
    @Option(names = "--dataset", description = "Data set: fashion-mnist, mnist, cifar10, har2, har6, imagefolder (default: fashion-mnist, or the checkpoint's).")
    String dataset;

    @Option(names = "--train-limit", description = "Use a fixed random subset of this many training samples (default: all).")
    Integer trainLimit;

    @Option(names = "--test-limit", description = "Use a fixed random subset of this many test samples (default: all).")
    Integer testLimit;

    @Option(names = "--batch-size", defaultValue = "64", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--image-size", defaultValue = "32", description = "imagefolder only: crop size in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize;

    /** The data set name given, or fallback (e.g. the checkpoint's) when none was. */
    public DatasetName name(String fallback) { return DatasetName.parse(dataset != null ? dataset : fallback); }

    public DataSplits load(Path dataDir, String fallbackName) {
        check();
        return DatasetCatalog.load(name(fallbackName), dataDir, trainLimit, testLimit, imageSize);
    }

    public int batchSize() { return batchSize; }

    void check() {
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        if (trainLimit != null && trainLimit < 1) throw new IllegalArgumentException("--train-limit must be >= 1, got " + trainLimit);
        if (testLimit != null && testLimit < 1) throw new IllegalArgumentException("--test-limit must be >= 1, got " + testLimit);
    }
}
