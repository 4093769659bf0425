package org.pneumolens.app;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFormatException;
import org.pneumolens.core.model.PneumoModel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the FX toolkit the TestFX way (one toolkit per JVM) and runs code on the FX thread for plain JUnit tests. */
public final class FxTestSupport {
    private static PneumoModel model;

    private FxTestSupport() {
    }

    public static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /**
     * Runs on the FX thread, then lets the FX queue drain: a {@code Task} posts its state changes and handlers with
     * {@code Platform.runLater} even when it runs on the FX thread, so results arrive a few pulses later.
     */
    public static <T> T onFx(Callable<T> work) throws Exception {
        T result = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(work));
        WaitForAsyncUtils.waitForFxEvents(10);
        return result;
    }

    public static void onFx(Runnable work) throws Exception {
        onFx(() -> {
            work.run();
            return null;
        });
    }

    /** The bundled model, loaded once per test JVM (it takes seconds). Never assert which label it gives. */
    public static synchronized PneumoModel bundledModel() throws ModelFormatException {
        if (model == null) {
            model = BundledModel.load();
        }
        return model;
    }

    public static Path fixture(String relative) {
        try {
            return Path.of(FxTestSupport.class.getResource("/fixtures/xray/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + relative, e);
        }
    }

    public static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
    }
}
