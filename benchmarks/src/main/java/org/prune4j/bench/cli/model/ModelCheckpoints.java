package org.prune4j.bench.cli.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prune4j.nn.Module;
import org.prune4j.nn.io.Checkpoint;
import org.prune4j.nn.io.SafeTensors;

/**
 * Saves a model (weights, masks) with its {@link ModelCard}, and rebuilds a model from
 * such a file alone. Every failure to read becomes one IllegalArgumentException naming
 * the file and the problem, which the command line prints as one line.
 */
public final class ModelCheckpoints {
    private ModelCheckpoints() {}

    /** A model rebuilt from a checkpoint, with its card and the file's metadata. */
    public record Loaded(Module model, ModelCard card, Map<String, String> metadata) {}

    public static void save(Path path, Module model, ModelCard card, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>(card.toMetadata());
        if (extra != null) meta.putAll(extra);
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            Checkpoint.save(path, model, null, meta);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write checkpoint " + path + ": " + e.getMessage(), e);
        }
    }

    public static Loaded load(Path path) {
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException("checkpoint " + path + " does not exist or is not a file");
        try {
            Map<String, String> meta = SafeTensors.read(path).metadata();
            ModelCard card = ModelCard.fromMetadata(meta, "checkpoint " + path);
            Module model = ModelCatalog.create(card.model(), card.sampleShape(), card.numClasses(), card.seed());
            Checkpoint.load(path, model);
            return new Loaded(model, card, meta);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + path + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable checkpoint " + path + ": " + e.getMessage(), e);
        }
    }
}
