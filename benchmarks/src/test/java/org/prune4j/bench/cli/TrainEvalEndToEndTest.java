package org.prune4j.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.data.FashionMnist;

/** train, eval, prune and finetune on a tiny subset of the real Fashion-MNIST, end to end through the CLI. */
class TrainEvalEndToEndTest {
    @TempDir Path tmp;

    @Test void trainThenEvalThenPruneThenFinetune() throws Exception {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "Fashion-MNIST not installed");
        Path trainDir = tmp.resolve("train");
        CliRunner t = CliRunner.run("train", "--model", "lenet5", "--epochs", "1", "--train-limit", "128", "--test-limit", "64",
                "--batch-size", "32", "--out", trainDir.toString());
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("result: test accuracy"), t.out());
        Path model = trainDir.resolve("model.safetensors");
        assertTrue(Files.isRegularFile(model));
        for (String f : new String[] {"config.json", "log.txt", "metrics.jsonl"}) assertTrue(Files.size(trainDir.resolve(f)) > 0, f);
        assertTrue(Files.readString(trainDir.resolve("metrics.jsonl")).contains("\"test_accuracy\""));

        CliRunner e = CliRunner.run("eval", "--checkpoint", model.toString(), "--test-limit", "64", "--out", tmp.resolve("eval").toString());
        assertEquals(0, e.exit(), e.err());
        assertTrue(e.out().contains("(64 samples)"), e.out());

        Path pruneDir = tmp.resolve("prune");
        CliRunner p = CliRunner.run("prune", "--checkpoint", model.toString(), "--method", "global-mp", "--sparsity", "0.8",
                "--finetune-epochs", "0", "--train-limit", "64", "--test-limit", "64", "--batch-size", "32", "--out", pruneDir.toString());
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.out().contains("80.00%"), p.out());
        assertTrue(p.out().contains("theoretical"), p.out());

        CliRunner f = CliRunner.run("finetune", "--checkpoint", pruneDir.resolve("model.safetensors").toString(), "--epochs", "1",
                "--train-limit", "64", "--test-limit", "64", "--batch-size", "32", "--out", tmp.resolve("ft").toString());
        assertEquals(0, f.exit(), f.err());
        assertTrue(f.out().contains("80.00% of prunable weights zero"), "masks survive fine-tuning:\n" + f.out());

        // export writes the model and its card; infer classifies the real test images with it.
        Path exportDir = tmp.resolve("export");
        CliRunner x = CliRunner.run("export", "--checkpoint", pruneDir.resolve("model.safetensors").toString(), "--out", exportDir.toString());
        assertEquals(0, x.exit(), x.err());
        Path infer = exportDir.resolve("model.infer.safetensors");
        assertTrue(Files.isRegularFile(infer) && Files.isRegularFile(exportDir.resolve("model.infer.json")), "model and card written");
        Path images = FashionMnist.DEFAULT_DIR.resolve("t10k-images-idx3-ubyte.gz"), labels = FashionMnist.DEFAULT_DIR.resolve("t10k-labels-idx1-ubyte.gz");
        CliRunner i = CliRunner.run("infer", "--model", infer.toString(), "--idx", images.toString(), "--labels", labels.toString(),
                "--limit", "50", "--show", "2", "--out", tmp.resolve("infer").toString());
        assertEquals(0, i.exit(), i.err());
        assertTrue(i.out().contains("50 samples in") && i.out().contains("accuracy"), i.out());

        // Bad input to infer: one line, exit 2.
        Path threeLabels = Files.write(tmp.resolve("three-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3});
        CliRunner short_ = CliRunner.run("infer", "--model", infer.toString(), "--idx", images.toString(), "--labels", threeLabels.toString(), "--limit", "10");
        assertEquals(2, short_.exit(), short_.err());
        assertTrue(short_.err().contains("has 3 labels but") && short_.err().strip().lines().count() == 1, short_.err());
        CliRunner missing = CliRunner.run("infer", "--model", infer.toString(), tmp.resolve("no-such-image.png").toString());
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("no-such-image.png does not exist"), missing.err());
        CliRunner checkpoint = CliRunner.run("infer", "--model", pruneDir.resolve("model.safetensors").toString(), "--idx", images.toString());
        assertEquals(2, checkpoint.exit(), checkpoint.err());
        assertTrue(checkpoint.err().contains("prune4j export --checkpoint"), checkpoint.err());
    }
}
