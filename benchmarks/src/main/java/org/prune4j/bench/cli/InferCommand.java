package org.prune4j.bench.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.prune4j.bench.cli.data.DatasetCatalog;
import org.prune4j.bench.cli.data.DatasetName;
import org.prune4j.core.tensor.Shape;
import org.prune4j.data.IdxArray;
import org.prune4j.data.IdxReader;
import org.prune4j.data.SampleTransform;
import org.prune4j.nn.infer.InferenceModel;
import org.prune4j.nn.infer.InferenceModelFile;
import org.prune4j.nn.io.JsonReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs an exported inference model on real inputs: image files (PNG/JPEG, resized to the
 * model's input), an IDX image file (MNIST / Fashion-MNIST format, with an optional IDX
 * label file for accuracy) or a CIFAR-10 binary batch (labels included). Pixels are
 * scaled to [0, 1] and normalised as the model's data set was in training.
 */
@Command(name = "infer", description = "Classify images, an IDX file or a CIFAR-10 batch with an exported model (from `export` or `demo`).")
final class InferCommand implements Callable<Integer> {
    /** Images per forward call. */
    static final int SERVING_BATCH = 64;

    @Mixin CommonOptions common;

    @Option(names = "--model", required = true, description = "A model.infer.safetensors with its .json card beside it.")
    Path model;

    @Option(names = "--idx", description = "IDX image file (e.g. t10k-images-idx3-ubyte.gz).")
    Path idx;

    @Option(names = "--labels", description = "IDX label file matching --idx, to report accuracy.")
    Path labels;

    @Option(names = "--cifar", description = "CIFAR-10 binary batch file (e.g. test_batch.bin).")
    Path cifar;

    @Option(names = "--limit", description = "Classify at most this many samples.")
    Integer limit;

    @Option(names = "--show", defaultValue = "10", description = "Predictions to print (default: ${DEFAULT-VALUE}).")
    int show;

    @Parameters(description = "Image files (PNG/JPEG).")
    List<Path> images = new ArrayList<>();

    @Override public Integer call() throws IOException {
        common.apply();
        int sources = (idx != null ? 1 : 0) + (cifar != null ? 1 : 0) + (images.isEmpty() ? 0 : 1);
        if (sources != 1) throw new IllegalArgumentException("give exactly one input: --idx FILE, --cifar FILE or image files");
        if (!Files.isRegularFile(model)) throw new IllegalArgumentException("model " + model + " does not exist");
        Path cardFile = ExportCommand.cardFile(model);
        if (!Files.isRegularFile(cardFile)) {
            boolean checkpoint = !model.getFileName().toString().endsWith(".infer.safetensors");
            throw new IllegalArgumentException("model card " + cardFile + " is missing" + (checkpoint
                    ? "; infer runs exported models: compile a checkpoint first with `prune4j export --checkpoint " + model + "`"
                    : " (write models with `prune4j export`)"));
        }
        @SuppressWarnings("unchecked") Map<String, Object> card = (Map<String, Object>) JsonReader.parse(Files.readString(cardFile));
        DatasetName ds = DatasetName.parse(String.valueOf(card.get("dataset")));
        InferenceModel m;
        try {
            m = InferenceModelFile.load(model);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable inference model " + model + ": " + e.getMessage(), e);
        }
        int[] in = m.inputShape();
        if (in.length != 3) throw new IllegalArgumentException("infer reads images; this model takes samples " + java.util.Arrays.toString(in));
        int c = in[0], h = in[1], w = in[2], per = c * h * w;
        List<float[]> samples = new ArrayList<>();
        int[] truth = null;
        if (idx != null) {
            IdxArray a = IdxReader.read(idx, 3);
            if (a.dim(1) * a.dim(2) * (c == 1 ? 1 : 0) != per) throw new IllegalArgumentException("IDX images are " + a.dim(1) + "x" + a.dim(2) + " grey; the model takes " + java.util.Arrays.toString(in));
            int n = cap(a.dim(0));
            for (int i = 0; i < n; i++) samples.add(pixels(a.data(), i * per, per));
            if (labels != null) {
                IdxArray l = IdxReader.read(labels, 1);
                if (l.dim(0) < n) {
                    throw new IllegalArgumentException("label file " + labels + " has " + l.dim(0) + " labels but " + idx + " has " + n
                            + " images to classify; pass the matching label file (or --limit " + l.dim(0) + ")");
                }
                truth = new int[n];
                for (int i = 0; i < n; i++) truth[i] = l.data()[i] & 0xFF;
            }
        } else if (cifar != null) {
            byte[] b = Files.readAllBytes(cifar);
            if (per != 3072 || b.length % 3073 != 0) throw new IllegalArgumentException("a CIFAR-10 batch has 3073-byte records of 3x32x32 images; model takes " + java.util.Arrays.toString(in));
            int n = cap(b.length / 3073);
            truth = new int[n];
            for (int i = 0; i < n; i++) {
                truth[i] = b[i * 3073] & 0xFF;
                samples.add(pixels(b, i * 3073 + 1, per));
            }
        } else {
            for (Path p : images.subList(0, cap(images.size()))) samples.add(image(p, c, h, w));
        }
        SampleTransform norm = DatasetCatalog.evalTransform(ds);
        float[] x = new float[samples.size() * per];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i), 0, x, i * per, per);
            norm.apply(x, i * per, Shape.of(in), null);
        }
        int k = m.outputShape()[0];
        // Batches of at most SERVING_BATCH: each layer measures its dense and sparse kernel
        // once per batch size, which at a few thousand images per call cost more than the
        // inference itself (2,000 Fashion-MNIST images: 17.8 s in one call).
        long t0 = System.nanoTime();
        float[] logits = new float[samples.size() * k];
        for (int s0 = 0; s0 < samples.size(); s0 += SERVING_BATCH) {
            int nb = Math.min(SERVING_BATCH, samples.size() - s0);
            float[] part = m.forward(java.util.Arrays.copyOfRange(x, s0 * per, (s0 + nb) * per), nb);
            System.arraycopy(part, 0, logits, s0 * k, nb * k);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        List<String> names = ds == DatasetName.FASHION_MNIST ? org.prune4j.data.FashionMnist.CLASS_NAMES
                : ds == DatasetName.CIFAR10 ? org.prune4j.data.Cifar10.CLASS_NAMES : null;
        int correct = 0;
        for (int i = 0; i < samples.size(); i++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (logits[i * k + j] > logits[i * k + best]) best = j;
            if (truth != null && truth[i] == best) correct++;
            if (i < show) {
                String label = names != null && best < names.size() ? names.get(best) : Integer.toString(best);
                String src = images.isEmpty() ? "#" + i : images.get(i).toString();
                System.out.println(src + ": " + label + (truth != null ? "  (true: " + (names != null ? names.get(truth[i]) : truth[i]) + ")" : ""));
            }
        }
        System.out.printf(Locale.ROOT, "%d samples in %.1f ms%s%n", samples.size(), ms,
                truth != null ? String.format(Locale.ROOT, "; accuracy %.2f%%", 100.0 * correct / samples.size()) : "");
        return 0;
    }

    private int cap(int n) {
        if (limit != null && limit < 1) throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        return limit == null ? n : Math.min(n, limit);
    }

    private static float[] pixels(byte[] b, int off, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (b[off + i] & 0xFF) / 255f;
        return f;
    }

    /** Decodes an image, resizes it to w x h and returns it as C x H x W in [0, 1] (grey = mean of RGB). */
    private static float[] image(Path p, int c, int h, int w) throws IOException {
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("image " + p + " does not exist");
        if (!Files.isReadable(p)) throw new IllegalArgumentException("image " + p + " is not readable");
        BufferedImage src = ImageIO.read(p.toFile());
        if (src == null) throw new IllegalArgumentException("cannot decode image " + p + " (PNG or JPEG expected)");
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        float[] out = new float[c * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y), r = (rgb >> 16) & 0xFF, gr = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
                if (c == 1) {
                    out[y * w + x] = (r + gr + b) / (3f * 255f);
                } else {
                    out[y * w + x] = r / 255f;
                    out[h * w + y * w + x] = gr / 255f;
                    out[2 * h * w + y * w + x] = b / 255f;
                }
            }
        }
        return out;
    }
}
