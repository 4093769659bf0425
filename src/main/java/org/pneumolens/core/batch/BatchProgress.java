package org.pneumolens.core.batch;

/**
 * How far a batch has got.
 *
 * @param imagesPerSecond files finished per second since the start (0 before the first)
 * @param secondsLeft     estimated from that rate; NaN until there is one
 */
public record BatchProgress(int done, int total, double imagesPerSecond, double secondsLeft) {
    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }

    /** Turns counts into progress against a start time. */
    static final class Clock {
        private final int total;
        private final long start;

        Clock(int total, long startNanos) {
            this.total = total;
            this.start = startNanos;
        }

        BatchProgress at(int done) {
            return of(done, total, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The progress after {@code done} of {@code total} files in {@code seconds}. */
    public static BatchProgress of(int done, int total, double seconds) {
        double rate = done > 0 && seconds > 0 ? done / seconds : 0;
        double left = rate > 0 ? (total - done) / rate : Double.NaN;
        return new BatchProgress(done, total, rate, left);
    }
}
