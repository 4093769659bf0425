package org.pneumolens.app.common;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * A piece of work for a {@link TaskExecutor} (after JabRef's {@code BackgroundTask}): {@link #call()} runs on the
 * executor's thread, and every callback (message, progress, success, failure, cancelled) runs on the executor's
 * UI thread, which is the FX thread in the window and the calling thread in tests. Nothing here touches
 * {@code Platform}: the executor decides where callbacks run, so a view-model test needs no JavaFX toolkit.
 *
 * <p>Outcome rule: {@code call()} returning means success, even after {@link #cancel()} (a stopped training run
 * still returns the best epoch so far); {@code call()} throwing after {@code cancel()}, or throwing
 * {@link InterruptedException} / {@link CancellationException}, means cancelled; any other throw means failure.
 * Exactly one of the three callbacks runs, once.
 */
public abstract class BackgroundTask<V> {
    private static final Consumer<Object> IGNORE = v -> {
    };

    private volatile boolean cancelled;
    private volatile Consumer<Runnable> ui = Runnable::run;
    private Consumer<String> onMessage = IGNORE::accept;
    private ProgressListener onProgress = (done, total) -> {
    };
    private Consumer<? super V> onSuccess = IGNORE::accept;
    private Consumer<Throwable> onFailure = IGNORE::accept;
    private Runnable onCancelled = () -> {
    };

    /** Wraps a plain callable. */
    public static <V> BackgroundTask<V> of(Callable<V> work) {
        Objects.requireNonNull(work);
        return new BackgroundTask<>() {
            @Override
            protected V call() throws Exception {
                return work.call();
            }
        };
    }

    /** The work; runs on the executor's worker thread. */
    protected abstract V call() throws Exception;

    /** Progress in work units, e.g. batches done of a total. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(long done, long total);
    }

    public BackgroundTask<V> onMessage(Consumer<String> listener) {
        this.onMessage = Objects.requireNonNull(listener);
        return this;
    }

    public BackgroundTask<V> onProgress(ProgressListener listener) {
        this.onProgress = Objects.requireNonNull(listener);
        return this;
    }

    public BackgroundTask<V> onSuccess(Consumer<? super V> listener) {
        this.onSuccess = Objects.requireNonNull(listener);
        return this;
    }

    public BackgroundTask<V> onFailure(Consumer<Throwable> listener) {
        this.onFailure = Objects.requireNonNull(listener);
        return this;
    }

    public BackgroundTask<V> onCancelled(Runnable listener) {
        this.onCancelled = Objects.requireNonNull(listener);
        return this;
    }

    /** Asks the work to end; {@link #call()} sees it through {@link #isCancelled()}. Any thread. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** For {@link #call()}: a status line for the user, delivered on the UI thread. */
    protected final void updateMessage(String message) {
        ui.accept(() -> onMessage.accept(message));
    }

    /** For {@link #call()}: progress, delivered on the UI thread. */
    protected final void updateProgress(long done, long total) {
        ui.accept(() -> onProgress.progress(done, total));
    }

    /** For {@link #call()}: runs {@code update} on the UI thread (e.g. a progress bridge of its own). */
    protected final void onUiThread(Runnable update) {
        ui.accept(update);
    }

    /**
     * Runs the work on the current thread and posts its outcome through {@code uiThread}. For executors only
     * (including test executors that hold tasks back); view-models call {@link TaskExecutor#execute}.
     */
    public final void run(Consumer<Runnable> uiThread) {
        this.ui = Objects.requireNonNull(uiThread);
        if (cancelled) {
            uiThread.accept(onCancelled);
            return;
        }
        V value;
        try {
            value = call();
        } catch (InterruptedException | CancellationException e) {
            uiThread.accept(onCancelled);
            return;
        } catch (Throwable t) {
            uiThread.accept(cancelled ? onCancelled : () -> onFailure.accept(t));
            return;
        }
        uiThread.accept(() -> onSuccess.accept(value));
    }
}
