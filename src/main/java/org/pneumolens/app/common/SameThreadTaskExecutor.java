package org.pneumolens.app.common;

import javafx.concurrent.Task;

/**
 * Runs each task immediately on the calling thread. For view-model tests: call from the FX thread (or a test
 * that has started the toolkit). {@code call()} has finished when {@code execute} returns, but {@code Task} posts
 * its state changes and {@code onSucceeded}/{@code onFailed} with {@code Platform.runLater} even on the FX thread,
 * so tests drain the FX queue (e.g. {@code WaitForAsyncUtils.waitForFxEvents()}) before reading results.
 */
public final class SameThreadTaskExecutor implements TaskExecutor {
    @Override
    public <T> Task<T> execute(Task<T> task) {
        task.run();
        return task;
    }

    @Override
    public void shutdown() {
    }
}
