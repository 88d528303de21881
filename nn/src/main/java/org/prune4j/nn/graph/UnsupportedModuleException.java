package org.prune4j.nn.graph;

/** A module the graph lowering (and so FLOP counting, export, channel pruning) does not know, named by path and type. */
public final class UnsupportedModuleException extends IllegalArgumentException {
    public UnsupportedModuleException(String path, Class<?> type, String supported) {
        super("module '" + (path.isEmpty() ? "<root>" : path) + "' of type " + type.getName() + " is not supported; supported: " + supported);
    }
}
