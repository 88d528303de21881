package org.prune4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with exit 2 and one clear line on stderr, no stack trace unless --verbose. */
class CliArgumentErrorsTest {
    @TempDir Path tmp;

    private static void assertOneLineError(CliRunner r, String... mustContain) {
        assertEquals(2, r.exit(), "exit code; stderr: " + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "exactly one line, got:\n" + err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
        for (String s : mustContain) assertTrue(err.contains(s), "'" + s + "' in: " + err);
    }

    @Test void unknownModelListsTheValidNames() {
        assertOneLineError(CliRunner.run("train", "--model", "resnet99", "--out", tmp.toString()), "unknown model 'resnet99'", "resnet20", "lenet5");
    }

    @Test void unknownMethodListsTheValidNames() {
        assertOneLineError(CliRunner.run("prune", "--method", "magic", "--out", tmp.toString()), "unknown pruning method 'magic'", "global-mp", "force");
    }

    @Test void unknownDatasetListsTheValidNames() {
        assertOneLineError(CliRunner.run("train", "--dataset", "imagenet-21k", "--out", tmp.toString()), "unknown dataset", "fashion-mnist", "har2");
    }

    @Test void sparsityOutsideTheUnitIntervalIsRejected() {
        assertOneLineError(CliRunner.run("prune", "--sparsity", "1.0", "--out", tmp.toString()), "sparsity must be in [0, 1)");
        assertOneLineError(CliRunner.run("sweep", "--sparsities", "0.5,-0.1", "--out", tmp.toString()), "sparsity must be in [0, 1)");
    }

    @Test void negativeEpochsAreRejected() {
        assertOneLineError(CliRunner.run("train", "--epochs", "-3", "--out", tmp.toString()), "--epochs must be >= 1");
    }

    @Test void missingDataDirIsRejected() {
        assertOneLineError(CliRunner.run("train", "--data-dir", tmp.resolve("nowhere").toString(), "--out", tmp.toString()), "does not exist");
    }

    @Test void unreadableCheckpointIsRejected() throws Exception {
        Path bad = Files.writeString(tmp.resolve("garbage.safetensors"), "not a safetensors file");
        assertOneLineError(CliRunner.run("eval", "--checkpoint", bad.toString(), "--out", tmp.resolve("o").toString()), "garbage.safetensors");
        assertOneLineError(CliRunner.run("eval", "--checkpoint", tmp.resolve("missing.safetensors").toString()), "does not exist");
    }

    @Test void malformedNumbersAndUnknownFlagsAreOneLine() {
        assertOneLineError(CliRunner.run("train", "--epochs", "many"), "--epochs");
        assertOneLineError(CliRunner.run("train", "--colour", "blue"), "--colour");
    }

    @Test void openclDeviceWithoutBackendIsAClearError() {
        CliRunner r = CliRunner.run("info", "--device", "opencl");
        if (r.exit() != 0) assertOneLineError(r, "OpenCL");
    }

    @Test void verbosePrintsTheStackTrace() {
        CliRunner r = CliRunner.run("train", "--model", "nope", "--verbose", "--out", tmp.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("\tat "), r.err());
    }
}
