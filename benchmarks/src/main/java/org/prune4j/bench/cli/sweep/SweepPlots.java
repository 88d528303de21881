package org.prune4j.bench.cli.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The two plots of a sweep, rendered headless to PNG with XChart: test accuracy vs
 * sparsity, one line per model and method (mean over seeds, error bars one standard
 * deviation, the dense baseline as a dashed line), and measured speedup at batch 1 and
 * 64 vs sparsity per method, beside the theoretical (FLOPs) speedup.
 */
public final class SweepPlots {
    static {
        // Rendering must work on servers without a display.
        System.setProperty("java.awt.headless", "true");
    }

    private SweepPlots() {}

    public static List<Path> write(List<Map<String, Object>> rows, Path dir) {
        Path acc = dir.resolve("accuracy_vs_sparsity.png"), speed = dir.resolve("speedup_vs_sparsity.png");
        save(accuracy(rows), acc);
        save(speedup(rows), speed);
        return List.of(acc, speed);
    }

    static XYChart accuracy(List<Map<String, Object>> rows) {
        XYChart c = chart("Test accuracy vs sparsity", "Test accuracy (%)");
        Map<String, List<Map<String, Object>>> byRun = group(rows);
        for (var e : byRun.entrySet()) addMean(c, e.getKey(), e.getValue(), "accuracy", 100, true);
        // Dense baselines (one per model) as flat dashed lines across the sparsity range.
        Map<String, List<Map<String, Object>>> byModel = new TreeMap<>();
        for (Map<String, Object> r : rows) byModel.computeIfAbsent(String.valueOf(r.get("model")), k -> new ArrayList<>()).add(r);
        double lo = rows.stream().mapToDouble(r -> num(r, "target_sparsity")).min().orElse(0) * 100;
        double hi = rows.stream().mapToDouble(r -> num(r, "target_sparsity")).max().orElse(1) * 100;
        for (var e : byModel.entrySet()) {
            double mean = e.getValue().stream().mapToDouble(r -> num(r, "dense_accuracy")).average().orElse(0) * 100;
            XYSeries s = c.addSeries(e.getKey() + " dense", new double[] {lo, hi}, new double[] {mean, mean});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        return c;
    }

    static XYChart speedup(List<Map<String, Object>> rows) {
        XYChart c = chart("Measured speedup vs sparsity (dense latency / sparse latency)", "Speedup (x)");
        for (var e : group(rows).entrySet()) {
            addMean(c, e.getKey() + " batch 1", e.getValue(), "speedup_b1", 1, false);
            addMean(c, e.getKey() + " batch 64", e.getValue(), "speedup_b64", 1, false);
            XYSeries t = addMean(c, e.getKey() + " theoretical", e.getValue(), "theoretical_speedup", 1, false);
            t.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
        }
        return c;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle("Sparsity (%)").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return c;
    }

    /** Rows grouped by "model method", in a stable order. */
    private static Map<String, List<Map<String, Object>>> group(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> g = new TreeMap<>();
        for (Map<String, Object> r : rows) g.computeIfAbsent(r.get("model") + " " + r.get("method"), k -> new ArrayList<>()).add(r);
        return g;
    }

    /** One line: the mean of column over seeds at each sparsity, with a standard-deviation error bar when asked. */
    private static XYSeries addMean(XYChart c, String name, List<Map<String, Object>> rows, String column, double scale, boolean errorBars) {
        TreeMap<Double, List<Double>> bySparsity = new TreeMap<>();
        for (Map<String, Object> r : rows) bySparsity.computeIfAbsent(num(r, "target_sparsity"), k -> new ArrayList<>()).add(num(r, column) * scale);
        int n = bySparsity.size();
        double[] x = new double[n], y = new double[n], err = new double[n];
        int i = 0;
        for (var e : bySparsity.entrySet()) {
            x[i] = 100 * e.getKey();
            double mean = e.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double var = e.getValue().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, e.getValue().size() - 1);
            y[i] = mean;
            err[i++] = Math.sqrt(var);
        }
        return errorBars ? c.addSeries(name, x, y, err) : c.addSeries(name, x, y);
    }

    static double num(Map<String, Object> r, String key) { return ((Number) r.get(key)).doubleValue(); }

    private static void save(XYChart c, Path file) {
        try {
            BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }
}
