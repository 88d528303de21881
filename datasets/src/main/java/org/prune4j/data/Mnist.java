package org.prune4j.data;

import java.nio.file.Path;
import java.util.List;

/**
 * MNIST handwritten digits: 60,000 training and 10,000 test grayscale 28×28 images in the IDX
 * format, read by the same code as {@link FashionMnist}. Samples are [1, 28, 28] in [0, 1];
 * normalise with {@link ChannelStats#MNIST}.
 */
public final class Mnist {
    /** Conventional location, beside Fashion-MNIST. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/mnist");

    public static final List<String> CLASS_NAMES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    static final String HOW_TO_GET = "Put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz"
            + " and t10k-labels-idx1-ubyte.gz (the original MNIST distribution, gzip or unpacked) into that directory.";

    private Mnist() {}

    /** Loads the training (60,000) or test (10,000) split from dir. */
    public static ByteImageDataset load(Path dir, boolean train) {
        return IdxImageSet.load("MNIST", dir, train, CLASS_NAMES, HOW_TO_GET);
    }

    /** Loads a split from {@link #DEFAULT_DIR}. */
    public static ByteImageDataset load(boolean train) { return load(DEFAULT_DIR, train); }
}
