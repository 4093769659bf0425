package org.pneumolens.app.train;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Elapsed time and a remaining-time estimate for a run. The estimate starts at the first training batch, so
 * the decoding phase (which does not repeat per epoch) does not inflate it; it then extrapolates the time per
 * unit of progress. Early stopping can end a run sooner than estimated.
 */
final class RunClock {
    private final LongSupplier nanoClock;
    private long start = -1;
    private long trainingStart = -1;

    RunClock(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    void start() {
        start = nanoClock.getAsLong();
        trainingStart = -1;
    }

    /** Call when the first training batch has finished. */
    void trainingStarted() {
        if (trainingStart < 0) {
            trainingStart = nanoClock.getAsLong();
        }
    }

    String elapsed() {
        return start < 0 ? "0:00" : format((nanoClock.getAsLong() - start) / 1e9);
    }

    /** @param fraction of the training phase done, in [0, 1] */
    String remaining(double fraction) {
        if (trainingStart < 0 || fraction <= 0.0) {
            return "estimating...";
        }
        if (fraction >= 1.0) {
            return "0:00";
        }
        double spent = (nanoClock.getAsLong() - trainingStart) / 1e9;
        return "about " + format(spent * (1 - fraction) / fraction);
    }

    static String format(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
