package org.pneumolens.app.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXMLLoader;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.model.ModelService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Train tab alone in a window, for development and the README screenshot (not a test). With
 * {@code --data=DIR} it scans that folder and starts training at once; with {@code --snapshot=FILE.png} it
 * writes a picture of the window when the run is done and exits.
 * <pre>java -cp ... 'org.pneumolens.app.train.TrainTabDemo$Main' --data=/tmp/subset --epochs=3 --size=64 --snapshot=x.png</pre>
 */
public final class TrainTabDemo extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(TrainTabDemo.class);

    /** Entry point for a plain classpath: java refuses a main class that extends Application without modules. */
    public static final class Main {
        public static void main(String[] args) {
            launch(TrainTabDemo.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws IOException {
        Map<String, String> opts = getParameters().getNamed();
        UiTaskExecutor training = new UiTaskExecutor("training");
        UiTaskExecutor inference = new UiTaskExecutor("inference");
        AppContext context = new AppContext(new ModelService(inference), inference, training,
                AppContext.Navigation.NONE);
        TrainController[] controller = new TrainController[1];
        FXMLLoader loader = new FXMLLoader(TrainController.class.getResource("TrainView.fxml"));
        loader.setControllerFactory(type -> controller[0] = new TrainController(context));
        int width = Integer.parseInt(opts.getOrDefault("width", "1400"));
        int height = Integer.parseInt(opts.getOrDefault("height", "900"));
        Scene scene = new Scene(loader.load(), width, height);
        stage.setTitle("PneumoLens - Train (demo)");
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            training.shutdown();
            inference.shutdown();
        });
        stage.show();
        String data = opts.get("data");
        if (data == null) {
            return;
        }
        TrainViewModel vm = controller[0].viewModel();
        TrainingSettings s = vm.settings();
        s.epochsProperty().set(Integer.parseInt(opts.getOrDefault("epochs", "3")));
        s.inputSizeProperty().set(Integer.parseInt(opts.getOrDefault("size", "64")));
        s.batchSizeProperty().set(Integer.parseInt(opts.getOrDefault("batch", "32")));
        vm.dataset().summaryProperty().addListener((obs, old, summary) -> {
            if (summary != null) {
                vm.start();
            }
        });
        String snapshot = opts.get("snapshot");
        vm.statusProperty().addListener((obs, old, status) -> {
            if (snapshot != null && !status.running() && status != TrainStatus.NOT_STARTED) {
                // Give the charts a moment to lay out their last points before taking the picture.
                PauseTransition settle = new PauseTransition(Duration.seconds(2));
                settle.setOnFinished(e -> {
                    write(scene, Path.of(snapshot));
                    Platform.exit();
                });
                settle.play();
            }
        });
        vm.dataset().choose(Path.of(data));
    }

    private static void write(Scene scene, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file.toFile());
            LOG.info("Wrote {}", file);
        } catch (IOException e) {
            LOG.error("Could not write {}", file, e);
        }
    }
}
