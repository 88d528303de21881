package org.prune4j.data;

import java.util.List;
import org.prune4j.core.tensor.Shape;

/**
 * What every in-memory data set shares: name, one label per sample, the sample shape and
 * the class names, validated once (sample count against the stored values, labels in
 * range). Subclasses only say how a stored sample becomes floats.
 */
abstract class InMemoryDataset implements Dataset {
    private final String name;
    private final int[] labels;
    private final Shape sampleShape;
    private final int sampleSize;
    private final List<String> classNames;

    /** storedValues is the length of the subclass's backing array, unit names what one value is ("floats", "bytes"). */
    InMemoryDataset(String name, int storedValues, String unit, int[] labels, Shape sampleShape, List<String> classNames) {
        this.name = name;
        this.sampleShape = sampleShape;
        this.sampleSize = sampleShape.size();
        this.classNames = ClassNames.validated(classNames);
        if ((long) labels.length * sampleSize != storedValues) {
            throw new IllegalArgumentException("data set '" + name + "': " + labels.length + " labels of samples shaped "
                    + sampleShape + " need " + (long) labels.length * sampleSize + " " + unit + ", got " + storedValues);
        }
        ClassNames.requireLabelsInRange(name, labels, this.classNames.size());
        this.labels = labels;
    }

    @Override public final String name() { return name; }

    @Override public final int size() { return labels.length; }

    @Override public final Shape sampleShape() { return sampleShape; }

    @Override public final int sampleSize() { return sampleSize; }

    @Override public final List<String> classNames() { return classNames; }

    @Override public final int label(int index) {
        Dataset.checkIndex(this, index);
        return labels[index];
    }

    @Override public String toString() { return name + " " + labels.length + " x " + sampleShape; }
}
