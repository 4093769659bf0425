package org.pneumolens.app.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.fxml.FXMLLoader;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pneumolens.app.FxTestSupport;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.core.batch.BatchAnalyser;
import org.pneumolens.core.batch.BatchProgress;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.check.CheckStatus;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;
import org.pneumolens.core.model.TestModels;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Worklist tab with 1,000 files on a fake analyser that stops half-way until the test lets it go on: while
 * the analysis runs, the table scrolls, J/K step and a row opens (the FX thread is free).
 */
@ExtendWith(ApplicationExtension.class)
class WorklistViewTest {
    static final int FILES = 1000;

    private final UiTaskExecutor executor = new UiTaskExecutor("test-worklist");
    private final CountDownLatch halfWay = new CountDownLatch(1);
    private final CountDownLatch goOn = new CountDownLatch(1);
    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private WorklistViewModel vm;
    private TableView<WorklistRow> table;
    private WorklistController controller;

    @Start
    void start(Stage stage) throws Exception {
        PneumoModel model = TestModels.untrained(32);
        vm = new WorklistViewModel(executor, () -> model, this::analyse);
        FXMLLoader loader = new FXMLLoader(WorklistController.class.getResource("WorklistView.fxml"));
        WorklistController[] controller = new WorklistController[1];
        loader.setControllerFactory(type -> controller[0] = new WorklistController(vm));
        stage.setScene(new Scene(loader.load(), 1200, 700));
        controller[0].setOpener(opened::add);
        this.controller = controller[0];
        stage.show();
        table = stage.getScene().getRoot().lookupAll("#table").stream().map(n -> {
            @SuppressWarnings("unchecked") TableView<WorklistRow> t = (TableView<WorklistRow>) n;
            return t;
        }).findFirst().orElseThrow();
    }

    @AfterEach
    void shutdown() {
        goOn.countDown();
        executor.shutdown();
    }

    /** Answers in batches of 16 with P(PNEUMONIA) = (i mod 100) / 100; waits at the half-way mark. */
    private BatchAnalyser.Summary analyse(PneumoModel model, List<Path> files,
                                          java.util.function.BooleanSupplier cancelled,
                                          BatchAnalyser.Listener listener) throws InterruptedException {
        for (int i = 0; i < files.size(); i++) {
            if (cancelled.getAsBoolean()) {
                return new BatchAnalyser.Summary(files.size(), i, 0, 0, true, 1);
            }
            double p = (i % 100) / 100.0;
            listener.result(new ImageResult(i, files.get(i), ImageResult.Outcome.DONE,
                    new Prediction(List.of("NORMAL", "PNEUMONIA"), new double[]{1 - p, p},
                            p >= 0.5 ? "PNEUMONIA" : "NORMAL", 0.5, "PNEUMONIA"),
                    new CheckResult(CheckStatus.OK, 1, 3, List.of()), new SourceFacts("png", 10, 10, null), null,
                    null));
            if ((i + 1) % 16 == 0 || i + 1 == files.size()) {
                listener.progress(BatchProgress.of(i + 1, files.size(), (i + 1) / 50.0));
            }
            if (i + 1 == files.size() / 2) {
                halfWay.countDown();
                assertTrue(goOn.await(120, TimeUnit.SECONDS));
            }
        }
        return new BatchAnalyser.Summary(files.size(), files.size(), 0, 0, false, 1);
    }

    @Test
    void theTableScrollsStepsAndOpensRowsWhileAnalysisRuns(FxRobot robot) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            files.add(Path.of("/nonexistent/worklist", String.format("img-%04d.png", i)));
        }
        FxTestSupport.onFx(() -> vm.analyse(files));
        assertTrue(halfWay.await(60, TimeUnit.SECONDS));
        FxTestSupport.waitUntil(() -> vm.progressProperty().get() >= 0.49);
        assertTrue(vm.runningProperty().get());
        assertEquals(FILES, table.getItems().size());
        // The triage order: P = 0.99 rows first (among the analysed half).
        WorklistRow first = table.getItems().get(0);
        assertEquals(0.99, first.probability(), 1e-9);

        robot.moveTo(table);
        robot.scroll(20, VerticalDirection.DOWN);
        robot.scroll(5, VerticalDirection.UP);
        robot.clickOn(robot.lookup(".table-row-cell").nth(2).queryAs(javafx.scene.Node.class));
        FxTestSupport.onFx(() -> {
            table.requestFocus();
            table.getSelectionModel().clearAndSelect(0);
        });
        robot.type(KeyCode.J).type(KeyCode.J).type(KeyCode.K);
        assertEquals(1, table.getSelectionModel().getSelectedIndex());
        robot.type(KeyCode.ENTER);
        FxTestSupport.waitUntil(() -> opened.size() == 1);
        assertEquals(table.getItems().get(1).file(), opened.get(0));
        // Follow mode: once a row was opened, stepping opens the next one too, and so does the Diagnose tab's PgDn.
        robot.type(KeyCode.J);
        FxTestSupport.waitUntil(() -> opened.size() == 2);
        assertEquals(table.getItems().get(2).file(), opened.get(1));
        FxTestSupport.onFx(() -> assertTrue(controller.imageList().step(1)));
        assertEquals(3, opened.size());
        assertEquals(table.getItems().get(3).file(), opened.get(2));
        assertEquals(3, table.getSelectionModel().getSelectedIndex());
        assertTrue(vm.runningProperty().get(), "all of this happened while the analysis ran");
        assertTrue(robot.lookup("#speedLabel").queryAs(Label.class).getText().contains("images/s"));

        goOn.countDown();
        FxTestSupport.waitUntil(() -> !vm.runningProperty().get());
        assertEquals("1000 images: Pneumonia 500, Normal 500", vm.countsProperty().get());
        assertFalse(robot.lookup("#csvButton").queryButton().isDisabled());
        // Results re-sorted the list; whatever row is selected now is the one the Diagnose view shows.
        FxTestSupport.onFx(() -> assertEquals(table.getSelectionModel().getSelectedItem().file(),
                opened.get(opened.size() - 1)));
    }
}
