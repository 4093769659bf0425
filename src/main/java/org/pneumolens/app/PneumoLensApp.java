package org.pneumolens.app;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.pneumolens.app.common.ErrorReporter;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.common.ViewLoader;
import org.pneumolens.app.diagnose.DiagnoseTask;
import org.pneumolens.app.diagnose.OpenTiming;
import org.pneumolens.app.model.ModelService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop window. Shows first, then loads the bundled model on the inference thread, so the window appears
 * within a second even though DL4J's start-up takes several. An image path among the arguments opens at start-up.
 * {@code -Dpneumolens.window=WIDTHxHEIGHT} places the window at the screen's corner with that size (screenshots).
 */
public final class PneumoLensApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PneumoLensApp.class);
    /** Title bars and task switchers use up to 256 px; larger ones come from the installer's own icon files. */
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

    /** Set before {@code Application.launch}, which creates this class itself and passes it only strings. */
    private static volatile StartupListener startupListener = StartupListener.NONE;
    private static volatile OpenTimingListener openTimingListener = OpenTimingListener.NONE;

    private TaskExecutor inference;
    private TaskExecutor training;
    private MainController main;

    /** Opens the window; {@code listener} hears its start-up milestones. */
    public static void launchWith(String[] args, StartupListener listener) {
        launchWith(args, listener, OpenTimingListener.NONE);
    }

    /** Opens the window; {@code listener} hears its start-up milestones, {@code opens} the timing of opens. */
    public static void launchWith(String[] args, StartupListener listener, OpenTimingListener opens) {
        startupListener = listener;
        openTimingListener = opens;
        TerminalQuiet.install();
        Application.launch(PneumoLensApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        inference = new UiTaskExecutor("inference");
        training = new UiTaskExecutor("training");
        ForwardingNavigation navigation = new ForwardingNavigation();
        AppContext context = new AppContext(new ModelService(inference, DiagnoseTask::warmUp), inference, training,
                navigation);
        ViewLoader.Loaded<MainController> main = new ViewLoader(context).load("/org/pneumolens/app/MainView.fxml");
        navigation.target = main.controller();

        stage.titleProperty().bind(main.controller().titleProperty());
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        size(stage, new Scene(main.root()));
        ErrorReporter.install(stage);
        stage.setOnCloseRequest(e -> {
            if (!main.controller().mayClose()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> shutdown());
        this.main = main.controller();
        // Start-up milestones, for whoever measures start-up (see StartupListener).
        StartupListener startup = startupListener;
        context.models().modelProperty().addListener((o, old, m) -> {
            if (m != null) {
                startup.reached(StartupListener.Milestone.MODEL_LOADED);
            }
        });
        stage.setOnShown(e -> {
            startup.reached(StartupListener.Milestone.WINDOW_SHOWN);
            addIconsLater(stage);
        });
        stage.show();
        OpenTiming.attach(stage.getScene(), main.controller().diagnose().viewModel(), context.models(),
                openTimingListener);
        main.controller().start(getParameters().getRaw());
    }

    @Override
    public void stop() {
        shutdown();
    }

    private void shutdown() {
        // Cancels a running analysis or training; both pools are daemon threads, so nothing outlives the window.
        if (inference != null) {
            inference.shutdown();
            training.shutdown();
        }
        if (main != null) {
            main.shutdown();
        }
    }

    private static void size(Stage stage, Scene scene) {
        String fixed = System.getProperty("pneumolens.window");
        if (fixed != null && fixed.matches("\\d+x\\d+")) {
            String[] wh = fixed.split("x");
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(Integer.parseInt(wh[0]));
            stage.setHeight(Integer.parseInt(wh[1]));
        } else {
            Rectangle2D screen = Screen.getPrimary().getVisualBounds();
            stage.setWidth(Math.min(1440, screen.getWidth() * 0.9));
            stage.setHeight(Math.min(900, screen.getHeight() * 0.9));
        }
        stage.setScene(scene);
    }

    /**
     * The installer's icons, decoded on a thread of their own once the window is up. Decoding them on the FX thread
     * before the first frame cost start-up more than their size suggests: on 2 cores the byte-reordering loop of the
     * large ones got the C2 compiler busy (~240 ms of compile time) while the window was still being laid out. The
     * window works without them (a build before they exist).
     */
    private static void addIconsLater(Stage stage) {
        Thread t = new Thread(() -> {
            List<Image> icons = new ArrayList<>();
            for (int size : ICON_SIZES) {
                try (InputStream in = PneumoLensApp.class.getResourceAsStream("/org/pneumolens/app/icons/pneumolens-"
                        + size + ".png")) {
                    if (in != null) {
                        icons.add(new Image(in));
                    }
                } catch (java.io.IOException e) {
                    LOG.debug("Icon {} unreadable: {}", size, e.toString());
                }
            }
            Platform.runLater(() -> stage.getIcons().setAll(icons));
        }, "window-icons");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** The main controller exists only after the FXML that needs the context is loaded: forward to it then. */
    private static final class ForwardingNavigation implements AppContext.Navigation {
        private AppContext.Navigation target = AppContext.Navigation.NONE;

        @Override
        public void showDiagnose() {
            target.showDiagnose();
        }

        @Override
        public void showTrain() {
            target.showTrain();
        }

        @Override
        public void openImage(java.nio.file.Path file) {
            target.openImage(file);
        }
    }
}
