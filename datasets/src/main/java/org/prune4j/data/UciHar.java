package org.prune4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.prune4j.core.tensor.Shape;

/**
 * UCI HAR (Human Activity Recognition Using Smartphones) from its raw inertial signals, as
 * FastGRNN uses it: each sample is [128 steps, 9 features], features in the order of
 * {@link #FEATURES} (body_acc x,y,z; body_gyro x,y,z; total_acc x,y,z), z-scored per feature
 * with the mean and population std of the TRAINING set over all samples and steps (the test
 * set reuses the training statistics). 7,352 training and 2,947 test samples.
 *
 * <p>Labels: {@link Task#ACTIVITIES_6} maps activity ids 1..6 to 0..5; {@link Task#HAR2}
 * binarises as the FastGRNN authors did, ids {1, 3, 5} (walking, downstairs, standing) to 0
 * and ids {2, 4, 6} (upstairs, sitting, laying) to 1.
 */
public final class UciHar {
    /** Time steps per window (2.56 s at 50 Hz). */
    public static final int STEPS = 128;

    /** Feature order of the last axis; also the file-name stems of the signals. */
    public static final List<String> FEATURES = List.of(
            "body_acc_x", "body_acc_y", "body_acc_z",
            "body_gyro_x", "body_gyro_y", "body_gyro_z",
            "total_acc_x", "total_acc_y", "total_acc_z");

    /** The folder name the official zip unpacks to. */
    static final String ARCHIVE_FOLDER = "UCI HAR Dataset";

    static final String HOW_TO_GET = "Download 'UCI HAR Dataset.zip' (UCI Machine Learning Repository, data set 240,"
            + " 'Human Activity Recognition Using Smartphones') and unzip it; the root directory (the '" + ARCHIVE_FOLDER
            + "' folder, or its parent) must contain train/y_train.txt, train/Inertial Signals/body_acc_x_train.txt and the"
            + " other 8 signal files {body_acc,body_gyro,total_acc}_{x,y,z}_train.txt, and the same under test/ with _test.";

    /** How activity ids become class labels. */
    public enum Task {
        /** The six activities, id − 1. */
        ACTIVITIES_6(List.of("WALKING", "WALKING_UPSTAIRS", "WALKING_DOWNSTAIRS", "SITTING", "STANDING", "LAYING")),
        /** HAR-2: ids {1,3,5} → 0, ids {2,4,6} → 1. */
        HAR2(List.of("walking|downstairs|standing", "upstairs|sitting|laying"));

        private final List<String> classNames;

        Task(List<String> classNames) { this.classNames = classNames; }

        public List<String> classNames() { return classNames; }

        /** Label of UCI activity id 1..6. */
        public int label(int activityId) {
            return this == ACTIVITIES_6 ? activityId - 1 : (activityId - 1) % 2;
        }
    }

    /** Both splits, standardised with the training statistics, which are kept for reuse at inference. */
    public record Splits(ArrayDataset train, ArrayDataset test, ChannelStats trainStats) {}

    private UciHar() {}

    /** Loads and standardises both splits. */
    public static Splits load(Path root, Task task) {
        Path base = resolveRoot(root);
        RawSplit train = readSplit(base, "train");
        RawSplit test = readSplit(base, "test");
        ChannelStats stats = FeatureStandardizer.fit(train.x, FEATURES.size());
        FeatureStandardizer.apply(train.x, stats);
        FeatureStandardizer.apply(test.x, stats);
        return new Splits(dataset(train, task, "train"), dataset(test, task, "test"), stats);
    }

    /**
     * Loads one split. The test split still needs the training statistics, so it reads the
     * training files too; call {@link #load(Path, Task)} when both are wanted.
     */
    public static ArrayDataset load(Path root, Task task, boolean train) {
        Splits s = load(root, task);
        return train ? s.train() : s.test();
    }

    private record RawSplit(float[] x, int[] activityIds) {}

    private static Path resolveRoot(Path root) {
        if (Files.isDirectory(root.resolve(ARCHIVE_FOLDER))) return root.resolve(ARCHIVE_FOLDER);
        if (!Files.isDirectory(root)) throw new DatasetNotFoundException(root, "UCI HAR root directory does not exist. " + HOW_TO_GET);
        return root;
    }

    private static RawSplit readSplit(Path base, String split) {
        Path signals = base.resolve(split).resolve("Inertial Signals");
        Path labelsFile = base.resolve(split).resolve("y_" + split + ".txt");
        for (String f : FEATURES) {
            Path p = signals.resolve(f + "_" + split + ".txt");
            if (!Files.isRegularFile(p)) throw new DatasetNotFoundException(p, "UCI HAR signal file is missing. " + HOW_TO_GET);
        }
        if (!Files.isRegularFile(labelsFile)) {
            throw new DatasetNotFoundException(labelsFile, "UCI HAR label file is missing. " + HOW_TO_GET);
        }
        int[] ids = NumberTableReader.readInts(labelsFile);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 1 || ids[i] > 6) {
                throw new DatasetFormatException(labelsFile, "line " + (i + 1) + ": activity id " + ids[i] + " out of range, expected 1..6");
            }
        }
        int n = ids.length;
        int nf = FEATURES.size();
        float[] x = new float[Math.multiplyExact(n, STEPS * nf)];
        for (int f = 0; f < nf; f++) {
            Path p = signals.resolve(FEATURES.get(f) + "_" + split + ".txt");
            float[] rows = NumberTableReader.readFloats(p, STEPS);
            int rowCount = rows.length / STEPS;
            if (rowCount != n) {
                throw new DatasetFormatException(p, "has " + rowCount + " rows but " + labelsFile.getFileName() + " has " + n
                        + " labels; every signal file needs one row per label");
            }
            // Files are feature-major (one signal per file); samples are step-major [T, F] for the RNN.
            for (int s = 0; s < n; s++) {
                int src = s * STEPS;
                int dst = s * STEPS * nf + f;
                for (int t = 0; t < STEPS; t++) x[dst + t * nf] = rows[src + t];
            }
        }
        return new RawSplit(x, ids);
    }

    private static ArrayDataset dataset(RawSplit raw, Task task, String split) {
        int[] labels = new int[raw.activityIds.length];
        for (int i = 0; i < labels.length; i++) labels[i] = task.label(raw.activityIds[i]);
        String name = (task == Task.HAR2 ? "har2/" : "uci-har/") + split;
        return new ArrayDataset(name, raw.x, labels, Shape.of(STEPS, FEATURES.size()), task.classNames());
    }
}
