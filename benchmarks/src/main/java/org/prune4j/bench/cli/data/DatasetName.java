package org.prune4j.bench.cli.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The data sets the command line knows by name; an unknown name is an error that lists these. */
public enum DatasetName {
    FASHION_MNIST("fashion-mnist"),
    MNIST("mnist"),
    CIFAR10("cifar10"),
    HAR2("har2"),
    HAR6("har6"),
    IMAGEFOLDER("imagefolder");

    private final String cliName;

    DatasetName(String cliName) { this.cliName = cliName; }

    public String cliName() { return cliName; }

    public static List<String> names() { return Arrays.stream(values()).map(DatasetName::cliName).toList(); }

    public static DatasetName parse(String s) {
        if (s != null) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            for (DatasetName d : values()) if (d.cliName.equals(t)) return d;
        }
        throw new IllegalArgumentException("unknown dataset '" + s + "'; valid names: " + String.join(", ", names()));
    }

    @Override public String toString() { return cliName; }
}
