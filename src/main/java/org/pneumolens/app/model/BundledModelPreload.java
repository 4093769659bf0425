package org.pneumolens.app.model;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.pneumolens.core.engine.Nd4jStart;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFormatException;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts ND4J's native libraries and then loads the bundled model on a daemon thread as the process starts, so the
 * model loads while the JavaFX toolkit and window start instead of after them. The first
 * {@link ModelService#loadBundled} takes the result; later calls load afresh.
 *
 * <p>The launcher waits for {@link #awaitNativeStart()} before starting JavaFX: ND4J's native start must not
 * overlap another thread's loading of native libraries (see {@link Nd4jStart}).
 */
public final class BundledModelPreload {
    private static final Logger LOG = LoggerFactory.getLogger(BundledModelPreload.class);
    /** Beyond this the window starts anyway: a slow disk should not keep it away for good. */
    private static final long NATIVE_START_WAIT_S = 60;

    private static final CountDownLatch NATIVE_START = new CountDownLatch(1);
    private static CompletableFuture<PneumoModel> pending;
    private static boolean started;

    private BundledModelPreload() {
    }

    /** Called once by the launcher, before the window exists. */
    public static synchronized void start() {
        if (!started) {
            started = true;
            // The thread completes its own future: take() may already have cleared the field.
            CompletableFuture<PneumoModel> future = new CompletableFuture<>();
            pending = future;
            Thread t = new Thread(() -> {
                try {
                    Nd4jStart.run();
                } catch (Throwable e) {
                    LOG.debug("ND4J did not start; loading the model will say why: {}", e.toString());
                } finally {
                    NATIVE_START.countDown();
                }
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

    /** Returns once the preload thread has started ND4J's native side (at once if no preload was started). */
    public static void awaitNativeStart() throws InterruptedException {
        synchronized (BundledModelPreload.class) {
            if (!started) {
                return;
            }
        }
        if (!NATIVE_START.await(NATIVE_START_WAIT_S, TimeUnit.SECONDS)) {
            LOG.warn("ND4J has not started after {} s; starting the window anyway", NATIVE_START_WAIT_S);
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
