package org.prune4j.data;

import java.nio.file.Path;

/**
 * A data file exists but its content is not what its format promises: bad magic number,
 * truncated payload, wrong count of values on a line, a label outside its range. The message
 * always names the file, the position (byte offset or line number) and what was expected.
 */
public class DatasetFormatException extends DatasetException {
    private final transient Path file;

    public DatasetFormatException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file;
    }

    public DatasetFormatException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() { return file; }
}
