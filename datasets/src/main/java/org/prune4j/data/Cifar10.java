package org.prune4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.prune4j.core.tensor.Shape;

/**
 * CIFAR-10 from its binary distribution: data_batch_1..5.bin (training, 50,000 images) and
 * test_batch.bin (10,000), each a sequence of 3,073-byte records: one label byte (0..9) then
 * 3,072 pixel bytes already in CHW order (1,024 red, 1,024 green, 1,024 blue, rows of 32).
 * Samples are [3, 32, 32] in [0, 1]; normalise with {@link ChannelStats#CIFAR10}.
 */
public final class Cifar10 {
    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    static final int IMAGE_BYTES = 3 * 32 * 32;
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    /** The folder the official archive cifar-10-binary.tar.gz unpacks to. */
    static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

    static final String HOW_TO_GET = "Download the CIFAR-10 binary version (cifar-10-binary.tar.gz, from the CIFAR page of"
            + " the University of Toronto) and unpack it; the directory must contain data_batch_1.bin .. data_batch_5.bin"
            + " and test_batch.bin (either directly or in its " + ARCHIVE_FOLDER + " subfolder).";

    private Cifar10() {}

    /** Loads the training set (data_batch_1..5.bin) or the test set (test_batch.bin) from dir. */
    public static ByteImageDataset load(Path dir, boolean train) {
        Path base = Files.isDirectory(dir.resolve(ARCHIVE_FOLDER)) ? dir.resolve(ARCHIVE_FOLDER) : dir;
        if (!Files.isDirectory(base)) {
            throw new DatasetNotFoundException(dir, "CIFAR-10 data directory does not exist. " + HOW_TO_GET);
        }
        List<Path> files = new ArrayList<>();
        if (train) {
            for (int i = 1; i <= 5; i++) files.add(base.resolve("data_batch_" + i + ".bin"));
        } else {
            files.add(base.resolve("test_batch.bin"));
        }
        // Sizes first, then one file at a time: peak memory is the pixels plus one 30 MB batch.
        long records = 0;
        for (Path f : files) records += wholeRecords(f);
        if (records * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new DatasetFormatException(files.getFirst(), records + " records are more than one Java array can hold;"
                    + " expected at most 50,000");
        }
        byte[] pixels = new byte[(int) records * IMAGE_BYTES];
        int[] labels = new int[(int) records];
        int n = 0;
        for (Path f : files) {
            byte[] bytes = readAll(f);
            if (bytes.length % RECORD_BYTES != 0 || bytes.length == 0) {
                throw new DatasetFormatException(f, "changed size while being read (now " + bytes.length + " bytes)");
            }
            for (int r = 0; r < bytes.length / RECORD_BYTES; r++, n++) {
                int at = r * RECORD_BYTES;
                int label = bytes[at] & 0xFF;
                if (label >= CLASS_NAMES.size()) {
                    throw new DatasetFormatException(f, "label " + label + " at offset " + at + " (record " + r
                            + "), expected 0..9; is this the binary (not the Python) version of CIFAR-10?");
                }
                labels[n] = label;
                System.arraycopy(bytes, at + 1, pixels, n * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new ByteImageDataset("cifar10/" + (train ? "train" : "test"), pixels, labels, Shape.of(3, 32, 32), CLASS_NAMES);
    }

    /** Validates a batch file's size: at least one record and whole records only. */
    private static long wholeRecords(Path f) {
        if (!Files.isRegularFile(f)) {
            throw new DatasetNotFoundException(f, "CIFAR-10 batch file is missing. " + HOW_TO_GET);
        }
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new DatasetException(f + ": cannot read: " + e, e);
        }
        if (size == 0) {
            throw new DatasetFormatException(f, "is empty, expected records of " + RECORD_BYTES + " bytes (1 label + 3072 pixels)");
        }
        if (size % RECORD_BYTES != 0) {
            long whole = size / RECORD_BYTES;
            throw new DatasetFormatException(f, "truncated record at offset " + whole * RECORD_BYTES + ": expected "
                    + RECORD_BYTES + " bytes per record (1 label + 3072 pixels), the file has " + size + " bytes ("
                    + whole + " whole records + " + size % RECORD_BYTES + " bytes)");
        }
        return size / RECORD_BYTES;
    }

    private static byte[] readAll(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new DatasetException(f + ": cannot read: " + e, e);
        }
    }
}
