package org.pneumolens.app.worklist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXMLLoader;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.PneumoModel;

/**
 * Runs the Worklist tab alone with the bundled model, for development and the README screenshot (not a test):
 * {@code --open=A,B} analyses those files and folders; {@code --snapshot=FILE.png} writes the window when done.
 * <pre>xvfb-run -a java -cp ... 'org.pneumolens.app.worklist.WorklistDemo$Main' --open=sample-images --snapshot=w.png</pre>
 */
public final class WorklistDemo extends Application {
    /** Entry point for a plain classpath: java refuses a main class that extends Application without modules. */
    public static final class Main {
        public static void main(String[] args) {
            launch(WorklistDemo.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        var opts = getParameters().getNamed();
        PneumoModel model = BundledModel.load();
        UiTaskExecutor executor = new UiTaskExecutor("worklist-demo");
        WorklistViewModel vm = new WorklistViewModel(executor, () -> model, WorklistViewModel.Analyser.REAL);
        FXMLLoader loader = new FXMLLoader(WorklistController.class.getResource("WorklistView.fxml"));
        loader.setControllerFactory(type -> new WorklistController(vm));
        stage.setScene(new Scene(loader.load(), 1400, 800));
        stage.setTitle("PneumoLens - Worklist (demo)");
        stage.setOnHidden(e -> executor.shutdown());
        stage.show();
        String open = opts.get("open");
        if (open == null) {
            return;
        }
        List<Path> paths = Arrays.stream(open.split(",")).map(Path::of).toList();
        String snapshot = opts.get("snapshot");
        vm.runningProperty().addListener((o, was, now) -> {
            if (!now && snapshot != null) {
                Platform.runLater(() -> {
                    try {
                        ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png",
                                Path.of(snapshot).toFile());
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                    Platform.exit();
                });
            }
        });
        vm.analyse(paths);
    }
}
