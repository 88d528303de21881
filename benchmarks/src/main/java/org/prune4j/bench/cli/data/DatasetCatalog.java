package org.prune4j.bench.cli.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.prune4j.data.ByteImageDataset;
import org.prune4j.data.ChannelStats;
import org.prune4j.data.Cifar10;
import org.prune4j.data.Dataset;
import org.prune4j.data.FashionMnist;
import org.prune4j.data.ImageFolderDataset;
import org.prune4j.data.Mnist;
import org.prune4j.data.Normalize;
import org.prune4j.data.RandomCrop;
import org.prune4j.data.RandomHorizontalFlip;
import org.prune4j.data.SampleTransform;
import org.prune4j.data.UciHar;

/**
 * Loads a data set by name with the preprocessing its literature uses: Fashion-MNIST and
 * MNIST normalised with their channel statistics and no augmentation (the short budgets
 * of this harness do not profit from it); CIFAR-10 with random crop (padding 4) and
 * horizontal flip for training; UCI HAR already z-scored by its loader; an image folder
 * (root/train and root/val or root/test, one sub-folder per class) resized and
 * centre-cropped to --image-size with ImageNet statistics.
 */
public final class DatasetCatalog {
    private DatasetCatalog() {}

    /** The directory used when --data-dir is not given, or null when the set has none. */
    public static Path defaultDir(DatasetName name) {
        return switch (name) {
            case FASHION_MNIST -> FashionMnist.DEFAULT_DIR;
            case MNIST -> Mnist.DEFAULT_DIR;
            default -> null;
        };
    }

    /** The shape of one sample of a data set, known without reading it (for benchmarks on random inputs). */
    public static org.prune4j.core.tensor.Shape sampleShape(DatasetName name, int imageSize) {
        return switch (name) {
            case FASHION_MNIST, MNIST -> org.prune4j.core.tensor.Shape.of(1, 28, 28);
            case CIFAR10 -> org.prune4j.core.tensor.Shape.of(3, 32, 32);
            case HAR2, HAR6 -> org.prune4j.core.tensor.Shape.of(UciHar.STEPS, UciHar.FEATURES.size());
            case IMAGEFOLDER -> org.prune4j.core.tensor.Shape.of(3, imageSize, imageSize);
        };
    }

    /** The class count of a data set, known without reading it (imagefolder: ImageNet's 1000). */
    public static int numClasses(DatasetName name) {
        return switch (name) {
            case HAR2 -> 2;
            case HAR6 -> 6;
            case IMAGEFOLDER -> 1000;
            default -> 10;
        };
    }

    /** The evaluation-time normalisation of a data set's samples (what inference must apply to raw pixels in [0, 1]). */
    public static SampleTransform evalTransform(DatasetName name) {
        return switch (name) {
            case FASHION_MNIST -> new Normalize(ChannelStats.FASHION_MNIST);
            case MNIST -> new Normalize(ChannelStats.MNIST);
            case CIFAR10 -> new Normalize(ChannelStats.CIFAR10);
            case IMAGEFOLDER -> new Normalize(ChannelStats.IMAGENET);
            default -> SampleTransform.identity();
        };
    }

    /**
     * Loads both splits; trainLimit / testLimit (null = all) keep a fixed random subset.
     * imageSize only matters for imagefolder.
     */
    public static DataSplits load(DatasetName name, Path dir, Integer trainLimit, Integer testLimit, int imageSize) {
        Path d = dir != null ? dir : defaultDir(name);
        if (d == null) throw new IllegalArgumentException("dataset " + name + " has no default location; pass --data-dir");
        if (!Files.isDirectory(d)) throw new IllegalArgumentException("data directory " + d + " does not exist (dataset " + name + ")");
        Dataset train, test;
        SampleTransform trainT, evalT;
        switch (name) {
            case FASHION_MNIST, MNIST -> {
                ByteImageDataset tr = name == DatasetName.MNIST ? Mnist.load(d, true) : FashionMnist.load(d, true);
                ByteImageDataset te = name == DatasetName.MNIST ? Mnist.load(d, false) : FashionMnist.load(d, false);
                train = tr;
                test = te;
                trainT = evalT = new Normalize(name == DatasetName.MNIST ? ChannelStats.MNIST : ChannelStats.FASHION_MNIST);
            }
            case CIFAR10 -> {
                train = Cifar10.load(d, true);
                test = Cifar10.load(d, false);
                evalT = new Normalize(ChannelStats.CIFAR10);
                trainT = new RandomCrop(4).andThen(new RandomHorizontalFlip()).andThen(evalT);
            }
            case HAR2, HAR6 -> {
                UciHar.Splits s = UciHar.load(d, name == DatasetName.HAR2 ? UciHar.Task.HAR2 : UciHar.Task.ACTIVITIES_6);
                train = s.train();
                test = s.test();
                trainT = evalT = SampleTransform.identity();
            }
            case IMAGEFOLDER -> {
                if (imageSize < 8) throw new IllegalArgumentException("--image-size must be >= 8, got " + imageSize);
                int resize = Math.round(imageSize * 8f / 7f); // torchvision's 256 -> 224 ratio
                train = ImageFolderDataset.open(d.resolve("train"), resize, imageSize);
                Path val = Files.isDirectory(d.resolve("val")) ? d.resolve("val") : d.resolve("test");
                test = ImageFolderDataset.open(val, resize, imageSize);
                trainT = evalT = SampleTransform.identity(); // ImageFolderDataset normalises itself
            }
            default -> throw new IllegalStateException("unhandled dataset " + name);
        }
        return new DataSplits(name, d, Subset.of(train, trainLimit), Subset.of(test, testLimit), trainT, evalT);
    }
}
