package org.prune4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.data.FashionMnist;

/**
 * A sweep killed part-way resumes without redoing finished runs: the first invocation
 * runs a subset of the grid (as if killed after it), a torn half-written line is added,
 * and the second invocation over the full grid runs only what is missing. Tiny budget:
 * LeNet-5 on 64 real training images.
 */
class SweepResumeTest {
    @TempDir Path out;

    private CliRunner sweep(String sparsities, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", "--out", out.toString(), "--models", "lenet5", "--methods", "global-mp",
                "--sparsities", sparsities, "--seeds", "0", "--train-limit", "64", "--test-limit", "32", "--batch-size", "32",
                "--dense-epochs", "1", "--finetune-epochs", "1"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test void rerunSkipsFinishedRunsAndWritesCsvJsonAndPlots() throws Exception {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "Fashion-MNIST not installed");
        CliRunner first = sweep("0.5");
        assertEquals(0, first.exit(), first.err());
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(2, csv.size(), "header + 1 run: " + csv);
        // A kill in the middle of an append leaves a torn line; it must not count as finished.
        Files.writeString(out.resolve("results.jsonl"), "{\"model\":\"lenet5\",\"method\":\"glo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        CliRunner second = sweep("0.5,0.8");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("1 already finished"), second.out());
        assertEquals(1, second.out().split("== run: ", -1).length - 1, "only the missing run ran:\n" + second.out());
        assertTrue(!second.out().contains("dense: training"), "the cached dense baseline is reused:\n" + second.out());

        csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(3, csv.size(), "header + 2 runs: " + csv);
        List<String> json = Files.readAllLines(out.resolve("results.jsonl"));
        assertEquals(2, json.size(), "torn line dropped: " + json);
        for (String p : List.of("accuracy_vs_sparsity.png", "speedup_vs_sparsity.png")) {
            byte[] b = Files.readAllBytes(out.resolve(p));
            assertTrue(b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', p + " is a PNG");
        }
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| global-mp |"), "summary table written");

        // Every run keeps its pruned model, so --remeasure can re-time it later without training.
        Path model = out.resolve("models").resolve("lenet5-global-mp-80.00-seed0.safetensors");
        assertTrue(Files.isRegularFile(model), "pruned model saved");
        Files.delete(out.resolve("models").resolve("lenet5-global-mp-50.00-seed0.safetensors"));
        String before = Files.readAllLines(out.resolve("results.jsonl")).get(1);
        CliRunner again = sweep("0.5,0.8", "--remeasure");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("remeasured 1 of 2 finished runs") && again.out().contains("no saved model") && !again.out().contains("== run: "),
                again.out());
        List<String> after = Files.readAllLines(out.resolve("results.jsonl"));
        assertEquals(2, after.size(), "still one row per run: " + after);
        String accuracy = before.replaceAll(".*(\"accuracy\":[^,]*),.*", "$1");
        assertTrue(after.get(1).contains(accuracy), "accuracy kept: " + accuracy + " in " + after.get(1));
    }
}
