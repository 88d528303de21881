package org.prune4j.bench.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.prune4j.nn.io.JsonWriter;

/**
 * The folder a command writes into: runs/&lt;timestamp&gt;-&lt;command&gt;/ unless --out says
 * otherwise, holding config.json (the options of the run), log.txt (what the command
 * printed), metrics.jsonl (one JSON object per line, appended as results arrive) and
 * checkpoints/.
 */
public final class RunDirectory {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path root;

    private RunDirectory(Path root) { this.root = root; }

    /** Creates (or reuses) out, or a fresh timestamped folder under runs/ when out is null. */
    public static RunDirectory create(Path out, String command) {
        Path root = out != null ? out : Path.of("runs", LocalDateTime.now().format(STAMP) + "-" + command);
        try {
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw new IllegalArgumentException("--out " + root + " exists and is not a directory");
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create output directory " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root);
    }

    public Path root() { return root; }

    public Path checkpoints() {
        Path p = root.resolve("checkpoints");
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
        return p;
    }

    public Path log() { return root.resolve("log.txt"); }

    public Path metrics() { return root.resolve("metrics.jsonl"); }

    /** Writes config.json: the command and its options, so a run can be read and repeated later. */
    public void writeConfig(Map<String, Object> config) {
        write(root.resolve("config.json"), JsonWriter.write(config) + "\n", false);
    }

    /** Appends one JSON object as a line of metrics.jsonl. */
    public void appendMetrics(Map<String, Object> record) {
        write(metrics(), JsonWriter.write(record) + "\n", true);
    }

    static void write(Path file, String text, boolean append) {
        try {
            if (append) {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public String toString() { return root.toString(); }
}
