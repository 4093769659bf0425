package org.pneumolens.app.common;

import javafx.concurrent.Task;

/**
 * Runs each task immediately on the calling thread. For view-model tests: call from the FX thread (or a test
 * that has started the toolkit) and the task's handlers have run when {@code execute} returns.
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
