package org.prune4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.prune4j.core.tensor.Shape;

/**
 * Loads an MNIST-style pair of IDX files (images idx3, labels idx1) from a directory into a
 * {@link ByteImageDataset} of [1, rows, cols] images. Shared by {@link Mnist} and
 * {@link FashionMnist}, which differ only in names, class names and where to get the files.
 */
final class IdxImageSet {
    private IdxImageSet() {}

    static ByteImageDataset load(String setName, Path dir, boolean train, List<String> classNames, String howToGet) {
        String prefix = train ? "train" : "t10k";
        if (!Files.isDirectory(dir)) {
            throw new DatasetNotFoundException(dir, setName + " data directory does not exist. " + howToGet);
        }
        Path imagesFile = locate(dir, prefix + "-images-idx3-ubyte", setName, howToGet);
        Path labelsFile = locate(dir, prefix + "-labels-idx1-ubyte", setName, howToGet);
        IdxArray images = IdxReader.read(imagesFile, 3);
        IdxArray labels = IdxReader.read(labelsFile, 1);
        int n = images.dim(0);
        if (labels.dim(0) != n) {
            throw new DatasetFormatException(labelsFile, "has " + labels.dim(0) + " labels but " + imagesFile.getFileName()
                    + " has " + n + " images; the two files must describe the same samples");
        }
        int[] y = new int[n];
        byte[] raw = labels.data();
        for (int i = 0; i < n; i++) {
            y[i] = raw[i] & 0xFF;
            if (y[i] >= classNames.size()) {
                throw new DatasetFormatException(labelsFile, "label " + y[i] + " at offset " + (8 + i) + " (sample " + i
                        + "), expected 0.." + (classNames.size() - 1));
            }
        }
        Shape shape = Shape.of(1, images.dim(1), images.dim(2));
        return new ByteImageDataset(setName.toLowerCase(java.util.Locale.ROOT) + "/" + (train ? "train" : "test"),
                images.data(), y, shape, classNames);
    }

    /**
     * The file under one of the names it is distributed with: gzip ("...-ubyte.gz"), unpacked
     * ("...-ubyte") or the dotted variant some mirrors use ("train-images.idx3-ubyte").
     */
    private static Path locate(Path dir, String base, String setName, String howToGet) {
        String dotted = base.replaceFirst("-idx", ".idx");
        for (String name : List.of(base + ".gz", base, dotted, dotted + ".gz")) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return p;
        }
        throw new DatasetNotFoundException(dir.resolve(base + ".gz"), setName + " file " + base
                + ".gz (or unpacked " + base + ") is missing from " + dir + ". " + howToGet);
    }
}
