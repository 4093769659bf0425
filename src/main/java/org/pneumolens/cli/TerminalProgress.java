package org.pneumolens.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.pneumolens.core.batch.BatchProgress;

/**
 * A one-line progress bar on standard error, redrawn in place; only on a terminal ({@code System.console()}), so
 * redirected output and logs never get carriage returns.
 */
final class TerminalProgress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean active;
    private String last = "";

    private TerminalProgress(PrintWriter err, boolean active) {
        this.err = err;
        this.active = active;
    }

    static TerminalProgress forConsole(PrintWriter err) {
        return new TerminalProgress(err, System.console() != null);
    }

    void update(BatchProgress p) {
        if (!active) {
            return;
        }
        int filled = (int) Math.round(p.fraction() * WIDTH);
        String left = Double.isNaN(p.secondsLeft()) ? "--:--" : clock(p.secondsLeft());
        last = String.format(Locale.ROOT, "\r[%s%s] %d/%d  %.1f images/s  %s left ", "#".repeat(filled),
                " ".repeat(WIDTH - filled), p.done(), p.total(), p.imagesPerSecond(), left);
        err.print(last);
        err.flush();
    }

    /** Blanks the bar before a line is printed under it. */
    void clear() {
        if (active && !last.isEmpty()) {
            err.print("\r" + " ".repeat(last.length()) + "\r");
            err.flush();
        }
    }

    /** Puts the bar back after a printed line. */
    void redraw() {
        if (active && !last.isEmpty()) {
            err.print(last);
            err.flush();
        }
    }

    void finish() {
        clear();
        last = "";
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
