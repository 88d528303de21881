package org.prune4j.bench.cli.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long step made of countable units (pruning steps, sweep runs, benchmark
 * cases) with elapsed time and an ETA from the mean time per finished unit. On a
 * terminal it redraws one line; otherwise (logs, pipes) it prints a line per unit.
 * Goes to stderr so that stdout stays the command's result.
 */
public final class TaskProgress {
    private final String label;
    private final int total;
    private final PrintStream out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private int done;

    public TaskProgress(String label, int total, PrintStream out, boolean interactive) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.interactive = interactive;
    }

    public static TaskProgress stderr(String label, int total) {
        java.io.Console c = System.console();
        return new TaskProgress(label, total, System.err, c != null && c.isTerminal());
    }

    /** Marks one unit finished; what describes it (may be empty). */
    public void step(String what) { advance(1, what); }

    /** Marks units already finished before this process started (a resumed sweep) without skewing the ETA. */
    public void skip(int units) {
        done += units;
        skipped += units;
    }

    private int skipped;

    private void advance(int units, String what) {
        done += units;
        double secs = (System.nanoTime() - start) / 1e9;
        int timed = done - skipped;
        double eta = timed > 0 ? secs / timed * (total - done) : 0;
        String line = String.format(Locale.ROOT, "%s %s %d/%d %s elapsed %s ETA %s", label, bar(), done, total,
                what == null || what.isEmpty() ? "" : "(" + what + ")", clock(secs), clock(eta));
        if (interactive) {
            out.print("\r" + line + "\u001B[K");
            if (done >= total) out.println();
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String bar() {
        int width = 20, filled = total <= 0 ? width : (int) Math.min(width, (long) done * width / total);
        return "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
