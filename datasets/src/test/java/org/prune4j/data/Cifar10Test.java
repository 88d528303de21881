package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.core.tensor.Shape;

class Cifar10Test {
    @TempDir Path dir;

    /** Record r of a batch file: label then pixel p = (batch*7 + r*3 + p) mod 256. */
    private static byte[] batch(int batchId, int... labels) {
        byte[] out = new byte[labels.length * Cifar10.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            out[r * Cifar10.RECORD_BYTES] = (byte) labels[r];
            for (int p = 0; p < Cifar10.IMAGE_BYTES; p++) out[r * Cifar10.RECORD_BYTES + 1 + p] = (byte) (batchId * 7 + r * 3 + p);
        }
        return out;
    }

    private void writeTrain(Path base) throws IOException {
        Files.createDirectories(base);
        for (int b = 1; b <= 5; b++) Files.write(base.resolve("data_batch_" + b + ".bin"), batch(b, b, (b + 1) % 10));
    }

    @Test
    void trainingSetConcatenatesTheFiveBatchesInOrder() throws IOException {
        writeTrain(dir);
        ByteImageDataset ds = Cifar10.load(dir, true);
        assertEquals(10, ds.size());
        assertEquals(Shape.of(3, 32, 32), ds.sampleShape());
        assertEquals(3, ds.label(4)); // batch 3, record 0
        assertEquals(4, ds.label(5)); // batch 3, record 1
        float[] s = ds.sample(5);
        // CHW straight from the file: pixel p of record 1 of batch 3.
        for (int p : new int[] {0, 1, 1023, 1024, 2048, 3071}) {
            assertEquals(((3 * 7 + 3 + p) & 0xFF) / 255f, s[p], 0f, "pixel " + p);
        }
        assertEquals("cifar10/train", ds.name());
        assertEquals("truck", ds.classNames().get(9));
    }

    @Test
    void testSetFromTheArchiveSubfolder() throws IOException {
        Path base = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        Files.write(base.resolve("test_batch.bin"), batch(0, 9, 0, 5));
        ByteImageDataset ds = Cifar10.load(dir, false);
        assertEquals(3, ds.size());
        assertEquals(5, ds.label(2));
    }

    @Test
    void truncatedRecordGivesOffsetAndCounts() throws IOException {
        writeTrain(dir);
        byte[] b = batch(2, 1, 2);
        Files.write(dir.resolve("data_batch_2.bin"), Arrays.copyOf(b, b.length - 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar10.load(dir, true));
        assertTrue(e.getMessage().contains("data_batch_2.bin: truncated record at offset 3073: expected 3073 bytes per record"
                + " (1 label + 3072 pixels), the file has 6046 bytes (1 whole records + 2973 bytes)"), e.getMessage());
    }

    @Test
    void labelAboveNineIsRejectedWithItsRecord() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), batch(0, 1, 2, 10));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar10.load(dir, false));
        assertTrue(e.getMessage().contains("test_batch.bin: label 10 at offset 6146 (record 2), expected 0..9"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), new byte[0]);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Cifar10.load(dir, false));
        assertTrue(e.getMessage().contains("test_batch.bin: is empty"), e.getMessage());
    }

    @Test
    void missingBatchFileSaysWhichAndWhereToGetThem() throws IOException {
        writeTrain(dir);
        Files.delete(dir.resolve("data_batch_4.bin"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> Cifar10.load(dir, true));
        assertTrue(e.getMessage().contains("data_batch_4.bin not found"), e.getMessage());
        assertTrue(e.getMessage().contains("cifar-10-binary.tar.gz"), e.getMessage());
    }

    @Test
    void missingDirectory() {
        Path missing = dir.resolve("nothing");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> Cifar10.load(missing, true));
        assertEquals(missing, e.path());
        assertTrue(e.getMessage().contains("test_batch.bin"), e.getMessage());
    }

    @Test
    void normalisationConstantsHaveThreeChannels() {
        assertEquals(3, ChannelStats.CIFAR10.channels());
        assertEquals(0.4914f, ChannelStats.CIFAR10.mean()[0]);
        assertEquals(0.2616f, ChannelStats.CIFAR10.std()[2]);
        assertEquals(0.2023f, ChannelStats.CIFAR10_LEGACY.std()[0]);
    }
}
