package org.pneumolens.app.train;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.TrainingProgress;

/**
 * Hands a training run's progress from the training thread to the FX thread (after QuPath-DJL's
 * {@code JFXTrainingListener}): exactly one {@code runLater} per finished epoch, carrying the immutable
 * {@link EpochResult}, and batch progress at most every {@value #BATCH_INTERVAL_MS} ms. Posting every batch
 * would flood the FX queue with hundreds of tiny updates a second on a small input size.
 */
public final class TrainingProgressBridge implements TrainingProgress {
    static final long BATCH_INTERVAL_MS = 200;

    /** Receives the updates on the thread {@code runLater} runs them on (the executor's UI thread). */
    public interface Sink {
        void message(String text);

        void batch(int epoch, int done, int total);

        void epoch(EpochResult result);
    }

    private final Sink sink;
    private final Consumer<Runnable> runLater;
    private final LongSupplier nanoClock;
    private final long intervalNanos = TimeUnit.MILLISECONDS.toNanos(BATCH_INTERVAL_MS);
    /** Only touched on the training thread. */
    private long lastBatchPost;
    private boolean anyBatchPosted;

    TrainingProgressBridge(Sink sink, Consumer<Runnable> runLater, LongSupplier nanoClock) {
        this.sink = Objects.requireNonNull(sink);
        this.runLater = Objects.requireNonNull(runLater);
        this.nanoClock = Objects.requireNonNull(nanoClock);
    }

    @Override
    public void message(String text) {
        runLater.accept(() -> sink.message(text));
    }

    @Override
    public void batch(int epoch, int done, int total) {
        long now = nanoClock.getAsLong();
        // The last batch of a phase always goes through, so the bar visibly reaches its end.
        if (done == total || !anyBatchPosted || now - lastBatchPost >= intervalNanos) {
            lastBatchPost = now;
            anyBatchPosted = true;
            runLater.accept(() -> sink.batch(epoch, done, total));
        }
    }

    @Override
    public void epoch(EpochResult result) {
        // EpochResult is a record of primitives: safe to hand to another thread as is.
        runLater.accept(() -> sink.epoch(result));
    }
}
