package org.prune4j.nn.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not valid safetensors; the message names the file, the tensor (if any) and what was expected. */
public final class SafeTensorsFormatException extends IOException {
    public SafeTensorsFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public SafeTensorsFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
