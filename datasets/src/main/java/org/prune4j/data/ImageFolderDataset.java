package org.prune4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.prune4j.core.tensor.Shape;

/**
 * Images arranged as {@code <root>/<class>/**.{jpg,jpeg,png}} (torchvision's ImageFolder;
 * ImageNet's validation set in class folders), classes numbered in sorted name order.
 * Only the file list is held in memory: each sample is decoded with javax.imageio when it is
 * requested, its shorter side resized to {@code resize} (PIL-style antialiased bilinear),
 * centre-cropped to {@code crop} × {@code crop}, scaled to [0, 1] and normalised per channel
 * (ImageNet statistics by default), giving [3, crop, crop]; the torchvision evaluation
 * pipeline Resize(256), CenterCrop(224), ToTensor, Normalize. Decoded values can differ from
 * PIL's by one grey level where the JPEG decoders round differently.
 */
public final class ImageFolderDataset implements Dataset {
    /** File extensions accepted, compared case-insensitively (ImageNet uses ".JPEG"). */
    public static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    static final String HOW_TO_GET = "Expected one sub-folder per class holding .jpg/.jpeg/.png images, e.g."
            + " <root>/n01440764/ILSVRC2012_val_00000293.JPEG for ImageNet (arrange the ILSVRC2012 validation images"
            + " in folders named by their synset id).";

    private final Path root;
    private final List<String> classNames;
    private final Path[] files;
    private final int[] labels;
    private final int resize;
    private final int crop;
    private final ChannelStats stats;
    private final Shape sampleShape;

    private ImageFolderDataset(Path root, List<String> classNames, Path[] files, int[] labels, int resize, int crop, ChannelStats stats) {
        this.root = root;
        this.classNames = classNames;
        this.files = files;
        this.labels = labels;
        this.resize = resize;
        this.crop = crop;
        this.stats = stats;
        this.sampleShape = Shape.of(3, crop, crop);
    }

    /** Scans root with ImageNet normalisation. */
    public static ImageFolderDataset open(Path root, int resize, int crop) {
        return open(root, resize, crop, ChannelStats.IMAGENET);
    }

    /** Scans root (file names only; nothing is decoded until a sample is asked for). */
    public static ImageFolderDataset open(Path root, int resize, int crop, ChannelStats stats) {
        checkGeometry(resize, crop);
        if (stats == null || stats.channels() != 3) {
            throw new IllegalArgumentException("ImageFolder produces RGB images; need statistics for 3 channels, got " + stats);
        }
        if (!Files.isDirectory(root)) throw new DatasetNotFoundException(root, "Image folder does not exist. " + HOW_TO_GET);
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new DatasetException(root + ": cannot list: " + e, e);
        }
        if (classDirs.isEmpty()) throw new DatasetNotFoundException(root, "No class folders in the image folder. " + HOW_TO_GET);
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> images = imagesUnder(dir);
            if (images.isEmpty()) {
                throw new DatasetNotFoundException(dir, "Class folder '" + dir.getFileName() + "' has no .jpg/.jpeg/.png image;"
                        + " every class needs at least one, or remove the folder. " + HOW_TO_GET);
            }
            for (Path f : images) {
                files.add(f);
                labels.add(names.size());
            }
            names.add(dir.getFileName().toString());
        }
        return new ImageFolderDataset(root, List.copyOf(names), files.toArray(Path[]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), resize, crop, stats);
    }

    private static List<Path> imagesUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile).filter(ImageFolderDataset::hasImageExtension)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DatasetException(dir + ": cannot list: " + e, e);
        }
    }

    private static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) if (name.endsWith(ext)) return true;
        return false;
    }

    private static void checkGeometry(int resize, int crop) {
        if (resize < 1 || crop < 1 || crop > resize) {
            throw new IllegalArgumentException("need 1 <= crop <= resize (the crop must fit in the resized image), got resize "
                    + resize + ", crop " + crop);
        }
    }

    @Override public String name() { return "imagefolder:" + root.getFileName(); }

    @Override public int size() { return files.length; }

    @Override public Shape sampleShape() { return sampleShape; }

    @Override public List<String> classNames() { return classNames; }

    @Override public int label(int index) {
        Dataset.checkIndex(this, index);
        return labels[index];
    }

    /** The image file of sample index. */
    public Path file(int index) {
        Dataset.checkIndex(this, index);
        return files[index];
    }

    @Override public void copySample(int index, float[] dst, int offset) {
        Dataset.checkIndex(this, index);
        Path f = files[index];
        if (!Files.isRegularFile(f)) {
            throw new DatasetNotFoundException(f, "The image was listed when " + root + " was scanned but is gone now.");
        }
        BufferedImage img;
        try {
            img = ImageIO.read(f.toFile());
        } catch (IOException e) {
            throw new DatasetFormatException(f, "cannot decode image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DatasetFormatException(f, "not an image javax.imageio can decode; expected a JPEG or PNG file");
        }
        preprocess(img, resize, crop, stats, dst, offset);
    }

    /**
     * The evaluation pipeline on one decoded image, into dst[offset, offset + 3·crop·crop):
     * shorter side to resize, centre crop, [0, 1], per-channel normalisation. Public so that
     * single-image inference uses exactly the same preprocessing as the data set.
     */
    public static void preprocess(BufferedImage img, int resize, int crop, ChannelStats stats, float[] dst, int offset) {
        checkGeometry(resize, crop);
        int w = img.getWidth();
        int h = img.getHeight();
        // torchvision: the shorter side becomes resize, the longer int(resize * long / short).
        int outW = w <= h ? resize : (int) ((double) resize * w / h);
        int outH = w <= h ? (int) ((double) resize * h / w) : resize;
        int top = (int) Math.rint((outH - crop) / 2.0);
        int left = (int) Math.rint((outW - crop) / 2.0);

        float[] rgb = toRgbPlanes(img);
        // Horizontal then vertical, rounding to whole grey levels after each pass like PIL's
        // 8-bit resampler; only the columns and rows that survive the crop are computed.
        AntialiasedBilinear horizontal = AntialiasedBilinear.weights(w, outW);
        AntialiasedBilinear vertical = AntialiasedBilinear.weights(h, outH);
        float[] narrow = new float[3 * h * crop];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < crop; x++) {
                    narrow[(c * h + y) * crop + x] = toByte(horizontal.apply(left + x, rgb, (c * h + y) * w, 1));
                }
            }
        }
        float[] mean = stats.mean();
        float[] std = stats.std();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < crop; y++) {
                for (int x = 0; x < crop; x++) {
                    float v = toByte(vertical.apply(top + y, narrow, c * h * crop + x, crop)) / 255f;
                    dst[offset + (c * crop + y) * crop + x] = (v - mean[c]) / std[c];
                }
            }
        }
    }

    /** [3, h, w] planes of 0..255 values. */
    private static float[] toRgbPlanes(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = h * w;
        float[] rgb = new float[3 * plane];
        ColorModel cm = img.getColorModel();
        if (cm.getNumColorComponents() == 1 && !(cm instanceof IndexColorModel)) {
            // Grey images carry Java's linear grey colour space, and getRGB would brighten them
            // through a gamma conversion (77 becomes 149); PIL, and so every ImageNet model,
            // just copies the grey level into R, G and B. Read the stored levels instead.
            Raster raster = img.getRaster();
            double toByte = 255.0 / ((1L << cm.getComponentSize(0)) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = (float) Math.rint(raster.getSample(x, y, 0) * toByte);
                    rgb[y * w + x] = v;
                    rgb[plane + y * w + x] = v;
                    rgb[2 * plane + y * w + x] = v;
                }
            }
            return rgb;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w); // converts palette, 16-bit and alpha models to 8-bit sRGB
            for (int x = 0; x < w; x++) {
                int p = row[x];
                rgb[y * w + x] = (p >> 16) & 0xFF;
                rgb[plane + y * w + x] = (p >> 8) & 0xFF;
                rgb[2 * plane + y * w + x] = p & 0xFF;
            }
        }
        return rgb;
    }

    private static float toByte(float v) { return Math.min(255f, Math.max(0f, Math.round(v))); }

    @Override public String toString() {
        return name() + " " + files.length + " images, " + classNames.size() + " classes, resize " + resize + " crop " + crop;
    }
}
