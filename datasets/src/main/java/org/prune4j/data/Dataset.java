package org.prune4j.data;

import java.util.List;
import org.prune4j.core.tensor.Shape;

/**
 * An indexed collection of labelled samples that all share one shape: images as
 * [C, H, W], sequences as [T, F]. Samples are delivered as floats copied into a caller's
 * buffer, so a batch is assembled with no intermediate arrays and an implementation is free
 * to keep its data compact (bytes) or on disk (decoded lazily per call).
 *
 * <p>Implementations must allow {@link #copySample} and {@link #label} to be called from
 * several threads at once: the {@link DataLoader} prefetches on background threads.
 */
public interface Dataset {
    /** A short human-readable name, e.g. "fashion-mnist/train". */
    String name();

    /** Number of samples. */
    int size();

    /** Shape of one sample, without the batch axis. */
    Shape sampleShape();

    /** Number of floats in one sample. */
    default int sampleSize() { return sampleShape().size(); }

    /** Number of classes; labels are in [0, numClasses). */
    default int numClasses() { return classNames().size(); }

    /** Class names indexed by label. */
    List<String> classNames();

    /** The label of sample {@code index}, in [0, numClasses). */
    int label(int index);

    /** Writes sample {@code index} as {@link #sampleSize()} floats into dst starting at offset. */
    void copySample(int index, float[] dst, int offset);

    /** Sample {@code index} as a fresh array (convenient for tests and inspection, not for hot loops). */
    default float[] sample(int index) {
        float[] out = new float[sampleSize()];
        copySample(index, out, 0);
        return out;
    }

    /** Rejects an index outside [0, size) with a message naming the data set. */
    static void checkIndex(Dataset dataset, int index) {
        if (index < 0 || index >= dataset.size()) {
            throw new IndexOutOfBoundsException("sample " + index + " out of range for data set '" + dataset.name()
                    + "' of " + dataset.size() + " samples");
        }
    }
}
