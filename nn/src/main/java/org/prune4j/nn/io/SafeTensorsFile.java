package org.prune4j.nn.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contents of a safetensors file: named tensors in file order and the string metadata. */
public record SafeTensorsFile(Path path, Map<String, StoredTensor> tensors, Map<String, String> metadata) {
    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensor called name, or an error naming the file and a few of the names it has. */
    public StoredTensor get(String name) {
        StoredTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(path + ": no tensor named '" + name + "' (the file has " + tensors.size() + " tensors"
                    + (tensors.isEmpty() ? "" : ", e.g. " + tensors.keySet().stream().limit(5).toList()) + ")");
        }
        return t;
    }

    public String metadata(String key) {
        String v = metadata.get(key);
        if (v == null) throw new IllegalArgumentException(path + ": metadata has no key '" + key + "' (keys: " + metadata.keySet() + ")");
        return v;
    }
}
