package org.prune4j.bench.cli.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Copies everything the command prints on stdout into the run's log.txt while it runs,
 * so a run folder tells later what happened; {@link #close()} restores stdout.
 * Progress bars go to stderr and stay out of the log.
 */
public final class RunLog implements AutoCloseable {
    private final PrintStream original;
    private final OutputStream file;

    private RunLog(PrintStream original, OutputStream file) {
        this.original = original;
        this.file = file;
    }

    public static RunLog tee(Path logFile) {
        try {
            OutputStream f = new FileOutputStream(logFile.toFile(), true);
            PrintStream original = System.out;
            OutputStream both = new OutputStream() {
                @Override public void write(int b) throws IOException {
                    original.write(b);
                    f.write(b);
                }

                @Override public void write(byte[] b, int off, int len) throws IOException {
                    original.write(b, off, len);
                    f.write(b, off, len);
                }

                @Override public void flush() throws IOException {
                    original.flush();
                    f.flush();
                }
            };
            System.setOut(new PrintStream(both, true, StandardCharsets.UTF_8));
            return new RunLog(original, f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log " + logFile + ": " + e.getMessage(), e);
        }
    }

    @Override public void close() {
        System.out.flush();
        System.setOut(original);
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
