package org.pneumolens.app.common;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs tasks one at a time on a daemon thread and posts their callbacks to the FX thread (after JabRef's
 * {@code UiTaskExecutor}), so a window closed mid-task never keeps the JVM alive. One thread: DL4J networks are
 * not thread-safe and inference would gain nothing from a second thread on a 2-core machine where ND4J already
 * uses both cores; a training run is one long job. {@link #shutdown()} cancels what runs and stops the thread.
 */
public final class UiTaskExecutor implements TaskExecutor {
    private final ExecutorService thread;
    private final Consumer<Runnable> uiThread;
    private final Set<BackgroundTask<?>> running = ConcurrentHashMap.newKeySet();

    public UiTaskExecutor(String name) {
        this(name, UiTaskExecutor::runLater);
    }

    /** @param uiThread where callbacks run; {@code Platform::runLater} in the window */
    UiTaskExecutor(String name, Consumer<Runnable> uiThread) {
        this.uiThread = uiThread;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <V> BackgroundTask<V> execute(BackgroundTask<V> task) {
        running.add(task);
        try {
            thread.execute(() -> {
                try {
                    task.run(uiThread);
                } finally {
                    running.remove(task);
                }
            });
        } catch (RejectedExecutionException closed) {
            running.remove(task);
            task.cancel();
            task.run(uiThread); // reports cancelled without running the work
        }
        return task;
    }

    @Override
    public void shutdown() {
        running.forEach(BackgroundTask::cancel);
        thread.shutdownNow();
    }

    private static void runLater(Runnable r) {
        try {
            Platform.runLater(r);
        } catch (IllegalStateException toolkitGone) {
            // The window has closed: nobody is left to show the outcome.
        }
    }
}
