package org.pneumolens.app;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.common.ViewLoader;
import org.pneumolens.app.model.ModelService;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.pneumolens.core.model.ModelFormatException;
import org.pneumolens.core.model.PneumoModel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the FX toolkit the TestFX way (one toolkit per JVM) and runs code on the FX thread for plain JUnit tests. */
public final class FxTestSupport {
    private FxTestSupport() {
    }

    public static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /**
     * Runs on the FX thread, then lets the FX queue drain: the window's executor posts results with
     * {@code Platform.runLater}, so they arrive a few pulses later.
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

    /** See {@link TestData#bundledModel()}. */
    public static PneumoModel bundledModel() throws ModelFormatException {
        return TestData.bundledModel();
    }

    public static Path fixture(String relative) {
        return TestData.fixture(relative);
    }

    public static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
    }

    /** A window's context with the bundled model loaded and all work, inference and training, on {@code executor}. */
    public static AppContext bundledContext(TaskExecutor executor) throws ModelFormatException {
        ModelService models = new ModelService(executor);
        models.use(bundledModel(), "bundled");
        return new AppContext(models, executor, executor, AppContext.Navigation.NONE);
    }

    /** Loads the main window with {@code context} and shows it on {@code stage} at {@code width} x {@code height}. */
    public static ViewLoader.Loaded<MainController> showMainWindow(Stage stage, AppContext context, int width,
                                                                   int height) {
        ViewLoader.Loaded<MainController> loaded = new ViewLoader(context).load("/org/pneumolens/app/MainView.fxml");
        stage.setScene(new Scene(loaded.root(), width, height));
        stage.show();
        return loaded;
    }
}
