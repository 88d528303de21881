package org.prune4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (huggingface/safetensors): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON
 * {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {str: str}}}
 * (padded with spaces to a multiple of 8), then the raw little-endian data, offsets
 * relative to its start.
 *
 * <p>Writes are atomic: a temporary file in the target's directory is written, forced
 * to disk and renamed over the target, so a crash never leaves a half-written file
 * at the target path. Reads validate everything the reference implementation does
 * (header bounds, JSON, dtypes, sizes, offsets in bounds, no overlaps, no gaps) and say
 * which file, which tensor and what was expected.
 */
public final class SafeTensors {
    /** The reference implementation's cap; a larger header means a corrupt length prefix. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    private SafeTensors() {}

    // ------------------------------------------------------------------ writing

    public static void write(Path path, Map<String, StoredTensor> tensors, Map<String, String> metadata) throws IOException {
        if (path == null) throw new IllegalArgumentException("SafeTensors.write: path must not be null");
        if (tensors == null) throw new IllegalArgumentException("SafeTensors.write: tensors must not be null");
        byte[] header = header(tensors, metadata == null ? Map.of() : metadata);
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(header));
                for (StoredTensor t : tensors.values()) writeFully(ch, ByteBuffer.wrap(t.rawBytes()));
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot write " + abs + " atomically: the file system does not support atomic rename", e);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    private static byte[] header(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        LinkedHashMap<String, Object> h = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            for (var e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) throw new IllegalArgumentException("SafeTensors.write: metadata keys and values must not be null");
            }
            h.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (var e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.write: invalid tensor name '" + name + "'");
            }
            StoredTensor t = e.getValue();
            if (t == null) throw new IllegalArgumentException("SafeTensors.write: tensor '" + name + "' is null");
            long end = offset + t.rawBytes().length;
            LinkedHashMap<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype().name());
            entry.put("shape", t.shape());
            entry.put("data_offsets", new long[] {offset, end});
            h.put(name, entry);
            offset = end;
        }
        byte[] json = JsonWriter.write(h).getBytes(StandardCharsets.UTF_8);
        // Pad with spaces so the data section starts 8-byte aligned, as the reference writer does.
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** Makes the rename durable; some file systems cannot open directories, where this is best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The data itself was forced before the rename; only the directory entry's durability is at stake.
        }
    }

    // ------------------------------------------------------------------ reading

    public static SafeTensorsFile read(Path path) throws IOException {
        if (path == null) throw new IllegalArgumentException("SafeTensors.read: path must not be null");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw new SafeTensorsFormatException(path, "file is " + size + " bytes, too short for the 8-byte header length");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, path);
            long n = lenBuf.flip().getLong();
            if (n <= 0 || n > size - 8) {
                throw new SafeTensorsFormatException(path, "header length " + Long.toUnsignedString(n) + " does not fit the file: expected 1.."
                        + (size - 8) + " (file is " + size + " bytes; truncated, or not a safetensors file)");
            }
            if (n > MAX_HEADER_BYTES) throw new SafeTensorsFormatException(path, "header length " + n + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
            ByteBuffer hb = ByteBuffer.allocate((int) n);
            readFully(ch, hb, 8, path);
            String json;
            try {
                json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
            } catch (CharacterCodingException e) {
                throw new SafeTensorsFormatException(path, "header is not valid UTF-8", e);
            }
            Object parsed;
            try {
                parsed = JsonReader.parse(json);
            } catch (JsonReader.JsonException e) {
                throw new SafeTensorsFormatException(path, "header is not valid JSON: " + e.getMessage(), e);
            }
            if (!(parsed instanceof Map<?, ?> header)) throw new SafeTensorsFormatException(path, "header must be a JSON object");
            long dataStart = 8 + n, dataLen = size - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (var e : header.entrySet()) {
                String name = (String) e.getKey();
                if (name.equals(METADATA_KEY)) {
                    readMetadata(path, e.getValue(), metadata);
                } else {
                    entries.add(entry(path, name, e.getValue(), dataLen));
                }
            }
            checkLayout(path, entries, dataLen);
            LinkedHashMap<String, StoredTensor> tensors = new LinkedHashMap<>();
            for (Entry en : entries) {
                ByteBuffer b = ByteBuffer.allocate((int) (en.end - en.begin));
                readFully(ch, b, dataStart + en.begin, path);
                tensors.put(en.name, new StoredTensor(en.dtype, en.shape, b.array()));
            }
            return new SafeTensorsFile(path, tensors, metadata);
        }
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {}

    private static void readMetadata(Path path, Object v, Map<String, String> out) throws SafeTensorsFormatException {
        if (!(v instanceof Map<?, ?> m)) throw new SafeTensorsFormatException(path, "\"__metadata__\" must be an object of strings");
        for (var e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new SafeTensorsFormatException(path, "metadata value for \"" + e.getKey() + "\" must be a string, got " + e.getValue());
            }
            out.put((String) e.getKey(), s);
        }
    }

    private static Entry entry(Path path, String name, Object v, long dataLen) throws SafeTensorsFormatException {
        String where = "tensor '" + name + "': ";
        if (!(v instanceof Map<?, ?> m)) throw new SafeTensorsFormatException(path, where + "expected an object with dtype, shape and data_offsets");
        for (Object k : m.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new SafeTensorsFormatException(path, where + "unexpected field \"" + k + "\"; expected dtype, shape and data_offsets");
            }
        }
        if (!(m.get("dtype") instanceof String ds)) throw new SafeTensorsFormatException(path, where + "\"dtype\" must be a string");
        DType dtype;
        try {
            dtype = DType.parse(ds);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsFormatException(path, where + e.getMessage());
        }
        long[] shape = longs(path, where, "shape", m.get("shape"), -1);
        long[] off = longs(path, where, "data_offsets", m.get("data_offsets"), 2);
        long begin = off[0], end = off[1];
        if (begin > end) throw new SafeTensorsFormatException(path, where + "data_offsets [" + begin + ", " + end + "] end before they begin");
        if (end > dataLen) {
            throw new SafeTensorsFormatException(path, where + "data_offsets [" + begin + ", " + end + "] reach past the data section of "
                    + dataLen + " bytes (truncated file?)");
        }
        long expected;
        try {
            expected = Math.multiplyExact(StoredTensor.elementCount(shape), dtype.bytes());
        } catch (ArithmeticException e) {
            throw new SafeTensorsFormatException(path, where + "shape " + Arrays.toString(shape) + " is too large");
        }
        if (end - begin != expected) {
            throw new SafeTensorsFormatException(path, where + "shape " + Arrays.toString(shape) + " of " + dtype + " needs " + expected
                    + " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        if (expected > Integer.MAX_VALUE - 8) throw new SafeTensorsFormatException(path, where + expected + " bytes exceed what one Java array holds");
        return new Entry(name, dtype, shape, begin, end);
    }

    private static long[] longs(Path path, String where, String field, Object v, int exactLength) throws SafeTensorsFormatException {
        if (!(v instanceof List<?> l)) throw new SafeTensorsFormatException(path, where + "\"" + field + "\" must be an array of non-negative integers");
        if (exactLength >= 0 && l.size() != exactLength) {
            throw new SafeTensorsFormatException(path, where + "\"" + field + "\" must have " + exactLength + " entries, got " + l.size());
        }
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long x) || x < 0) {
                throw new SafeTensorsFormatException(path, where + "\"" + field + "\" must hold non-negative integers, got " + l.get(i));
            }
            out[i] = x;
        }
        return out;
    }

    /** Tensors must tile the data section exactly: no overlaps, no gaps, no trailing bytes. */
    private static void checkLayout(Path path, List<Entry> entries, long dataLen) throws SafeTensorsFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry prev = null;
        for (Entry e : sorted) {
            if (e.begin < covered) {
                throw new SafeTensorsFormatException(path, "tensor '" + e.name + "' data_offsets [" + e.begin + ", " + e.end
                        + "] overlap tensor '" + prev.name + "' [" + prev.begin + ", " + prev.end + "]");
            }
            if (e.begin > covered) {
                throw new SafeTensorsFormatException(path, "gap of " + (e.begin - covered) + " bytes before tensor '" + e.name
                        + "' at offset " + covered + "; tensors must be stored back to back");
            }
            covered = e.end;
            prev = e;
        }
        if (covered != dataLen) {
            throw new SafeTensorsFormatException(path, "data section is " + dataLen + " bytes but the tensors cover " + covered
                    + " (trailing bytes after the last tensor)");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, Path path) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) throw new SafeTensorsFormatException(path, "unexpected end of file at byte " + p);
            p += r;
        }
    }
}
