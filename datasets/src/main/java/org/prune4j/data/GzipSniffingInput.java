package org.prune4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a data file that may or may not be gzip-compressed, deciding by its first two bytes
 * (0x1f 0x8b) rather than its name, since mirrors rename and recompress files freely. Reads
 * count the bytes delivered so that errors can give the (decompressed) offset.
 */
final class GzipSniffingInput implements AutoCloseable {
    private final Path file;
    private final InputStream in;
    private final boolean gzipped;
    private long offset;

    private GzipSniffingInput(Path file, InputStream in, boolean gzipped) {
        this.file = file;
        this.in = in;
        this.gzipped = gzipped;
    }

    static GzipSniffingInput open(Path file) {
        try {
            BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gz = b0 == 0x1f && b1 == 0x8b;
            InputStream in = gz ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return new GzipSniffingInput(file, in, gz);
        } catch (NoSuchFileException e) {
            throw new DatasetNotFoundException(file, "The file does not exist.");
        } catch (ZipException e) {
            throw new DatasetFormatException(file, "corrupt gzip header: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e);
        }
    }

    boolean gzipped() { return gzipped; }

    /** Bytes delivered so far (of the decompressed stream when gzipped). */
    long offset() { return offset; }

    /** Where offsets are counted, for error messages. */
    String offsetKind() { return gzipped ? " (offset in the decompressed stream)" : ""; }

    /**
     * Reads up to len bytes, stopping early only at the end of data; returns how many were read.
     * A gzip stream cut short counts as the end of data so the caller can report the shortfall.
     */
    int readFully(byte[] dst, int off, int len) {
        int done = 0;
        try {
            while (done < len) {
                int n = in.read(dst, off + done, len - done);
                if (n < 0) break;
                done += n;
            }
        } catch (EOFException e) {
            // GZIPInputStream signals a truncated member this way; the short count says it.
        } catch (ZipException e) {
            throw new DatasetFormatException(file, "corrupt gzip data after " + (offset + done)
                    + " decompressed bytes: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatasetException(file + ": read failed at offset " + (offset + done) + offsetKind() + ": " + e, e);
        }
        offset += done;
        return done;
    }

    /** True if at least one more byte follows. */
    boolean hasMore() {
        byte[] one = new byte[1];
        return readFully(one, 0, 1) == 1;
    }

    @Override public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a read-only stream loses no data.
        }
    }
}
