package org.prune4j.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files in the real format, raw or gzip, for the reader tests. */
final class IdxFiles {
    private IdxFiles() {}

    static byte[] encode(int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt((0x08 << 8) | dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    static Path write(Path file, byte[] bytes, boolean gzip) throws IOException {
        if (!gzip) return Files.write(file, bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return Files.write(file, out.toByteArray());
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Pixel value of image i at (r, c): distinct per position and image, wrapping at 256. */
    static byte pixel(int i, int r, int c, int cols) { return (byte) (i * 37 + r * cols + c); }

    /** Writes a matching images/labels pair of n images of rows×cols under MNIST names. */
    static void writeSet(Path dir, String prefix, int n, int rows, int cols, int[] labels, boolean gzip) throws IOException {
        byte[] px = new byte[n * rows * cols];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) px[(i * rows + r) * cols + c] = pixel(i, r, c, cols);
            }
        }
        byte[] lb = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) lb[i] = (byte) labels[i];
        String ext = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), encode(new int[] {n, rows, cols}, px), gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), encode(new int[] {labels.length}, lb), gzip);
    }
}
