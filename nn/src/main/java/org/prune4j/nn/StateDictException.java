package org.prune4j.nn;

import java.util.List;

/**
 * A state dict that does not fit a module: the missing keys, the unexpected keys and the
 * shape mismatches, all listed at once so a user fixes a checkpoint in one pass.
 */
public final class StateDictException extends IllegalArgumentException {
    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> shapeMismatches;

    public StateDictException(String module, List<String> missing, List<String> unexpected, List<String> shapeMismatches) {
        super(message(module, missing, unexpected, shapeMismatches));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.shapeMismatches = List.copyOf(shapeMismatches);
    }

    private static String message(String module, List<String> missing, List<String> unexpected, List<String> mismatched) {
        StringBuilder sb = new StringBuilder("error loading state dict into ").append(module).append(':');
        if (!missing.isEmpty()) sb.append("\n  missing keys: ").append(missing);
        if (!unexpected.isEmpty()) sb.append("\n  unexpected keys: ").append(unexpected);
        if (!mismatched.isEmpty()) sb.append("\n  shape mismatches: ").append(mismatched);
        return sb.toString();
    }

    public List<String> missing() { return missing; }

    public List<String> unexpected() { return unexpected; }

    public List<String> shapeMismatches() { return shapeMismatches; }
}
