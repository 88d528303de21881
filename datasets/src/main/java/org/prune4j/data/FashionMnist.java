package org.prune4j.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao et al. 2017): 60,000 training and 10,000 test grayscale 28×28 images of
 * 10 clothing classes, in MNIST's IDX format. Samples are [1, 28, 28] in [0, 1]; normalise
 * with {@link ChannelStats#FASHION_MNIST}.
 */
public final class FashionMnist {
    /** Where the Debian package dataset-fashion-mnist installs the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final String HOW_TO_GET = "Install it with `apt-get install dataset-fashion-mnist` (files go to " + DEFAULT_DIR
            + "), or put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and"
            + " t10k-labels-idx1-ubyte.gz from the zalandoresearch/fashion-mnist project into that directory.";

    private FashionMnist() {}

    /** Loads the training (60,000) or test (10,000) split from dir. */
    public static ByteImageDataset load(Path dir, boolean train) {
        return IdxImageSet.load("Fashion-MNIST", dir, train, CLASS_NAMES, HOW_TO_GET);
    }

    /** Loads a split from {@link #DEFAULT_DIR}. */
    public static ByteImageDataset load(boolean train) { return load(DEFAULT_DIR, train); }
}
