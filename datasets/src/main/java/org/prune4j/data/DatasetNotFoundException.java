package org.prune4j.data;

import java.nio.file.Path;

/**
 * A data set directory or one of its files is absent. The message says which path was
 * looked for, which files are expected there and how to obtain them, so that a user who has
 * never seen the data set can fix the problem from the message alone.
 */
public class DatasetNotFoundException extends DatasetException {
    private final transient Path path;

    public DatasetNotFoundException(Path path, String whatAndHow) {
        super(path + " not found. " + whatAndHow);
        this.path = path;
    }

    /** The path that was looked for. */
    public Path path() { return path; }
}
