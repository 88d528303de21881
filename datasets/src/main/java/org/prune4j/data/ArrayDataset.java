package org.prune4j.data;

import java.util.List;
import org.prune4j.core.tensor.Shape;

/**
 * An in-memory data set of float samples stored back to back in one array
 * (N × sampleSize), with one int label each. Used for data that is already real-valued,
 * such as the z-scored UCI HAR sequences, and for synthetic data in tests.
 */
public final class ArrayDataset implements Dataset {
    private final String name;
    private final float[] data;
    private final int[] labels;
    private final Shape sampleShape;
    private final int sampleSize;
    private final List<String> classNames;

    /** Wraps data and labels (not copied); classNames gives the number of classes. */
    public ArrayDataset(String name, float[] data, int[] labels, Shape sampleShape, List<String> classNames) {
        if (name == null || data == null || labels == null || sampleShape == null) {
            throw new IllegalArgumentException("name, data, labels and sampleShape must not be null");
        }
        this.name = name;
        this.sampleShape = sampleShape;
        this.sampleSize = sampleShape.size();
        this.classNames = ClassNames.validated(classNames);
        if ((long) labels.length * sampleSize != data.length) {
            throw new IllegalArgumentException("data set '" + name + "': " + labels.length + " labels of samples shaped "
                    + sampleShape + " need " + (long) labels.length * sampleSize + " floats, got " + data.length);
        }
        ClassNames.requireLabelsInRange(name, labels, this.classNames.size());
        this.data = data;
        this.labels = labels;
    }

    /** Same, with classes named "0".."numClasses-1". */
    public ArrayDataset(String name, float[] data, int[] labels, Shape sampleShape, int numClasses) {
        this(name, data, labels, sampleShape, ClassNames.numbered(numClasses));
    }

    @Override public String name() { return name; }

    @Override public int size() { return labels.length; }

    @Override public Shape sampleShape() { return sampleShape; }

    @Override public int sampleSize() { return sampleSize; }

    @Override public List<String> classNames() { return classNames; }

    @Override public int label(int index) {
        Dataset.checkIndex(this, index);
        return labels[index];
    }

    @Override public void copySample(int index, float[] dst, int offset) {
        Dataset.checkIndex(this, index);
        System.arraycopy(data, index * sampleSize, dst, offset, sampleSize);
    }

    @Override public String toString() { return name + " " + labels.length + " x " + sampleShape; }
}
