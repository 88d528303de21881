package org.prune4j.nn.layers;

/** Argument checks shared by layer constructors, with messages that name the layer and the argument. */
final class LayerChecks {
    private LayerChecks() {}

    static void positive(int v, String layer, String arg) {
        if (v <= 0) throw new IllegalArgumentException(layer + ": " + arg + " must be positive, got " + v);
    }

    static void nonNegative(int v, String layer, String arg) {
        if (v < 0) throw new IllegalArgumentException(layer + ": " + arg + " must be >= 0, got " + v);
    }

    static void notNull(Object o, String layer, String arg) {
        if (o == null) throw new IllegalArgumentException(layer + ": " + arg + " must not be null");
    }
}
