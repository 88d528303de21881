package org.prune4j.bench.cli.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sweep's results as Markdown tables (summary.md), the form a study is reported in:
 * per model, test accuracy as mean ± sample standard deviation over seeds for each
 * method and sparsity, and the theoretical speedup beside the measured ones (medians
 * over seeds, since a latency is disturbed upwards by load, never downwards). A cell
 * also says how many seeds it holds, so a sweep that is still running is not mistaken
 * for a finished one.
 */
public final class SweepSummary {
    private SweepSummary() {}

    public static String markdown(List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        Map<String, List<Map<String, Object>>> byModel = new TreeMap<>();
        for (Map<String, Object> r : rows) byModel.computeIfAbsent(r.get("model") + " on " + r.get("dataset"), k -> new ArrayList<>()).add(r);
        for (var m : byModel.entrySet()) {
            List<Map<String, Object>> mr = m.getValue();
            TreeSet<Double> sparsities = new TreeSet<>();
            for (Map<String, Object> r : mr) sparsities.add(SweepPlots.num(r, "target_sparsity"));
            Map<String, List<Map<String, Object>>> byMethod = new LinkedHashMap<>();
            for (Map<String, Object> r : mr) byMethod.computeIfAbsent(String.valueOf(r.get("method")), k -> new ArrayList<>()).add(r);
            Stats dense = Stats.of(denseBySeed(mr), 100);
            sb.append(String.format(Locale.ROOT, "### %s: test accuracy (%%), mean ± std over seeds (dense: %s)%n%n", m.getKey(), dense.format(2)));
            header(sb, "method", sparsities);
            for (var e : byMethod.entrySet()) {
                sb.append("| ").append(e.getKey()).append(" |");
                for (double s : sparsities) sb.append(' ').append(Stats.of(column(e.getValue(), s, "accuracy"), 100).format(2)).append(" |");
                sb.append('\n');
            }
            sb.append(String.format(Locale.ROOT, "%n### %s: speedup of the exported model over dense, theoretical (FLOPs) / measured batch 1 / batch 64 (medians over seeds)%n%n", m.getKey()));
            header(sb, "method", sparsities);
            for (var e : byMethod.entrySet()) {
                sb.append("| ").append(e.getKey()).append(" |");
                for (double s : sparsities) {
                    List<Double> t = column(e.getValue(), s, "theoretical_speedup");
                    if (t.isEmpty()) {
                        sb.append(" – |");
                        continue;
                    }
                    sb.append(String.format(Locale.ROOT, " %.2fx / %.2fx / %.2fx |", median(t), median(column(e.getValue(), s, "speedup_b1")),
                            median(column(e.getValue(), s, "speedup_b64"))));
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes summary.md into dir through a temporary file, so an interrupted write never leaves half a table. */
    public static Path write(List<Map<String, Object>> rows, Path dir) {
        Path target = dir.resolve("summary.md"), tmp = dir.resolve("summary.md.tmp");
        try {
            Files.writeString(tmp, markdown(rows));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static void header(StringBuilder sb, String first, TreeSet<Double> sparsities) {
        sb.append("| ").append(first).append(" |");
        for (double s : sparsities) sb.append(String.format(Locale.ROOT, " %s%% |", trim(100 * s)));
        sb.append("\n|---|");
        for (int i = 0; i < sparsities.size(); i++) sb.append("---:|");
        sb.append('\n');
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** One dense accuracy per seed (every run of a seed shares its dense baseline). */
    private static List<Double> denseBySeed(List<Map<String, Object>> rows) {
        Map<Object, Double> bySeed = new TreeMap<>();
        for (Map<String, Object> r : rows) bySeed.putIfAbsent(((Number) r.get("seed")).longValue(), SweepPlots.num(r, "dense_accuracy"));
        return new ArrayList<>(bySeed.values());
    }

    private static List<Double> column(List<Map<String, Object>> rows, double sparsity, String key) {
        List<Double> v = new ArrayList<>();
        for (Map<String, Object> r : rows) if (SweepPlots.num(r, "target_sparsity") == sparsity) v.add(SweepPlots.num(r, key));
        return v;
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Mean and sample standard deviation (n − 1) of values scaled by scale. */
    record Stats(double mean, double std, int n) {
        static Stats of(List<Double> values, double scale) {
            int n = values.size();
            double mean = values.stream().mapToDouble(d -> d * scale).average().orElse(Double.NaN);
            double var = n < 2 ? 0 : values.stream().mapToDouble(d -> (d * scale - mean) * (d * scale - mean)).sum() / (n - 1);
            return new Stats(mean, Math.sqrt(var), n);
        }

        String format(int digits) {
            if (n == 0) return "–";
            String f = "%." + digits + "f";
            String s = String.format(Locale.ROOT, f, mean);
            return n == 1 ? s + " (1 seed)" : s + " ± " + String.format(Locale.ROOT, f, std) + (n == 3 ? "" : " (" + n + " seeds)");
        }
    }
}
