package org.pneumolens.app.model;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFormatException;
import org.pneumolens.core.model.PneumoModel;

/**
 * Starts loading the bundled model (and with it ND4J's native libraries, ~2 s) on a daemon thread as the process
 * starts, so it overlaps the JavaFX toolkit's own start-up instead of following it. The first
 * {@link ModelService#loadBundled} takes the result; later calls load afresh.
 */
public final class BundledModelPreload {
    private static CompletableFuture<PneumoModel> pending;

    private BundledModelPreload() {
    }

    /** Called once by the launcher, before the window exists. */
    public static synchronized void start() {
        if (pending == null) {
            // The thread completes its own future: take() may already have cleared the field.
            CompletableFuture<PneumoModel> future = new CompletableFuture<>();
            pending = future;
            Thread t = new Thread(() -> {
                try {
                    future.complete(BundledModel.load());
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            }, "bundled-model-preload");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The preloaded model if a preload was started and not yet taken, else a fresh load. */
    static PneumoModel take() throws ModelFormatException, InterruptedException {
        CompletableFuture<PneumoModel> f;
        synchronized (BundledModelPreload.class) {
            f = pending;
            pending = null;
        }
        if (f == null) {
            return BundledModel.load();
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModelFormatException m) {
                throw m;
            }
            throw new ModelFormatException("Cannot load the bundled model: " + e.getCause(), e.getCause());
        }
    }
}
