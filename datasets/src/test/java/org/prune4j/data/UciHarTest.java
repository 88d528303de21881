package org.prune4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prune4j.core.tensor.Shape;

class UciHarTest {
    @TempDir Path dir;

    private static final int[] TRAIN_IDS = {1, 2, 3, 4, 5, 6, 1};
    private static final int[] TEST_IDS = {6, 3};

    @Test
    void sequencesAreStepMajorAndZScoredWithTrainingStatistics() throws IOException {
        HarTree tree = new HarTree(dir, TRAIN_IDS, TEST_IDS);
        UciHar.Splits s = UciHar.load(dir, UciHar.Task.ACTIVITIES_6);
        assertEquals(7, s.train().size());
        assertEquals(2, s.test().size());
        assertEquals(Shape.of(128, 9), s.train().sampleShape());

        // Independent statistics from the values written, in double precision.
        double[] mean = new double[9];
        double[] std = new double[9];
        int count = TRAIN_IDS.length * UciHar.STEPS;
        for (float[][] sample : tree.train) for (float[] step : sample) for (int f = 0; f < 9; f++) mean[f] += step[f];
        for (int f = 0; f < 9; f++) mean[f] /= count;
        for (float[][] sample : tree.train) for (float[] step : sample) for (int f = 0; f < 9; f++) std[f] += Math.pow(step[f] - mean[f], 2);
        for (int f = 0; f < 9; f++) std[f] = Math.sqrt(std[f] / count);

        for (int f = 0; f < 9; f++) {
            assertEquals(mean[f], s.trainStats().mean()[f], 1e-5, "mean of " + UciHar.FEATURES.get(f));
            assertEquals(std[f], s.trainStats().std()[f], 1e-5, "std of " + UciHar.FEATURES.get(f));
        }
        float[] x = s.train().sample(3);
        float[] xt = s.test().sample(1);
        for (int t : new int[] {0, 1, 64, 127}) {
            for (int f = 0; f < 9; f++) {
                assertEquals((tree.train[3][t][f] - mean[f]) / std[f], x[t * 9 + f], 1e-4, "train t=" + t + " f=" + f);
                // The test split is scaled with the TRAIN mean/std, not its own.
                assertEquals((tree.test[1][t][f] - mean[f]) / std[f], xt[t * 9 + f], 1e-4, "test t=" + t + " f=" + f);
            }
        }
    }

    @Test
    void standardisedTrainingSetHasZeroMeanAndUnitStd() throws IOException {
        new HarTree(dir, TRAIN_IDS, TEST_IDS);
        ArrayDataset train = UciHar.load(dir, UciHar.Task.HAR2, true);
        double[] sum = new double[9];
        double[] sq = new double[9];
        for (int i = 0; i < train.size(); i++) {
            float[] x = train.sample(i);
            for (int k = 0; k < x.length; k++) {
                sum[k % 9] += x[k];
                sq[k % 9] += x[k] * x[k];
            }
        }
        int n = train.size() * 128;
        for (int f = 0; f < 9; f++) {
            assertEquals(0, sum[f] / n, 1e-5);
            assertEquals(1, sq[f] / n, 1e-4);
        }
    }

    @Test
    void har2PutsOddActivityIdsInClassZeroAndEvenInClassOne() throws IOException {
        new HarTree(dir, TRAIN_IDS, TEST_IDS);
        UciHar.Splits s = UciHar.load(dir, UciHar.Task.HAR2);
        int[] labels = new int[TRAIN_IDS.length];
        for (int i = 0; i < labels.length; i++) labels[i] = s.train().label(i);
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 0}, labels);
        assertEquals(1, s.test().label(0));
        assertEquals(0, s.test().label(1));
        assertEquals(2, s.train().numClasses());
        assertEquals("har2/train", s.train().name());
    }

    @Test
    void sixClassLabelsAreIdMinusOne() throws IOException {
        new HarTree(dir, TRAIN_IDS, TEST_IDS);
        ArrayDataset train = UciHar.load(dir, UciHar.Task.ACTIVITIES_6, true);
        for (int i = 0; i < TRAIN_IDS.length; i++) assertEquals(TRAIN_IDS[i] - 1, train.label(i));
        assertEquals("LAYING", train.classNames().get(5));
    }

    @Test
    void acceptsTheParentOfTheUnzippedFolder() throws IOException {
        new HarTree(dir.resolve("UCI HAR Dataset"), TRAIN_IDS, TEST_IDS);
        assertEquals(2, UciHar.load(dir, UciHar.Task.HAR2, false).size());
    }

    @Test
    void shortRowNamesFileAndLine() throws IOException {
        HarTree tree = new HarTree(dir, TRAIN_IDS, TEST_IDS);
        Path f = tree.signalFile("train", "body_acc_x");
        List<String> lines = Files.readAllLines(f);
        lines.set(1, lines.get(1).substring(0, lines.get(1).lastIndexOf(' ')).stripTrailing());
        Files.write(f, lines);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> UciHar.load(dir, UciHar.Task.HAR2));
        assertTrue(e.getMessage().contains("body_acc_x_train.txt: line 2: expected 128 values, got 127"), e.getMessage());
    }

    @Test
    void nonNumericValueNamesLineAndColumn() throws IOException {
        HarTree tree = new HarTree(dir, TRAIN_IDS, TEST_IDS);
        Path f = tree.signalFile("test", "total_acc_z");
        List<String> lines = Files.readAllLines(f);
        lines.set(0, lines.get(0).replaceFirst("^(\\s*\\S+\\s+\\S+\\s+)\\S+", "$1NaN"));
        Files.write(f, lines);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> UciHar.load(dir, UciHar.Task.HAR2));
        assertTrue(e.getMessage().contains("total_acc_z_test.txt: line 1, value 3: expected a finite decimal number, got 'NaN'"),
                e.getMessage());
    }

    @Test
    void activityIdOutOfRange() throws IOException {
        new HarTree(dir, TRAIN_IDS, TEST_IDS);
        Files.writeString(dir.resolve("test/y_test.txt"), "6\n7\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> UciHar.load(dir, UciHar.Task.HAR2));
        assertTrue(e.getMessage().contains("y_test.txt: line 2: activity id 7 out of range, expected 1..6"), e.getMessage());
    }

    @Test
    void signalRowCountMustMatchLabels() throws IOException {
        new HarTree(dir, TRAIN_IDS, TEST_IDS);
        Files.writeString(dir.resolve("test/y_test.txt"), "6\n3\n2\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> UciHar.load(dir, UciHar.Task.HAR2));
        assertTrue(e.getMessage().contains("body_acc_x_test.txt: has 2 rows but y_test.txt has 3 labels"), e.getMessage());
    }

    @Test
    void blankLineInsideTheTableIsAnError() throws IOException {
        HarTree tree = new HarTree(dir, TRAIN_IDS, TEST_IDS);
        Path f = tree.signalFile("train", "body_gyro_y");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
        lines.add(3, "");
        Files.write(f, lines);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> UciHar.load(dir, UciHar.Task.HAR2));
        assertTrue(e.getMessage().contains("body_gyro_y_train.txt: line 4: expected 128 values, got 0"), e.getMessage());
    }

    @Test
    void windowsLineEndingsAreAccepted() throws IOException {
        HarTree tree = new HarTree(dir, TRAIN_IDS, TEST_IDS);
        Path f = tree.signalFile("train", "body_acc_y");
        Files.writeString(f, Files.readString(f).replace("\n", "\r\n"));
        Files.writeString(dir.resolve("train/y_train.txt"), "1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n1\r\n");
        assertEquals(7, UciHar.load(dir, UciHar.Task.HAR2, true).size());
    }

    @Test
    void missingSignalFileSaysWhichAndHowToGetTheData() throws IOException {
        HarTree tree = new HarTree(dir, TRAIN_IDS, TEST_IDS);
        Files.delete(tree.signalFile("test", "body_gyro_z"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> UciHar.load(dir, UciHar.Task.HAR2));
        assertTrue(e.getMessage().contains("body_gyro_z_test.txt not found"), e.getMessage());
        assertTrue(e.getMessage().contains("UCI HAR Dataset.zip"), e.getMessage());
    }

    @Test
    void missingRoot() {
        Path missing = dir.resolve("har");
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> UciHar.load(missing, UciHar.Task.HAR2));
        assertEquals(missing, e.path());
    }
}
