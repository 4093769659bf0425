package org.pneumolens.app.common;

/**
 * Runs each task to its end on the calling thread and calls its callbacks there, before {@code execute} returns.
 * For view-model tests: no JavaFX toolkit, no queue to drain.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public <V> BackgroundTask<V> execute(BackgroundTask<V> task) {
        task.run(Runnable::run);
        return task;
    }

    @Override
    public void shutdown() {
    }
}
