package org.pneumolens.app.common;

/**
 * The one way the window runs work off the FX thread (after JabRef's {@code TaskExecutor}). Production code uses
 * {@link UiTaskExecutor}; view-model tests pass {@link CurrentThreadTaskExecutor} and need no JavaFX toolkit.
 */
public interface TaskExecutor {
    /** Starts the task; its callbacks run on this executor's UI thread. Returns the task, to cancel it later. */
    <V> BackgroundTask<V> execute(BackgroundTask<V> task);

    /** Cancels running tasks and stops the threads; called when the window closes. */
    void shutdown();
}
