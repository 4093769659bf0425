package org.pneumolens.app;

import org.pneumolens.TestFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.common.ViewLoader;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.metrics.BinaryMetrics;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.TrainingCancelledException;
import org.pneumolens.core.train.TrainingResult;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Ctrl+Q on the real main window while a (fake) training run goes on, and after one whose model was not saved:
 * the window asks, and quits only when the user says so. Quitting is replaced by a counter.
 */
@ExtendWith(ApplicationExtension.class)
class QuitTest {
    @TempDir
    static Path home;
    @TempDir
    Path tmp;

    private final AtomicInteger exits = new AtomicInteger();
    /** Set by the test before Start: whether the fake run waits for Stop or returns a model at once. */
    private volatile boolean runUntilStopped;
    private UiTaskExecutor executor;
    private MainController main;
    private Parent root;
    private AppContext context;

    @BeforeAll
    static void isolateRecentFiles() {
        System.setProperty("pneumolens.home", home.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        executor = new UiTaskExecutor("test-quit");
        ModelService models = new ModelService(executor);
        context = new AppContext(models, executor, executor, AppContext.Navigation.NONE,
                (config, data, progress, stop) -> {
                    if (runUntilStopped) {
                        while (!stop.getAsBoolean()) {
                            Thread.sleep(10);
                        }
                        throw new TrainingCancelledException("stopped");
                    }
                    return result();
                });
        ViewLoader.Loaded<MainController> loaded = FxTestSupport.showMainWindow(stage, context, 1280, 720);
        main = loaded.controller();
        main.exitWith(exits::incrementAndGet);
        root = loaded.root();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void duringARunTheDiagnoseTabSaysSoAndQuittingAsks(FxRobot robot) throws Exception {
        runUntilStopped = true;
        startRun(robot);
        waitUntil(() -> context.activity().runningProperty().get());
        onFx(() -> main.showDiagnose());
        Hyperlink indicator = robot.lookup("#trainingIndicator").queryAs(Hyperlink.class);
        assertTrue(indicator.isVisible(), "the Diagnose tab shows that a run is going on");
        assertTrue(indicator.getText().startsWith("Training: "), indicator.getText());

        robot.push(KeyCode.CONTROL, KeyCode.Q);
        robot.clickOn("Keep training");
        assertEquals(0, exits.get());
        assertTrue(context.activity().runningProperty().get(), "the run goes on");

        robot.push(KeyCode.CONTROL, KeyCode.Q);
        robot.clickOn("Stop and quit");
        assertEquals(1, exits.get());
        waitUntil(() -> !context.activity().runningProperty().get());
        onFx(() -> { });
        assertFalse(indicator.isVisible(), "no run, no indicator");
    }

    @Test
    void quittingAfterARunWithAnUnsavedModelOffersToSaveIt(FxRobot robot) throws Exception {
        runUntilStopped = false;
        startRun(robot);
        waitUntil(() -> context.activity().unsavedProperty().get());

        robot.push(KeyCode.CONTROL, KeyCode.Q);
        assertTrue(robot.lookup("Save...").tryQuery().isPresent(), "offers to save");
        robot.clickOn("Cancel");
        assertEquals(0, exits.get());

        robot.push(KeyCode.CONTROL, KeyCode.Q);
        robot.clickOn("Discard");
        assertEquals(1, exits.get());
    }

    @Test
    void quittingWithNothingToLoseDoesNotAsk(FxRobot robot) throws Exception {
        robot.push(KeyCode.CONTROL, KeyCode.Q);
        assertEquals(1, exits.get());
        assertFalse(robot.lookup("Discard").tryQuery().isPresent());
    }

    /** Drops the fixture dataset on the Train tab and presses Start once the scan is done. */
    private void startRun(FxRobot robot) throws Exception {
        Path data = TestFiles.copyTree(FxTestSupport.fixture(""), tmp.resolve("xray"));
        onFx(() -> main.showTrain());
        Node trainRoot = robot.lookup("#trainRoot").query();
        Dragboard board = onFx(() -> MainWindowTest.DragboardFactory.withFiles(List.of(data.toFile())));
        onFx(() -> Event.fireEvent(trainRoot, new DragEvent(trainRoot, trainRoot, DragEvent.DRAG_DROPPED, board,
                400, 300, 400, 300, TransferMode.COPY, null, trainRoot, null)));
        Button startButton = robot.lookup("#startButton").queryAs(Button.class);
        waitUntil(() -> !startButton.isDisabled());
        robot.clickOn(startButton);
    }

    private static TrainingResult result() throws Exception {
        boolean[] positive = {false, false, true, true};
        double[] score = {0.1, 0.6, 0.4, 0.9};
        EpochResult epoch = new EpochResult(1, 1, 0.5, 0.7, 0.6, 0.75, 0.75, 1.0, 1e-3, true);
        return new TrainingResult(TestData.bundledModel(), List.of(epoch), 1,
                BinaryMetrics.evaluate(positive, score, 0.5), false, false);
    }
}
