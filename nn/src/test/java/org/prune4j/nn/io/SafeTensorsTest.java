package org.prune4j.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.core.sparse.Mask;
import org.prune4j.core.tensor.Shape;

class SafeTensorsTest {
    @TempDir Path dir;

    /** A file assembled byte by byte from the specification, independent of our writer. */
    private static byte[] handBuilt(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    private static byte[] floatsLE(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    private Path file(byte[] bytes) throws IOException {
        Path p = dir.resolve("t.safetensors");
        Files.write(p, bytes);
        return p;
    }

    @Test void roundTripAllDtypesAndMetadata() throws IOException {
        LinkedHashMap<String, StoredTensor> ts = new LinkedHashMap<>();
        ts.put("w", StoredTensor.f32(new float[] {1.5f, -2f, 0f, Float.MIN_VALUE, 3e38f, -0f}, 2, 3));
        ts.put("w.mask", StoredTensor.mask(Mask.of(Shape.of(2, 3), new float[] {1, 0, 1, 1, 0, 1})));
        ts.put("idx", StoredTensor.i32(new int[] {0, 7, Integer.MIN_VALUE}, 3));
        ts.put("scalar", StoredTensor.f32(new float[] {4f}));
        ts.put("empty", StoredTensor.f32(new float[0], 0, 5));
        Path p = dir.resolve("sub/round.safetensors");
        SafeTensors.write(p, ts, Map.of("epoch", "3", "note", "quote \" and \\ and \n"));
        SafeTensorsFile f = SafeTensors.read(p);
        assertEquals(List.copyOf(ts.keySet()), List.copyOf(f.tensors().keySet()));
        assertArrayEquals(ts.get("w").toFloats(), f.get("w").toFloats());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f.get("w").toFloats()[5]));
        assertArrayEquals(new long[] {2, 3}, f.get("w").shape());
        assertEquals(DType.U8, f.get("w.mask").dtype());
        assertArrayEquals(new float[] {1, 0, 1, 1, 0, 1}, f.get("w.mask").toMask().data());
        assertArrayEquals(new int[] {0, 7, Integer.MIN_VALUE}, f.get("idx").toInts());
        assertArrayEquals(new long[0], f.get("scalar").shape());
        assertEquals(0, f.get("empty").elementCount());
        assertEquals("quote \" and \\ and \n", f.metadata("note"));
        // The header is space-padded so the data starts 8-byte aligned.
        long headerLen = ByteBuffer.wrap(Files.readAllBytes(p), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8);
        var e = assertThrows(IllegalArgumentException.class, () -> f.get("nope"));
        assertTrue(e.getMessage().contains("no tensor named 'nope'"), e.getMessage());
    }

    @Test void readsAFileBuiltByHandFromTheSpec() throws IOException {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        byte[] data = floatsLE(1f, 2f, 3f, 4f, -1f, 0.5f);
        SafeTensorsFile f = SafeTensors.read(file(handBuilt(header, data)));
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, f.get("a").toFloats());
        assertArrayEquals(new float[] {-1f, 0.5f}, f.get("b").toFloats());
        assertEquals("pt", f.metadata("format"));
        assertEquals("[2, 2]", f.get("a").toTensor().shape().toString());
    }

    @Test void ourFileMatchesTheSpecByteForByte() throws IOException {
        LinkedHashMap<String, StoredTensor> ts = new LinkedHashMap<>();
        ts.put("x", StoredTensor.f32(new float[] {1f, 2f}, 2));
        Path p = dir.resolve("x.safetensors");
        SafeTensors.write(p, ts, Map.of());
        String json = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        assertArrayEquals(handBuilt(padded, floatsLE(1f, 2f)), Files.readAllBytes(p));
    }

    private void assertFormatError(byte[] bytes, String... fragments) throws IOException {
        Path p = file(bytes);
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "missing '" + f + "' in: " + e.getMessage());
    }

    private static final String GOOD = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test void truncatedFile() throws IOException {
        byte[] full = handBuilt(GOOD, floatsLE(1f, 2f));
        assertFormatError(Arrays.copyOf(full, full.length - 3), "tensor 'a'", "reach past the data section of 5 bytes");
        assertFormatError(Arrays.copyOf(full, 5), "too short for the 8-byte header length");
        assertFormatError(Arrays.copyOf(full, 20), "header length " + GOOD.length() + " does not fit the file");
    }

    @Test void badHeaderLength() throws IOException {
        byte[] b = handBuilt(GOOD, floatsLE(1f, 2f));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertFormatError(b, "header length 18446744073709551615 does not fit the file");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0L);
        assertFormatError(b, "header length 0");
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, GOOD.length() - 1);
        assertFormatError(b, "not valid JSON");
    }

    @Test void badDtype() throws IOException {
        assertFormatError(handBuilt(GOOD.replace("F32", "F16"), floatsLE(1f, 2f)), "tensor 'a'", "unsupported dtype \"F16\"", "F32, I32, I64, U8");
    }

    @Test void shapeDisagreesWithOffsets() throws IOException {
        assertFormatError(handBuilt(GOOD.replace("[2]", "[3]"), floatsLE(1f, 2f)), "tensor 'a'", "needs 12 bytes but data_offsets [0, 8] span 8");
    }

    @Test void overlappingOffsets() throws IOException {
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertFormatError(handBuilt(h, floatsLE(1f, 2f, 3f)), "tensor 'b' data_offsets [4, 12] overlap tensor 'a' [0, 8]");
    }

    @Test void gapsAndTrailingBytes() throws IOException {
        String h = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertFormatError(handBuilt(h, floatsLE(1f, 2f)), "gap of 4 bytes before tensor 'a'");
        assertFormatError(handBuilt(GOOD, floatsLE(1f, 2f, 3f)), "trailing bytes");
    }

    @Test void malformedHeaders() throws IOException {
        assertFormatError(handBuilt("[1,2]", new byte[0]), "header must be a JSON object");
        assertFormatError(handBuilt("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{}}", floatsLE(1f, 2f)), "duplicate key \"a\"");
        assertFormatError(handBuilt(GOOD.replace("[0,8]", "[0,8,9]"), floatsLE(1f, 2f)), "\"data_offsets\" must have 2 entries");
        assertFormatError(handBuilt(GOOD.replace("[2]", "[-2]"), floatsLE(1f, 2f)), "non-negative integers");
        assertFormatError(handBuilt("{\"__metadata__\":{\"k\":1}}", new byte[0]), "metadata value for \"k\" must be a string");
    }

    @Test void atomicWriteLeavesNoTemporaryFilesAndReplacesTarget() throws IOException {
        Path p = dir.resolve("ckpt.safetensors");
        SafeTensors.write(p, Map.of("a", StoredTensor.f32(new float[] {1f}, 1)), Map.of());
        SafeTensors.write(p, Map.of("a", StoredTensor.f32(new float[] {2f}, 1)), Map.of());
        assertArrayEquals(new float[] {2f}, SafeTensors.read(p).get("a").toFloats());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
        // A failure while writing must leave the previous file intact and no temporary behind.
        Map<String, StoredTensor> bad = new LinkedHashMap<>();
        bad.put("a", StoredTensor.f32(new float[] {3f}, 1));
        bad.put("__metadata__", StoredTensor.f32(new float[] {3f}, 1));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(p, bad, Map.of()));
        assertArrayEquals(new float[] {2f}, SafeTensors.read(p).get("a").toFloats());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test void jsonReaderHandlesEscapesAndRejectsJunk() {
        Object v = JsonReader.parse(" {\"s\":\"a\\u00e9\\ud83d\\ude00\\t\",\"n\":[-1,2.5e3,0],\"t\":true,\"z\":null} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals("aé😀\t", m.get("s"));
        assertEquals(List.of(-1L, 2500.0, 0L), m.get("n"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertTrue(m.containsKey("z"));
        assertEquals(v, JsonReader.parse(JsonWriter.write(v)));
        for (String bad : new String[] {"{", "{\"a\" 1}", "[1,]", "01", "\"\\x\"", "tru", "{} x", "1.", "\"a\nb\""}) {
            assertThrows(JsonReader.JsonException.class, () -> JsonReader.parse(bad), bad);
        }
    }

    @Test void dtypeMixUpsAreRefused() {
        StoredTensor ints = StoredTensor.i32(new int[] {1, 2}, 2);
        assertThrows(IllegalStateException.class, ints::toFloats);
        assertArrayEquals(new float[] {1f, 2f}, ints.toTensor().data());
        StoredTensor notAMask = StoredTensor.u8(new byte[] {0, 2}, 2);
        var e = assertThrows(IllegalArgumentException.class, notAMask::toMask);
        assertTrue(e.getMessage().contains("mask byte 2 at index 1"), e.getMessage());
    }
}
