package org.prune4j.bench.cli.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.prune4j.nn.io.JsonReader;
import org.prune4j.nn.io.JsonWriter;

/**
 * A sweep's results on disk: results.jsonl (one JSON object per finished run, the
 * source of truth) and results.csv (the same rows for spreadsheets), each appended and
 * flushed as soon as a run finishes. Opening a store reads the finished runs back, drops
 * a line cut short by a kill, and rewrites both files from the valid rows, so an
 * interrupted sweep resumes without redoing or double-counting a run.
 */
public final class ResultStore {
    public static final List<String> COLUMNS = List.of("model", "dataset", "method", "target_sparsity", "seed", "sparsity",
            "dense_accuracy", "accuracy", "params", "params_nonzero", "compression", "dense_macs", "effective_macs",
            "theoretical_speedup", "dense_ms_b1", "sparse_ms_b1", "speedup_b1", "dense_ms_b64", "sparse_ms_b64", "speedup_b64",
            "seconds");
    private final Path jsonl;
    private final Path csv;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Set<String> finished = new LinkedHashSet<>();

    private ResultStore(Path dir) {
        this.jsonl = dir.resolve("results.jsonl");
        this.csv = dir.resolve("results.csv");
    }

    public static ResultStore open(Path dir) {
        ResultStore s = new ResultStore(dir);
        s.load();
        return s;
    }

    @SuppressWarnings("unchecked")
    private void load() {
        if (!Files.exists(jsonl)) {
            rewrite();
            return;
        }
        try {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                Object o;
                try {
                    o = JsonReader.parse(line);
                } catch (IllegalArgumentException torn) {
                    continue; // the line a kill cut short: that run did not finish
                }
                if (!(o instanceof Map<?, ?> m) || !m.keySet().containsAll(COLUMNS)) continue;
                Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) m);
                if (finished.add(keyOf(row))) rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl + ": " + e.getMessage(), e);
        }
        rewrite();
    }

    static String keyOf(Map<String, Object> row) {
        return SweepPoint.key(String.valueOf(row.get("model")), String.valueOf(row.get("method")),
                ((Number) row.get("target_sparsity")).doubleValue(), ((Number) row.get("seed")).longValue());
    }

    public boolean isFinished(SweepPoint p) { return finished.contains(p.key()); }

    public List<Map<String, Object>> rows() { return List.copyOf(rows); }

    /** Appends one finished run to both files (flushed before returning). */
    public void append(Map<String, Object> row) {
        for (String c : COLUMNS) if (!row.containsKey(c)) throw new IllegalArgumentException("result row lacks column '" + c + "'");
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String c : COLUMNS) ordered.put(c, row.get(c));
        appendLine(jsonl, JsonWriter.write(ordered));
        appendLine(csv, csvLine(ordered));
        rows.add(ordered);
        finished.add(keyOf(ordered));
    }

    /** Replaces the finished run with row's key by row (e.g. re-measured latencies) and rewrites both files atomically. */
    public void replace(Map<String, Object> row) {
        String key = keyOf(row);
        for (String c : COLUMNS) if (!row.containsKey(c)) throw new IllegalArgumentException("result row lacks column '" + c + "'");
        for (int i = 0; i < rows.size(); i++) {
            if (keyOf(rows.get(i)).equals(key)) {
                Map<String, Object> ordered = new LinkedHashMap<>();
                for (String c : COLUMNS) ordered.put(c, row.get(c));
                rows.set(i, ordered);
                rewrite();
                return;
            }
        }
        throw new IllegalArgumentException("no finished run " + key + " to replace");
    }

    private void rewrite() {
        StringBuilder j = new StringBuilder(), c = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Map<String, Object> r : rows) {
            j.append(JsonWriter.write(r)).append('\n');
            c.append(csvLine(r)).append('\n');
        }
        replace(jsonl, j.toString());
        replace(csv, c.toString());
    }

    static String csvLine(Map<String, Object> row) {
        List<String> cells = new ArrayList<>();
        for (String col : COLUMNS) {
            Object v = row.get(col);
            String s = v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : String.valueOf(v);
            cells.add(s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
        }
        return String.join(",", cells);
    }

    private static void appendLine(Path f, String line) {
        try {
            Files.writeString(f, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + f + ": " + e.getMessage(), e);
        }
    }

    private static void replace(Path f, String text) {
        try {
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
