package org.pneumolens.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.input.DragEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.common.ViewLoader;
import org.pneumolens.app.model.ModelService;

/**
 * The whole main window at a given size, trained for a few epochs on a folder dropped on its Train tab, then a
 * picture of the window and of the misclassified-examples window (docs/screenshots; not a test).
 * <pre>java -cp ... 'org.pneumolens.app.MainWindowDemo$Main' --data=DIR --width=1280 --height=720
 *     --snapshot=train.png --cells=misclassified.png</pre>
 */
public final class MainWindowDemo extends Application {
    public static final class Main {
        public static void main(String[] args) {
            launch(MainWindowDemo.class, args);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void start(Stage stage) {
        Map<String, String> o = getParameters().getNamed();
        UiTaskExecutor inference = new UiTaskExecutor("inference");
        UiTaskExecutor training = new UiTaskExecutor("training");
        AppContext context = new AppContext(new ModelService(inference), inference, training,
                AppContext.Navigation.NONE);
        ViewLoader.Loaded<MainController> main = new ViewLoader(context).load("/org/pneumolens/app/MainView.fxml");
        Scene scene = new Scene(main.root());
        stage.setScene(scene);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(Integer.parseInt(o.getOrDefault("width", "1280")));
        stage.setHeight(Integer.parseInt(o.getOrDefault("height", "720")));
        stage.titleProperty().bind(main.controller().titleProperty());
        stage.setOnHidden(e -> {
            inference.shutdown();
            training.shutdown();
        });
        stage.show();
        main.controller().showTrain();
        main.root().applyCss(); // the tab's content joins the scene graph through the TabPane's skin
        main.root().layout();
        ((Spinner<Integer>) scene.lookup("#epochsSpinner")).getValueFactory().setValue(
                Integer.parseInt(o.getOrDefault("epochs", "3")));
        ((Spinner<Integer>) scene.lookup("#inputSizeSpinner")).getValueFactory().setValue(
                Integer.parseInt(o.getOrDefault("size", "32")));
        ((Spinner<Integer>) scene.lookup("#batchSpinner")).getValueFactory().setValue(16);
        Node trainRoot = scene.lookup("#trainRoot");
        var board = MainWindowTest.DragboardFactory.withFiles(List.of(Path.of(o.get("data")).toFile()));
        Event.fireEvent(trainRoot, new DragEvent(trainRoot, trainRoot, DragEvent.DRAG_DROPPED, board, 400, 300, 400,
                300, TransferMode.COPY, null, trainRoot, null));
        Node start = scene.lookup("#startButton");
        start.disableProperty().addListener((obs, was, disabled) -> {
            if (!disabled && !context.activity().unsavedProperty().get() && !context.activity().runningProperty()
                    .get()) {
                ((javafx.scene.control.Button) start).fire();
            }
        });
        context.activity().unsavedProperty().addListener((obs, was, unsaved) -> {
            if (unsaved) {
                PauseTransition settle = new PauseTransition(Duration.seconds(3));
                settle.setOnFinished(e -> shots(scene, o));
                settle.play();
            }
        });
    }

    private static void shots(Scene scene, Map<String, String> o) {
        write(scene, o.get("snapshot"));
        String cells = o.get("cells");
        if (cells == null) {
            Platform.exit();
            return;
        }
        // The wrong cell with more images; the matrix's text is "count\npercent".
        Node fp = scene.lookup("#cmFp");
        Node fn = scene.lookup("#cmFn");
        Node cell = count(fn) >= count(fp) ? fn : fp;
        Event.fireEvent(cell, new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5, MouseButton.PRIMARY, 1, false,
                false, false, false, true, false, false, true, false, false, null));
        PauseTransition load = new PauseTransition(Duration.seconds(3));
        load.setOnFinished(e -> {
            Window.getWindows().stream().filter(w -> w.getScene() != scene && w.isShowing()).findFirst()
                    .ifPresent(w -> write(w.getScene(), cells));
            Platform.exit();
        });
        load.play();
    }

    private static int count(Node cell) {
        return Integer.parseInt(((Labeled) cell).getText().split("\n")[0].replace(",", ""));
    }

    private static void write(Scene scene, String file) {
        if (file == null) {
            return;
        }
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", Path.of(file).toFile());
            System.err.println("Wrote " + file);
        } catch (IOException e) {
            System.err.println("Could not write " + file + ": " + e.getMessage());
        }
    }
}
