package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.core.tensor.Shape;

class ImageFolderDatasetTest {
    @TempDir Path root;

    private static final ChannelStats IDENTITY = new ChannelStats(new float[] {0, 0, 0}, new float[] {1, 1, 1});

    /** Red = 10x + y, green = 100 + y, blue = 200 - x. */
    private static int rgb(int x, int y) { return ((10 * x + y) << 16) | ((100 + y) << 8) | (200 - x); }

    private static void writePattern(Path file, int w, int h, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb(x, y));
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()));
    }

    private static void writeFlat(Path file, int w, int h, int rgb, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rgb);
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, format, file.toFile()));
    }

    @Test
    void classesAreSortedFolderNamesAndOnlyImagesAreListed() throws IOException {
        writeFlat(root.resolve("zebra/a.png"), 4, 4, 0x102030, "png");
        writeFlat(root.resolve("ant/b.PNG"), 4, 4, 0x102030, "png");
        writeFlat(root.resolve("ant/nested/c.jpg"), 4, 4, 0x102030, "jpeg");
        Files.writeString(root.resolve("ant/readme.txt"), "not an image");
        writeFlat(root.resolve(".thumbnails/x.png"), 4, 4, 0, "png");
        ImageFolderDataset ds = ImageFolderDataset.open(root, 4, 4);
        assertEquals(List.of("ant", "zebra"), ds.classNames());
        assertEquals(3, ds.size());
        assertEquals(0, ds.label(0));
        assertEquals(0, ds.label(1));
        assertEquals(1, ds.label(2));
        assertEquals(Shape.of(3, 4, 4), ds.sampleShape());
    }

    @Test
    void pngAtTargetSizeIsCentreCroppedAndNormalisedExactly() throws IOException {
        // 8 wide, 6 high: the shorter side is already 6, the long side int(6*8/6) = 8; crop 4 at (top 1, left 2).
        writePattern(root.resolve("c/img.png"), 8, 6, "png");
        ChannelStats stats = new ChannelStats(new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.2f, 0.25f, 0.5f});
        ImageFolderDataset ds = ImageFolderDataset.open(root, 6, 4, stats);
        float[] s = ds.sample(0);
        float[] mean = stats.mean();
        float[] std = stats.std();
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                int p = rgb(x + 2, y + 1);
                int[] channel = {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
                for (int c = 0; c < 3; c++) {
                    float expect = (channel[c] / 255f - mean[c]) / std[c];
                    assertEquals(expect, s[(c * 4 + y) * 4 + x], 0f, "c=" + c + " y=" + y + " x=" + x);
                }
            }
        }
    }

    @Test
    void downscalingAveragesLikePilBilinear() throws IOException {
        // Columns 0, 0, 255, 255 resized 4 -> 2: PIL gives round(255 * 0.25/1.75) = 36 and round(255 * 1.5/1.75) = 219.
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) img.setRGB(x, y, x < 2 ? 0 : 0xFFFFFF);
        Files.createDirectories(root.resolve("c"));
        ImageIO.write(img, "png", root.resolve("c/steps.png").toFile());
        float[] s = ImageFolderDataset.open(root, 2, 2, IDENTITY).sample(0);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                assertEquals(36 / 255f, s[(c * 2 + y) * 2], 0f);
                assertEquals(219 / 255f, s[(c * 2 + y) * 2 + 1], 0f);
            }
        }
    }

    @Test
    void jpegAndGreyscaleDecodeToThreeChannels() throws IOException {
        writeFlat(root.resolve("a/flat.jpg"), 40, 30, 0x804020, "jpeg");
        BufferedImage grey = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) grey.getRaster().setSample(x, y, 0, 77);
        ImageIO.write(grey, "png", root.resolve("a/grey.png").toFile());
        ImageFolderDataset ds = ImageFolderDataset.open(root, 8, 8, IDENTITY);
        float[] jpeg = ds.sample(0);
        float[] g = ds.sample(1);
        assertEquals(3 * 64, jpeg.length);
        // JPEG is lossy; a flat colour survives within a few grey levels.
        assertEquals(0x80 / 255f, jpeg[0], 4 / 255f);
        assertEquals(0x40 / 255f, jpeg[64], 4 / 255f);
        assertEquals(0x20 / 255f, jpeg[128 + 63], 4 / 255f);
        // Grey level 77 is copied into R, G and B unchanged, as PIL does (no linear-grey gamma lift).
        assertEquals(77 / 255f, g[5], 0f);
        assertEquals(77 / 255f, g[64 + 5], 0f);
        assertEquals(77 / 255f, g[128 + 5], 0f);
    }

    @Test
    void sixteenBitGreyIsScaledToEightBits() throws IOException {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) grey.getRaster().setSample(x, y, 0, 65535);
        Files.createDirectories(root.resolve("a"));
        ImageIO.write(grey, "png", root.resolve("a/g16.png").toFile());
        float[] s = ImageFolderDataset.open(root, 4, 4, IDENTITY).sample(0);
        for (float v : s) assertEquals(1f, v, 0f);
    }

    @Test
    void imageNetPipelineShapeFromALandscapePhoto() throws IOException {
        writePattern(root.resolve("n01440764/ILSVRC2012_val_00000293.JPEG"), 25, 20, "jpeg");
        ImageFolderDataset ds = ImageFolderDataset.open(root, 16, 14);
        assertEquals(Shape.of(3, 14, 14), ds.sampleShape());
        float[] s = ds.sample(0);
        for (float v : s) assertTrue(Float.isFinite(v) && v > -2.2f && v < 2.7f, "ImageNet-normalised range");
    }

    @Test
    void undecodableFileFailsOnlyWhenItsSampleIsRead() throws IOException {
        writeFlat(root.resolve("a/good.png"), 4, 4, 0x102030, "png");
        Files.write(root.resolve("a/broken.png"), new byte[] {1, 2, 3, 4, 5});
        ImageFolderDataset ds = ImageFolderDataset.open(root, 4, 4);
        assertEquals(2, ds.size()); // scanning does not decode: the set is lazy
        int broken = ds.file(0).getFileName().toString().equals("broken.png") ? 0 : 1;
        ds.sample(1 - broken);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> ds.sample(broken));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
        assertTrue(e.getMessage().contains("expected a JPEG or PNG"), e.getMessage());
    }

    @Test
    void missingRootAndEmptyClassesAreExplained() throws IOException {
        Path missing = root.resolve("imagenet/val");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> ImageFolderDataset.open(missing, 256, 224));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("one sub-folder per class"), e.getMessage());
        Files.createDirectories(root.resolve("empty"));
        e = assertThrows(DatasetNotFoundException.class, () -> ImageFolderDataset.open(root, 256, 224));
        assertTrue(e.getMessage().contains("Class folder 'empty' has no .jpg/.jpeg/.png image"), e.getMessage());
    }

    @Test
    void cropLargerThanResizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolderDataset.open(root, 200, 224));
        assertTrue(e.getMessage().contains("resize 200, crop 224"), e.getMessage());
    }

    @Test
    void loaderDecodesLazilyOnWorkerThreads() throws IOException {
        for (int i = 0; i < 6; i++) writeFlat(root.resolve((i % 2 == 0 ? "even" : "odd") + "/" + i + ".png"), 6, 6, i * 0x101010, "png");
        ImageFolderDataset ds = ImageFolderDataset.open(root, 6, 4, IDENTITY);
        DataLoader loader = DataLoader.builder(ds).batchSize(4).seed(2).workers(2).build();
        int seen = 0;
        try (EpochIterator it = loader.epoch(0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                for (int i = 0; i < b.size(); i++) {
                    String fileName = ds.file(b.indices()[i]).getFileName().toString();
                    int n = Integer.parseInt(fileName.substring(0, fileName.indexOf('.')));
                    assertEquals(n % 2 == 0 ? 0 : 1, b.labels()[i]);
                    assertEquals(n * 0x10 / 255f, b.x().data()[i * 48], 0f);
                    seen++;
                }
            }
        }
        assertEquals(6, seen);
    }
}
