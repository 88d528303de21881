package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir Path dir;

    private static final byte[] PAYLOAD = {0, 1, 2, (byte) 127, (byte) 128, (byte) 255};

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsDimsAndPayloadRawAndGzip(boolean gzip) throws IOException {
        Path f = IdxFiles.write(dir.resolve("x"), IdxFiles.encode(new int[] {1, 2, 3}, PAYLOAD), gzip);
        IdxArray a = IdxReader.read(f, 3);
        assertArrayEquals(new int[] {1, 2, 3}, a.dims());
        assertArrayEquals(PAYLOAD, a.data());
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        Path f = IdxFiles.write(dir.resolve("labels.raw"), IdxFiles.encode(new int[] {6}, PAYLOAD), true);
        assertArrayEquals(PAYLOAD, IdxReader.read(f, 1).data());
    }

    @Test
    void badMagicNamesFileOffsetAndExpectation() throws IOException {
        byte[] bytes = IdxFiles.encode(new int[] {1, 2, 3}, PAYLOAD);
        Arrays.fill(bytes, 0, 4, (byte) 0);
        Path f = IdxFiles.write(dir.resolve("train-images-idx3-ubyte"), bytes, false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte: bad magic 0x00000000 at offset 0, expected 0x00000803 (IDX unsigned byte, 3 dims)"),
                e.getMessage());
        assertEquals(f, e.file());
    }

    @Test
    void wrongRankIsABadMagic() throws IOException {
        Path f = IdxFiles.write(dir.resolve("labels"), IdxFiles.encode(new int[] {6}, PAYLOAD), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().contains("bad magic 0x00000801 at offset 0, expected 0x00000803"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedPayloadSaysHowManyBytesWereExpectedAndFound(boolean gzip) throws IOException {
        byte[] full = IdxFiles.encode(new int[] {2, 2, 3}, new byte[12]);
        Path f = IdxFiles.write(dir.resolve("imgs"), Arrays.copyOf(full, full.length - 5), gzip);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().contains("truncated: expected 12 bytes of data after offset 16 (dims [2, 2, 3]), got 7"), e.getMessage());
    }

    @Test
    void gzipCutInTheMiddleIsReportedAsTruncated() throws IOException {
        // Incompressible pixels, so that half of the gzip file holds about half of the data.
        byte[] px = new byte[10_000];
        new java.util.Random(1).nextBytes(px);
        byte[] gz = IdxFiles.gzip(IdxFiles.encode(new int[] {1, 100, 100}, px));
        Path f = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().contains("truncated: expected 10000 bytes of data after offset 16"), e.getMessage());
        assertTrue(e.getMessage().contains("decompressed"), e.getMessage());
    }

    @Test
    void corruptGzipDataIsAFormatError() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.encode(new int[] {1, 10, 10}, new byte[100]));
        for (int i = 12; i < gz.length - 8; i++) gz[i] = (byte) 0xFF;
        Path f = Files.write(dir.resolve("bad.gz"), gz);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void headerShorterThanMagic() throws IOException {
        Path f = Files.write(dir.resolve("tiny"), new byte[] {0, 0});
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 1));
        assertTrue(e.getMessage().contains("expected a 4-byte IDX magic number at offset 0, got 2 bytes"), e.getMessage());
    }

    @Test
    void missingDimensions() throws IOException {
        byte[] full = IdxFiles.encode(new int[] {1, 2, 3}, PAYLOAD);
        Path f = IdxFiles.write(dir.resolve("hdr"), Arrays.copyOf(full, 10), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().contains("expected 3 dimension sizes (12 bytes) after offset 4, got 6 bytes"), e.getMessage());
    }

    @Test
    void trailingBytesMeanTheHeaderLies() throws IOException {
        byte[] full = IdxFiles.encode(new int[] {6}, PAYLOAD);
        Path f = IdxFiles.write(dir.resolve("long"), Arrays.copyOf(full, full.length + 3), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 1));
        assertTrue(e.getMessage().contains("unexpected data after offset 14"), e.getMessage());
    }

    @Test
    void absurdDimensionIsRejectedBeforeAllocating() throws IOException {
        Path f = IdxFiles.write(dir.resolve("huge"), IdxFiles.encode(new int[] {100_000, 100_000, 1}, new byte[0]), false);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IdxReader.read(f, 3));
        assertTrue(e.getMessage().contains("dimension 1 at offset 8 is 100000"), e.getMessage());
    }

    @Test
    void missingFile() {
        Path f = dir.resolve("nope");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> IdxReader.read(f, 1));
        assertEquals(f, e.path());
    }
}
