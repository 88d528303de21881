package org.prune4j.bench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.nn.io.JsonReader;

/** The append format of sweep results: CSV with a fixed header, one JSON object per line, read back on reopen. */
class ResultStoreTest {
    @TempDir Path dir;

    static Map<String, Object> row(String method, double sparsity, long seed, double accuracy) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (String c : ResultStore.COLUMNS) r.put(c, 1.5);
        r.put("model", "lenet5");
        r.put("dataset", "fashion-mnist");
        r.put("method", method);
        r.put("target_sparsity", sparsity);
        r.put("seed", seed);
        r.put("accuracy", accuracy);
        return r;
    }

    @Test void appendsCsvAndJsonLinesAndReadsThemBack() throws Exception {
        ResultStore s = ResultStore.open(dir);
        s.append(row("global-mp", 0.9, 0, 0.875));
        s.append(row("random", 0.5, 1, 0.5));
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(String.join(",", ResultStore.COLUMNS), csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("lenet5,fashion-mnist,global-mp,0.900000,0,"), csv.get(1));
        List<String> json = Files.readAllLines(dir.resolve("results.jsonl"));
        assertEquals(2, json.size());
        @SuppressWarnings("unchecked") Map<String, Object> first = (Map<String, Object>) JsonReader.parse(json.get(0));
        assertEquals(List.copyOf(ResultStore.COLUMNS), List.copyOf(first.keySet()));
        assertEquals(0.875, ((Number) first.get("accuracy")).doubleValue());

        ResultStore again = ResultStore.open(dir);
        assertTrue(again.isFinished(new SweepPoint("lenet5", "global-mp", 0.9, 0)));
        assertTrue(again.isFinished(new SweepPoint("lenet5", "random", 0.5, 1)));
        assertFalse(again.isFinished(new SweepPoint("lenet5", "random", 0.5, 2)));
        assertEquals(2, again.rows().size());
    }

    @Test void rowsWithoutEveryColumnAreRefused() {
        ResultStore s = ResultStore.open(dir);
        Map<String, Object> r = row("global-mp", 0.9, 0, 0.8);
        r.remove("seconds");
        assertThrows(IllegalArgumentException.class, () -> s.append(r));
    }

    @Test void plotsArePngFiles() throws Exception {
        List<Map<String, Object>> rows = List.of(row("global-mp", 0.5, 0, 0.9), row("global-mp", 0.5, 1, 0.8), row("global-mp", 0.9, 0, 0.7),
                row("random", 0.5, 0, 0.6), row("random", 0.9, 0, 0.3));
        for (Path p : SweepPlots.write(rows, dir)) {
            byte[] b = Files.readAllBytes(p);
            assertTrue(b.length > 1000, p + " has content");
            assertEquals(0x89, b[0] & 0xFF);
            assertEquals("PNG", new String(b, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
