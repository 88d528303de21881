package org.prune4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a miniature UCI HAR directory tree in the real layout and number format
 * ("  2.5717778e-001" with leading spaces, one window per line) and remembers the exact
 * float values written, so tests can compute expected results independently.
 */
final class HarTree {
    final Path root;
    /** raw[split][sample][step][feature] as parsed back from the written text. */
    final float[][][] train;
    final float[][][] test;

    HarTree(Path root, int[] trainIds, int[] testIds) throws IOException {
        this.root = root;
        this.train = write("train", trainIds, 0);
        this.test = write("test", testIds, 1000);
    }

    static float value(int salt, int s, int t, int f) {
        return (float) ((f + 1) * 0.37 + (s + salt) * 0.011 + Math.sin(t * 0.1 + f) * (f % 3 + 1));
    }

    /** "%.7e" with a three-digit exponent, as in the UCI files. */
    static String uci(float v) {
        return String.format(Locale.ROOT, "%.7e", v).replaceFirst("e([+-])(\\d\\d)$", "e$10$2");
    }

    private float[][][] write(String split, int[] ids, int salt) throws IOException {
        Path signals = Files.createDirectories(root.resolve(split).resolve("Inertial Signals"));
        float[][][] raw = new float[ids.length][UciHar.STEPS][9];
        for (int f = 0; f < 9; f++) {
            StringBuilder sb = new StringBuilder();
            for (int s = 0; s < ids.length; s++) {
                for (int t = 0; t < UciHar.STEPS; t++) {
                    String text = uci(value(salt, s, t, f));
                    raw[s][t][f] = Float.parseFloat(text);
                    sb.append(v(text));
                }
                sb.append('\n');
            }
            Files.writeString(signals.resolve(UciHar.FEATURES.get(f) + "_" + split + ".txt"), sb);
        }
        StringBuilder y = new StringBuilder();
        for (int id : ids) y.append(id).append('\n');
        Files.writeString(root.resolve(split).resolve("y_" + split + ".txt"), y);
        return raw;
    }

    private static String v(String text) { return text.startsWith("-") ? " " + text : "  " + text; }

    Path signalFile(String split, String feature) {
        return root.resolve(split).resolve("Inertial Signals").resolve(feature + "_" + split + ".txt");
    }
}
