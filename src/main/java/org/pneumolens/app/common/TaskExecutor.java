package org.pneumolens.app.common;

import javafx.concurrent.Task;

/**
 * The one way the window runs work off the FX thread (after JabRef's {@code TaskExecutor}). Production code uses
 * {@link DaemonTaskExecutor}; view-model tests pass {@link SameThreadTaskExecutor} and stay deterministic.
 */
public interface TaskExecutor {
    /** Starts the task; its results must be read in {@code onSucceeded} / {@code onFailed}, on the FX thread. */
    <T> Task<T> execute(Task<T> task);

    /** Cancels running tasks and stops the threads; called when the window closes. */
    void shutdown();
}
