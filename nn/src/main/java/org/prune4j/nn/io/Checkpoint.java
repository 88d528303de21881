package org.prune4j.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Tensor;
import org.prune4j.nn.Module;
import org.prune4j.nn.Parameter;
import org.prune4j.nn.optim.Optimizer;

/**
 * Model (and optionally optimizer) state in one safetensors file. Layout:
 * <ul>
 *   <li>the model's state dict under its own names ({@code layer1.0.conv1.weight}, F32);</li>
 *   <li>each mask as {@code <parameter>.mask}, U8 0/1, beside its weight;</li>
 *   <li>optimizer state as {@code optimizer.<index>.<name>} (F32);</li>
 *   <li>metadata: {@code format}, {@code model}, {@code optimizer} (class names) and
 *       whatever the caller adds (the trainer stores epoch, step and seed).</li>
 * </ul>
 * Loading is all-or-nothing for the model: keys and shapes are checked before anything changes.
 */
public final class Checkpoint {
    public static final String FORMAT = "prune4j-checkpoint/1";
    static final String MASK_SUFFIX = ".mask";
    static final String OPTIMIZER_PREFIX = "optimizer.";

    private Checkpoint() {}

    /** Writes model state, masks, optimizer state (optimizer may be null) and extra metadata, atomically. */
    public static void save(Path path, Module model, Optimizer optimizer, Map<String, String> extraMetadata) throws IOException {
        if (model == null) throw new IllegalArgumentException("Checkpoint.save: model must not be null");
        LinkedHashMap<String, StoredTensor> out = new LinkedHashMap<>();
        for (var e : model.stateDict().entrySet()) out.put(e.getKey(), StoredTensor.f32(e.getValue()));
        for (var e : model.namedMasks().entrySet()) putUnique(out, e.getKey() + MASK_SUFFIX, StoredTensor.mask(e.getValue()));
        if (optimizer != null) {
            for (var e : optimizer.stateDict().entrySet()) putUnique(out, OPTIMIZER_PREFIX + e.getKey(), StoredTensor.f32(e.getValue()));
        }
        LinkedHashMap<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("model", model.getClass().getName());
        if (optimizer != null) meta.put("optimizer", optimizer.getClass().getName());
        if (extraMetadata != null) meta.putAll(extraMetadata);
        SafeTensors.write(path, out, meta);
    }

    public static void save(Path path, Module model) throws IOException { save(path, model, null, null); }

    private static void putUnique(Map<String, StoredTensor> out, String key, StoredTensor t) {
        if (out.put(key, t) != null) throw new IllegalStateException("checkpoint key '" + key + "' is used twice; rename the module or parameter");
    }

    /**
     * Restores model state and masks (parameters without a stored mask become dense) and,
     * when optimizer is non-null, the optimizer state. Returns the file's metadata.
     */
    public static Map<String, String> load(Path path, Module model, Optimizer optimizer) throws IOException {
        if (model == null) throw new IllegalArgumentException("Checkpoint.load: model must not be null");
        SafeTensorsFile file = SafeTensors.read(path);
        String format = file.metadata().get("format");
        if (!FORMAT.equals(format)) {
            throw new SafeTensorsFormatException(path, "not a Prune4J checkpoint: metadata format is " + format + ", expected " + FORMAT);
        }
        LinkedHashMap<String, Parameter> params = model.namedParameters();
        LinkedHashMap<String, Tensor> state = new LinkedHashMap<>();
        LinkedHashMap<String, Mask> masks = new LinkedHashMap<>();
        LinkedHashMap<String, Tensor> optState = new LinkedHashMap<>();
        List<String> badMasks = new ArrayList<>();
        for (var e : file.tensors().entrySet()) {
            String k = e.getKey();
            try {
                if (k.startsWith(OPTIMIZER_PREFIX)) {
                    optState.put(k.substring(OPTIMIZER_PREFIX.length()), e.getValue().toTensor());
                } else if (k.endsWith(MASK_SUFFIX) && params.containsKey(k.substring(0, k.length() - MASK_SUFFIX.length()))) {
                    Parameter p = params.get(k.substring(0, k.length() - MASK_SUFFIX.length()));
                    Mask m = e.getValue().toMask();
                    if (!m.shape().equals(p.shape())) badMasks.add(k + ": mask " + m.shape() + ", parameter " + p.shape());
                    masks.put(k.substring(0, k.length() - MASK_SUFFIX.length()), m);
                } else {
                    state.put(k, e.getValue().toTensor());
                }
            } catch (RuntimeException ex) {
                throw new SafeTensorsFormatException(path, "tensor '" + k + "': " + ex.getMessage(), ex);
            }
        }
        if (!badMasks.isEmpty()) throw new SafeTensorsFormatException(path, "mask shapes do not match their parameters: " + badMasks);
        if (optimizer != null) {
            String saved = file.metadata().get("optimizer");
            if (saved != null && !saved.equals(optimizer.getClass().getName())) {
                throw new SafeTensorsFormatException(path, "optimizer state was saved by " + saved + " but is being loaded into " + optimizer.getClass().getName());
            }
        }
        // Clear masks first so loading cannot zero weights by a stale mask; restore them if loading fails.
        LinkedHashMap<String, Mask> previous = model.namedMasks();
        for (Parameter p : params.values()) p.clearMask();
        try {
            model.loadStateDict(state, true);
        } catch (RuntimeException ex) {
            for (var e : previous.entrySet()) params.get(e.getKey()).setMask(e.getValue());
            throw new SafeTensorsFormatException(path, ex.getMessage(), ex);
        }
        for (var e : masks.entrySet()) params.get(e.getKey()).setMask(e.getValue());
        if (optimizer != null) optimizer.loadStateDict(optState);
        return file.metadata();
    }

    public static Map<String, String> load(Path path, Module model) throws IOException { return load(path, model, null); }
}
