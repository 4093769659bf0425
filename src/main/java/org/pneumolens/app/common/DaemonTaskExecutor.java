package org.pneumolens.app.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;

/**
 * Runs tasks on a small pool of daemon threads, so a window closed mid-task never keeps the JVM alive. One
 * thread by default: DL4J networks are not thread-safe and inference would gain nothing from a second thread
 * on a 2-core machine where ND4J already uses both cores.
 */
public final class DaemonTaskExecutor implements TaskExecutor {
    private final ExecutorService pool;

    public DaemonTaskExecutor(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> Task<T> execute(Task<T> task) {
        pool.execute(task);
        return task;
    }

    @Override
    public void shutdown() {
        pool.shutdownNow();
    }
}
