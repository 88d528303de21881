package org.prune4j.data;

/**
 * Base of every failure of this module: a data set that is missing, malformed or cannot be
 * read. Unchecked, because a bad data file is a configuration error the caller fixes on disk,
 * not something a training loop can recover from; callers that want to report it nicely
 * catch this one type.
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) { super(message); }

    public DatasetException(String message, Throwable cause) { super(message, cause); }
}
