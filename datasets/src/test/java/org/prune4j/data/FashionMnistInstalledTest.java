package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.prune4j.core.tensor.Shape;

/** Reads the real files installed by dataset-fashion-mnist; skipped where they are absent. */
class FashionMnistInstalledTest {
    @Test
    void realFilesHaveTheDocumentedCountsLabelsAndStatistics() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), "Fashion-MNIST is not installed at " + FashionMnist.DEFAULT_DIR);
        ByteImageDataset train = FashionMnist.load(true);
        ByteImageDataset test = FashionMnist.load(false);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(Shape.of(1, 28, 28), train.sampleShape());
        // The classes are balanced: 6,000 and 1,000 of each.
        int[] trainCounts = new int[10];
        int[] testCounts = new int[10];
        for (int i = 0; i < train.size(); i++) trainCounts[train.label(i)]++;
        for (int i = 0; i < test.size(); i++) testCounts[test.label(i)]++;
        for (int c = 0; c < 10; c++) {
            assertEquals(6_000, trainCounts[c], "class " + c);
            assertEquals(1_000, testCounts[c], "class " + c);
        }
        // The published normalisation constants are the statistics of these very files.
        double sum = 0;
        double sq = 0;
        float[] buf = new float[784];
        for (int i = 0; i < train.size(); i++) {
            train.copySample(i, buf, 0);
            for (float v : buf) {
                assertTrue(v >= 0f && v <= 1f);
                sum += v;
                sq += (double) v * v;
            }
        }
        double n = 60_000.0 * 784;
        double mean = sum / n;
        double std = Math.sqrt(sq / n - mean * mean);
        assertEquals(ChannelStats.FASHION_MNIST.mean()[0], mean, 5e-4);
        assertEquals(ChannelStats.FASHION_MNIST.std()[0], std, 5e-4);
    }
}
