package org.prune4j.nn.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress on a stream (stderr by default). On a terminal it redraws one line
 * with a carriage return; when output goes to a file or pipe it prints a plain line
 * every tenth of an epoch instead, so logs stay readable.
 */
public final class ProgressBar {
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream out;
    private final boolean interactive;
    private long lastDraw;
    private int lastLineChars;

    public ProgressBar(PrintStream out, boolean interactive) {
        if (out == null) throw new IllegalArgumentException("ProgressBar: stream must not be null");
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * Stderr, redrawing in place only on a terminal. Since JDK 22 System.console() is
     * non-null even when output is redirected, so isTerminal() decides.
     */
    public static ProgressBar stderr() {
        java.io.Console c = System.console();
        return new ProgressBar(System.err, c != null && c.isTerminal());
    }

    /** Reports batch (0-based) of batches; elapsedNanos since the epoch started. */
    public void update(int epoch, int epochs, int batch, int batches, double loss, double accuracy, long samples, long elapsedNanos) {
        boolean last = batch + 1 == batches;
        long now = System.nanoTime();
        if (interactive) {
            if (!last && now - lastDraw < REDRAW_NANOS) return;
        } else {
            int every = Math.max(1, batches / 10);
            if (!last && (batch + 1) % every != 0) return;
        }
        lastDraw = now;
        double secs = elapsedNanos / 1e9;
        double rate = secs > 0 ? samples / secs : 0;
        double eta = batch + 1 > 0 && secs > 0 ? secs / (batch + 1) * (batches - batch - 1) : 0;
        String line = String.format(Locale.ROOT, "epoch %d/%d %s %d/%d loss %.4f acc %.2f%% %.1f img/s ETA %s",
                epoch + 1, epochs, interactive ? bar(batch + 1, batches) : "batch", batch + 1, batches, loss, 100 * accuracy, rate, clock(eta));
        if (interactive) {
            int pad = Math.max(0, lastLineChars - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLineChars = line.length();
            if (last) {
                out.println();
                lastLineChars = 0;
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** A line after an epoch (evaluation results and the like). */
    public void message(String s) {
        out.println(s);
        out.flush();
    }

    private static String bar(int done, int total) {
        int width = 20;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        return "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
