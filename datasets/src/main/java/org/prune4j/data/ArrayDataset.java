package org.prune4j.data;

import java.util.List;
import org.prune4j.core.tensor.Shape;

/**
 * An in-memory data set of float samples stored back to back in one array
 * (N × sampleSize), with one int label each. Used for data that is already real-valued,
 * such as the z-scored UCI HAR sequences, and for synthetic data in tests.
 */
public final class ArrayDataset extends InMemoryDataset {
    private final float[] data;

    /** Wraps data and labels (not copied); classNames gives the number of classes. */
    public ArrayDataset(String name, float[] data, int[] labels, Shape sampleShape, List<String> classNames) {
        super(requireNonNull(name, data, labels, sampleShape), data.length, "floats", labels, sampleShape, classNames);
        this.data = data;
    }

    /** Same, with classes named "0".."numClasses-1". */
    public ArrayDataset(String name, float[] data, int[] labels, Shape sampleShape, int numClasses) {
        this(name, data, labels, sampleShape, ClassNames.numbered(numClasses));
    }

    private static String requireNonNull(String name, float[] data, int[] labels, Shape sampleShape) {
        if (name == null || data == null || labels == null || sampleShape == null) {
            throw new IllegalArgumentException("name, data, labels and sampleShape must not be null");
        }
        return name;
    }

    @Override public void copySample(int index, float[] dst, int offset) {
        Dataset.checkIndex(this, index);
        System.arraycopy(data, index * sampleSize(), dst, offset, sampleSize());
    }
}
