package org.prune4j.bench.cli.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.prune4j.bench.cli.model.ModelCard;
import org.prune4j.bench.cli.model.ModelCheckpoints;
import org.prune4j.nn.Module;

/**
 * Trained dense baselines kept on disk, one per (model, seed): every method of a sweep
 * that prunes a trained model starts from the same weights, the dense accuracy is
 * measured once, and a restarted sweep does not train them again.
 */
public final class DenseModels {
    private final Path dir;

    public DenseModels(Path dir) { this.dir = dir; }

    /** A dense model and its test accuracy. */
    public record Dense(Module model, double testAccuracy) {}

    public Path file(String model, long seed) { return dir.resolve(model + "-seed" + seed + ".safetensors"); }

    /** The cached baseline, or train.get() saved under card for next time. */
    public Dense obtain(ModelCard card, Supplier<Dense> train) {
        Path f = file(card.model(), card.seed());
        if (Files.isRegularFile(f)) {
            ModelCheckpoints.Loaded l = ModelCheckpoints.load(f);
            String acc = l.metadata().get("prune4j.test_accuracy");
            if (acc != null) return new Dense(l.model(), Double.parseDouble(acc));
        }
        Dense d = train.get();
        ModelCheckpoints.save(f, d.model(), card, Map.of("prune4j.test_accuracy", Double.toString(d.testAccuracy())));
        return d;
    }
}
