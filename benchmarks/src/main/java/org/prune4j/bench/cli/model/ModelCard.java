package org.prune4j.bench.cli.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prune4j.core.tensor.Shape;

/**
 * What it takes to rebuild a model from a checkpoint: its catalog name, the data set it
 * was trained on, the sample shape and class count it was built for, and the
 * initialisation seed. Stored in the checkpoint's safetensors metadata under
 * {@code prune4j.*} keys, so a checkpoint file is self-describing.
 */
public record ModelCard(String model, String dataset, Shape sampleShape, int numClasses, long seed) {
    static final String PREFIX = "prune4j.";

    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PREFIX + "model", model);
        m.put(PREFIX + "dataset", dataset);
        m.put(PREFIX + "sample_shape", Arrays.toString(sampleShape.dims()));
        m.put(PREFIX + "num_classes", Integer.toString(numClasses));
        m.put(PREFIX + "seed", Long.toString(seed));
        return m;
    }

    /** Reads a card back; what is missing or malformed is named in the error. */
    public static ModelCard fromMetadata(Map<String, String> m, String where) {
        String model = require(m, "model", where), dataset = require(m, "dataset", where);
        try {
            String shape = require(m, "sample_shape", where).replaceAll("[\\[\\] ]", "");
            int[] dims = Arrays.stream(shape.split(",")).mapToInt(Integer::parseInt).toArray();
            return new ModelCard(model, dataset, Shape.of(dims), Integer.parseInt(require(m, "num_classes", where)),
                    Long.parseLong(require(m, "seed", where)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": malformed prune4j metadata (" + e.getMessage() + ")");
        }
    }

    private static String require(Map<String, String> m, String key, String where) {
        String v = m.get(PREFIX + key);
        if (v == null) {
            throw new IllegalArgumentException(where + " has no '" + PREFIX + key + "' metadata; it was not written by the prune4j command line");
        }
        return v;
    }
}
