package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prune4j.core.tensor.Shape;

class IdxImageSetTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fashionMnistDecodesPixelsToUnitRangeAsChw(boolean gzip) throws IOException {
        IdxFiles.writeSet(dir, "train", 3, 4, 5, new int[] {9, 0, 4}, gzip);
        ByteImageDataset ds = FashionMnist.load(dir, true);
        assertEquals(3, ds.size());
        assertEquals(Shape.of(1, 4, 5), ds.sampleShape());
        assertEquals(10, ds.numClasses());
        assertEquals("Ankle boot", ds.classNames().get(ds.label(0)));
        assertEquals(4, ds.label(2));
        float[] s = ds.sample(2);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 5; c++) {
                assertEquals((IdxFiles.pixel(2, r, c, 5) & 0xFF) / 255f, s[r * 5 + c], 0f);
            }
        }
        assertEquals("fashion-mnist/train", ds.name());
    }

    @Test
    void mnistReadsTheTestSplitWithTheSameReader() throws IOException {
        IdxFiles.writeSet(dir, "t10k", 2, 2, 2, new int[] {7, 1}, true);
        ByteImageDataset ds = Mnist.load(dir, false);
        assertEquals(2, ds.size());
        assertEquals(7, ds.label(0));
        assertEquals("mnist/test", ds.name());
    }

    @Test
    void extremePixelsMapToZeroAndOne() throws IOException {
        byte[] px = {0, (byte) 255, (byte) 128, 1};
        IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxFiles.encode(new int[] {1, 2, 2}, px), false);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.encode(new int[] {1}, new byte[] {3}), false);
        float[] s = Mnist.load(dir, true).sample(0);
        assertEquals(0f, s[0], 0f);
        assertEquals(1f, s[1], 0f);
        assertEquals(128 / 255f, s[2], 0f);
        assertEquals(1 / 255f, s[3], 0f);
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        IdxFiles.writeSet(dir, "train", 3, 2, 2, new int[] {1, 2}, false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Mnist.load(dir, true));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte: has 2 labels but train-images-idx3-ubyte has 3 images"), e.getMessage());
    }

    @Test
    void labelOutsideTheClassesNamesItsOffsetAndSample() throws IOException {
        IdxFiles.writeSet(dir, "train", 3, 2, 2, new int[] {1, 2, 10}, true);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir, true));
        assertTrue(e.getMessage().contains("label 10 at offset 10 (sample 2), expected 0..9"), e.getMessage());
    }

    @Test
    void missingDirectoryTellsHowToInstall() {
        Path missing = dir.resolve("absent");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> FashionMnist.load(missing, true));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void missingFileListsTheExpectedNames() throws IOException {
        IdxFiles.writeSet(dir, "train", 1, 2, 2, new int[] {1}, true);
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> Mnist.load(dir, true));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz (or unpacked train-labels-idx1-ubyte)"), e.getMessage());
    }

    @Test
    void acceptsTheDottedMirrorNames() throws IOException {
        IdxFiles.writeSet(dir, "train", 2, 2, 2, new int[] {1, 5}, false);
        Files.move(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-images.idx3-ubyte"));
        assertEquals(5, Mnist.load(dir, true).label(1));
    }

    @Test
    void sampleIndexOutOfRangeNamesTheDataset() throws IOException {
        IdxFiles.writeSet(dir, "train", 2, 2, 2, new int[] {1, 5}, false);
        ByteImageDataset ds = Mnist.load(dir, true);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> ds.sample(2));
        assertTrue(e.getMessage().contains("sample 2 out of range for data set 'mnist/train' of 2 samples"), e.getMessage());
    }
}
