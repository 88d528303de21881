package org.prune4j.opencl;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.prune4j.core.tensor.Rng;
import org.prune4j.core.tensor.Tensor;

/**
 * The first n Fashion-MNIST training images (scaled to [0, 1]) when the dataset is
 * installed at /usr/share/datasets/fashion-mnist, else a seeded synthetic set of
 * 28x28 images whose class sets a bright bar's position (learnable, not trivial).
 * Kept inside the test so kernels-opencl does not depend on the datasets module.
 */
record TrainingData(float[] images, int[] labels, String source) {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    /** Minibatch number step of the given size as a [size, 1, 28, 28] tensor, wrapping around the set. */
    Tensor batch(int step, int size) {
        int from = first(step, size);
        return Tensor.of(Arrays.copyOfRange(images, from * 784, (from + size) * 784), size, 1, 28, 28);
    }

    /** The labels of {@link #batch(int, int)}. */
    int[] labels(int step, int size) {
        int from = first(step, size);
        return Arrays.copyOfRange(labels, from, from + size);
    }

    private int first(int step, int size) {
        return (step * size) % (labels.length - size + 1);
    }

    /** Mean of a[from:to], for comparing the start and end of a loss curve. */
    static double mean(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += a[i];
        return s / (to - from);
    }

    static TrainingData load(int n) {
        Path img = FASHION.resolve("train-images-idx3-ubyte.gz"), lab = FASHION.resolve("train-labels-idx1-ubyte.gz");
        if (Files.isReadable(img) && Files.isReadable(lab)) {
            try {
                return new TrainingData(readImages(img, n), readLabels(lab, n), "Fashion-MNIST (first " + n + " training images)");
            } catch (IOException e) {
                throw new IllegalStateException("Fashion-MNIST at " + FASHION + " is unreadable: " + e.getMessage(), e);
            }
        }
        return synthetic(n, new Rng(7));
    }

    private static float[] readImages(Path p, int n) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(p)))) {
            if (in.readInt() != 0x803) throw new IOException(p + " is not an IDX image file");
            int count = in.readInt(), rows = in.readInt(), cols = in.readInt();
            if (rows != 28 || cols != 28 || count < n) throw new IOException(p + ": " + count + " images of " + rows + "x" + cols);
            byte[] raw = in.readNBytes(n * 784);
            float[] out = new float[raw.length];
            for (int i = 0; i < raw.length; i++) out[i] = (raw[i] & 0xFF) / 255f;
            return out;
        }
    }

    private static int[] readLabels(Path p, int n) throws IOException {
        try (InputStream gz = new GZIPInputStream(Files.newInputStream(p)); DataInputStream in = new DataInputStream(gz)) {
            if (in.readInt() != 0x801) throw new IOException(p + " is not an IDX label file");
            if (in.readInt() < n) throw new IOException(p + " has fewer than " + n + " labels");
            byte[] raw = in.readNBytes(n);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) out[i] = raw[i];
            return out;
        }
    }

    static TrainingData synthetic(int n, Rng rng) {
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
            for (int p = 0; p < 784; p++) x[i * 784 + p] = 0.3f * rng.uniform();
            int row = 2 + y[i] * 2 + rng.nextInt(2);
            for (int c = 4; c < 24; c++) x[i * 784 + row * 28 + c] += 0.8f;
        }
        return new TrainingData(x, y, "synthetic bars");
    }
}
