package org.prune4j.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: a big-endian magic 0x0000TTRR (TT the
 * element type, RR the number of dimensions), RR big-endian 32-bit dimension sizes, then the
 * elements. Files may be gzip-compressed or raw. Every deviation is reported with the file,
 * the byte offset and the expectation.
 */
public final class IdxReader {
    /** Element type code of unsigned bytes. */
    static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {}

    /** Reads an unsigned-byte IDX file that must have exactly {@code expectedRank} dimensions. */
    public static IdxArray read(Path file, int expectedRank) {
        try (GzipSniffingInput in = GzipSniffingInput.open(file)) {
            int expectedMagic = (UNSIGNED_BYTE << 8) | expectedRank;
            byte[] header = new byte[4];
            int got = in.readFully(header, 0, 4);
            if (got < 4) {
                throw new DatasetFormatException(file, "truncated: expected a 4-byte IDX magic number at offset 0, got "
                        + got + " bytes" + in.offsetKind());
            }
            int magic = bigEndianInt(header, 0);
            if (magic != expectedMagic) {
                throw new DatasetFormatException(file, String.format(
                        "bad magic 0x%08X at offset 0, expected 0x%08X (IDX unsigned byte, %d dims)%s",
                        magic, expectedMagic, expectedRank, in.offsetKind()));
            }
            int[] dims = new int[expectedRank];
            byte[] dimBytes = new byte[4 * expectedRank];
            got = in.readFully(dimBytes, 0, dimBytes.length);
            if (got < dimBytes.length) {
                throw new DatasetFormatException(file, "truncated: expected " + expectedRank + " dimension sizes ("
                        + dimBytes.length + " bytes) after offset 4, got " + got + " bytes" + in.offsetKind());
            }
            long count = 1;
            for (int i = 0; i < expectedRank; i++) {
                long d = bigEndianInt(dimBytes, 4 * i) & 0xFFFFFFFFL;
                count *= d;
                if (count > Integer.MAX_VALUE - 8) {
                    throw new DatasetFormatException(file, "dimension " + i + " at offset " + (4 + 4 * i) + " is " + d
                            + ", which makes more than " + (Integer.MAX_VALUE - 8) + " elements; the header is corrupt");
                }
                dims[i] = (int) d;
            }
            int payloadOffset = 4 + 4 * expectedRank;
            byte[] data = new byte[(int) count];
            got = in.readFully(data, 0, data.length);
            if (got < data.length) {
                throw new DatasetFormatException(file, "truncated: expected " + data.length + " bytes of data after offset "
                        + payloadOffset + " (dims " + Arrays.toString(dims) + "), got " + got + in.offsetKind());
            }
            if (in.hasMore()) {
                throw new DatasetFormatException(file, "unexpected data after offset " + (payloadOffset + (long) data.length)
                        + ": the header's dims " + Arrays.toString(dims) + " account for " + data.length
                        + " bytes of data, the file has more" + in.offsetKind());
            }
            return new IdxArray(dims, data);
        }
    }

    private static int bigEndianInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
