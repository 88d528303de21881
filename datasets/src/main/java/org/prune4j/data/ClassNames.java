package org.prune4j.data;

import java.util.ArrayList;
import java.util.List;

/** Class-name lists and the label checks shared by the in-memory data sets. */
final class ClassNames {
    private ClassNames() {}

    /** "0", "1", ... for data sets whose classes have no names. */
    static List<String> numbered(int numClasses) {
        if (numClasses < 1) throw new IllegalArgumentException("numClasses must be >= 1, got " + numClasses);
        List<String> names = new ArrayList<>(numClasses);
        for (int i = 0; i < numClasses; i++) names.add(Integer.toString(i));
        return List.copyOf(names);
    }

    static List<String> validated(List<String> names) {
        if (names == null || names.isEmpty()) throw new IllegalArgumentException("a data set needs at least one class name");
        return List.copyOf(names);
    }

    static void requireLabelsInRange(String datasetName, int[] labels, int numClasses) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("data set '" + datasetName + "': label " + labels[i] + " of sample " + i
                        + " outside [0, " + numClasses + ")");
            }
        }
    }
}
