package org.pneumolens.app.train;

import org.pneumolens.TestFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.TrainingResult;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train tab driven through its controls, with real (tiny) training runs on the fixture dataset. */
@ExtendWith(ApplicationExtension.class)
class TrainViewTest {
    /** Generous: the fixture runs take seconds, but the CI machine may be busy training something else. */
    private static final long RUN_TIMEOUT_S = 300;

    private final TrainViewFixture fx = new TrainViewFixture();
    private TrainViewModel vm;

    /** Fits Monocle's default 1280x800 headless screen; a larger stage overflows its paint buffer. */
    @Start
    void start(Stage stage) throws Exception {
        stage.setScene(new Scene(fx.load(), 1200, 760));
        stage.show();
        vm = fx.controller.viewModel();
    }

    @AfterEach
    void shutdown() {
        fx.shutdown();
    }

    @Test
    void twoEpochRunShowsCurvesResultsAndSavesAModelThatPredicts(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path data = TrainViewFixture.copyFixtures(tmp);
        chooseFolder(robot, data);
        assertTrue(label(robot, "#countsLabel").getText().contains("train: NORMAL 16, PNEUMONIA 16 (32 images)"),
                label(robot, "#countsLabel").getText());
        assertEquals("Validation: the val/ folder (10 images)", label(robot, "#validationLabel").getText());
        setSmallRun(robot, 2);
        robot.clickOn("#startButton");
        await(() -> vm.statusProperty().get() == TrainStatus.DONE);

        assertEquals(2, fx.reported.size());
        assertSeries(robot, "#accuracyChart", EpochCharts.TRAIN, EpochResult::trainAccuracy);
        assertSeries(robot, "#accuracyChart", EpochCharts.VAL, EpochResult::valAccuracy);
        assertSeries(robot, "#lossChart", EpochCharts.TRAIN, EpochResult::trainLoss);
        assertSeries(robot, "#lossChart", EpochCharts.VAL, EpochResult::valLoss);

        TrainingResult result = vm.resultProperty().get();
        assertTrue(robot.lookup("#resultsPane").query().isVisible());
        // One prediction per validation image, agreeing with the matrix (rows actual, columns predicted).
        assertEquals(10, result.valPredictions().size());
        int pos = result.model().metadata().positiveIndex();
        long fn = result.valPredictions().stream().filter(v -> v.label() == pos && v.predicted() != pos).count();
        assertEquals(result.valEvaluation().confusion()[1][0], fn);
        assertTrue(result.valPredictions().stream().allMatch(v -> Files.isRegularFile(v.path())
                && Math.abs(v.probabilities()[0] + v.probabilities()[1] - 1) < 1e-4));
        int cells = 0;
        for (String id : List.of("#cmTn", "#cmFp", "#cmFn", "#cmTp")) {
            cells += Integer.parseInt(label(robot, id).getText().split("\n")[0]);
        }
        assertEquals(10, cells, "the confusion matrix covers the 10 validation images");
        LineChart<?, ?> roc = robot.lookup("#rocChart").queryAs(LineChart.class);
        assertTrue(roc.getTitle().contains(String.format(java.util.Locale.ROOT, "AUC %.3f",
                result.valEvaluation().auc())), roc.getTitle());
        assertEquals(result.valEvaluation().roc().size(), roc.getData().get(0).getData().size());
        assertTrue(label(robot, "#trainThresholdLabel").getText().contains("Sensitivity"));
        int tp = result.valEvaluation().confusion()[1][1];
        int fnCount = result.valEvaluation().confusion()[1][0];
        assertEquals(tp + fnCount == 0 ? "\u2013" : String.format(java.util.Locale.ROOT, "%.3f",
                (double) tp / (tp + fnCount)), label(robot, "#recall-PNEUMONIA").getText(), "recall beside the matrix");
        assertEquals(1, robot.lookup("#rocChart .threshold-point").queryAll().size(), "chosen threshold marked");
        LineChart<?, ?> reliability = robot.lookup("#reliabilityChart").queryAs(LineChart.class);
        long filledBins = result.model().calibration().reliability().stream().filter(b -> b.count() > 0).count();
        assertTrue(filledBins > 0, "the run's calibration has a reliability diagram");
        assertEquals(filledBins, reliability.getData().get(0).getData().size(), "one point per non-empty bin");
        int best = result.bestEpoch();
        for (String chart : List.of("#accuracyChart", "#lossChart")) {
            var ringed = robot.lookup(chart + " .best-epoch").queryAll();
            assertEquals(1, ringed.size(), chart + ": exactly the kept epoch is ringed");
            assertTrue(series(robot, chart, EpochCharts.VAL).getData().get(best - 1).getNode() == ringed.iterator()
                    .next(), chart + ": the ring sits on the val point of epoch " + best);
        }
        assertFalse(robot.lookup("#startButton").queryAs(Button.class).isDisabled(), "Start works again");

        Path saved = tmp.resolve("out/model.zip");
        fx.nextModelFile.set(saved);
        robot.clickOn("#saveButton");
        await(() -> Files.exists(saved) && !vm.results().savingProperty().get());
        PneumoModel loaded = ModelFile.load(saved);
        assertEquals(48, loaded.metadata().input().size());
        assertEquals(result.model().metadata().threshold(), loaded.metadata().threshold());
        Path image = data.resolve("val/PNEUMONIA/person100_bacteria_475.jpeg");
        Prediction p = loaded.predict(ImageDecoder.decodeGrey(image));
        assertTrue(loaded.classes().contains(p.label()));
        double[] direct = result.model().output(new float[][]{result.model().preprocessing()
                .toInput(ImageDecoder.decodeGrey(image))}).toDoubleVector();
        assertEquals(direct[1], p.rawProbabilities()[1], 1e-5, "the saved model predicts like the trained one");
        try (var leftovers = Files.list(saved.getParent())) {
            assertEquals(List.of(saved), leftovers.toList(), "no temporary file left beside the model");
        }

        robot.clickOn("#useButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(result.model(), fx.models.getModel());
        assertEquals(ResultActions.SOURCE, fx.models.sourceProperty().get());
        assertEquals(1, fx.diagnoseShown.get());
    }

    /**
     * The Stop button while images are still being decoded, through the real executors and the FX thread, with a
     * fake trainer that decodes until it is told to stop and then throws what core's DecodedImages throws. (The
     * state machine's other transitions are TrainViewModelTest's, without a window.)
     */
    @Test
    void clickingAMatrixCellShowsItsValidationImagesEachOpenableInDiagnose(FxRobot robot, @TempDir Path tmp)
            throws Exception {
        fx.trainer = (config, data, progress, stop) -> org.pneumolens.app.TrainFakes.result(data);
        chooseFolder(robot, TrainViewFixture.copyFixtures(tmp));
        robot.clickOn("#startButton");
        await(() -> vm.statusProperty().get() == TrainStatus.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        int[][] c = vm.resultProperty().get().valEvaluation().confusion();
        assertTrue(c[1][0] > 0, "the fake run misses some pneumonias");

        robot.clickOn("#cmFn");
        await(() -> robot.lookup("#cellTiles").tryQuery().isPresent());
        assertTrue(label(robot, "#cellTitle").getText().startsWith("Actual PNEUMONIA, predicted NORMAL: "
                + c[1][0] + " image"), label(robot, "#cellTitle").getText());
        javafx.scene.layout.FlowPane tiles = robot.lookup("#cellTiles").queryAs(javafx.scene.layout.FlowPane.class);
        assertEquals(c[1][0], tiles.getChildren().size());
        var first = (javafx.scene.layout.VBox) tiles.getChildren().get(0);
        Path firstPath = (Path) first.getUserData();
        assertTrue(firstPath.toString().contains("PNEUMONIA"), firstPath.toString());
        assertTrue(((Label) first.getChildren().get(1)).getText().matches("P\\(PNEUMONIA\\) 0\\.\\d\\d"));
        robot.clickOn(first.getChildren().get(3));
        assertEquals(List.of(firstPath), fx.opened);

        robot.interact(() -> tiles.getScene().getWindow().hide()); // it covers the matrix: a user would move it
        robot.clickOn("#cmTn"); // the same window shows another cell
        await(() -> label(robot, "#cellTitle").getText().startsWith("Actual NORMAL, predicted NORMAL: " + c[0][0]));
        assertEquals(1, robot.lookup("#cellTiles").queryAll().size());
    }

    @Test
    void theParentOfADatasetIsRefusedNamingTheDatasetAndADatasetShowsItsClasses(FxRobot robot, @TempDir Path tmp)
            throws Exception {
        Path data = TrainViewFixture.copyFixtures(tmp);
        Files.createDirectories(tmp.resolve("export"));
        Files.createDirectories(tmp.resolve("screenshots"));

        chooseFolder(robot, tmp);
        assertEquals("This folder holds a dataset rather than being one: choose " + data + " instead.",
                label(robot, "#datasetErrorLabel").getText());
        assertTrue(robot.lookup("#datasetErrorLabel").query().isVisible());
        assertTrue(robot.lookup("#startButton").queryAs(Button.class).isDisabled(), "no Start on the wrong folder");

        chooseFolder(robot, data);
        assertFalse(robot.lookup("#datasetErrorLabel").query().isVisible());
        for (String cls : List.of("NORMAL", "PNEUMONIA")) {
            javafx.scene.layout.HBox strip = robot.lookup("#strip-" + cls).queryAs(javafx.scene.layout.HBox.class);
            assertEquals(ClassStrips.PER_CLASS, strip.getChildren().size(), cls);
        }
        assertFalse(robot.lookup("#startButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void stopWhileDecodingEndsQuietlyWithoutAnErrorAndStartWorksAgain(FxRobot robot, @TempDir Path tmp)
            throws Exception {
        chooseFolder(robot, TrainViewFixture.copyFixtures(tmp));
        CountDownLatch decoding = new CountDownLatch(1);
        fx.trainer = (config, data, progress, stop) -> {
            for (int done = 1; !stop.getAsBoolean(); done = done % 42 + 1) {
                progress.batch(0, done, 42);
                decoding.countDown();
                Thread.sleep(5); // one "image"; waits for Stop
            }
            throw new InterruptedException("cancelled while decoding images");
        };
        robot.clickOn("#startButton");
        assertTrue(decoding.await(RUN_TIMEOUT_S, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#startButton").queryAs(Button.class).isDisabled());

        robot.clickOn("#stopButton");
        await(() -> !vm.statusProperty().get().running());

        assertEquals(TrainStatus.NOT_STARTED, vm.statusProperty().get());
        assertEquals(TrainViewModel.STOPPED_WITHOUT_MODEL, label(robot, "#trainStatusLabel").getText());
        assertFalse(robot.lookup("#trainErrorLabel").query().isVisible(), "stopping is not an error");
        assertFalse(robot.lookup("#resultsPane").query().isVisible());
        assertFalse(robot.lookup("#startButton").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#stopButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void emptyFolderShowsTheErrorAndStartStaysDisabled(FxRobot robot, @TempDir Path tmp) {
        chooseFolder(robot, tmp);
        Label error = label(robot, "#datasetErrorLabel");
        assertTrue(error.isVisible());
        assertTrue(error.getText().startsWith("A dataset needs at least two class subfolders"), error.getText());
        assertTrue(robot.lookup("#startButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void oneClassOnlyShowsTheError(FxRobot robot, @TempDir Path tmp) {
        Path data = TrainViewFixture.copyFixtures(tmp).resolve("train");
        TestFiles.copyTree(data.resolve("NORMAL"), tmp.resolve("one/NORMAL"));
        chooseFolder(robot, tmp.resolve("one"));
        Label error = label(robot, "#datasetErrorLabel");
        assertTrue(error.getText().contains("only [NORMAL]"), error.getText());
        assertTrue(robot.lookup("#startButton").queryAs(Button.class).isDisabled());
    }

    private void chooseFolder(FxRobot robot, Path dir) {
        fx.nextFolder.set(dir);
        robot.clickOn("#chooseFolderButton");
        await(() -> vm.dataset().folderProperty().get() != null && !vm.dataset().scanningProperty().get());
    }

    @SuppressWarnings("unchecked")
    private static void setSmallRun(FxRobot robot, int epochs) {
        robot.interact(() -> {
            robot.lookup("#epochsSpinner").queryAs(Spinner.class).getValueFactory().setValue(epochs);
            robot.lookup("#batchSpinner").queryAs(Spinner.class).getValueFactory().setValue(16);
            robot.lookup("#inputSizeSpinner").queryAs(Spinner.class).getValueFactory().setValue(48);
        });
    }

    @SuppressWarnings("unchecked")
    private static XYChart.Series<Number, Number> series(FxRobot robot, String chartId, String name) {
        LineChart<Number, Number> chart = robot.lookup(chartId).queryAs(LineChart.class);
        return chart.getData().stream().filter(s -> name.equals(s.getName())).findFirst().orElseThrow();
    }

    private void assertSeries(FxRobot robot, String chartId, String name, ToDoubleFunction<EpochResult> figure) {
        XYChart.Series<Number, Number> series = series(robot, chartId, name);
        assertEquals(fx.reported.size(), series.getData().size(), chartId + " " + name);
        for (int i = 0; i < fx.reported.size(); i++) {
            EpochResult r = fx.reported.get(i);
            XYChart.Data<Number, Number> d = series.getData().get(i);
            assertEquals(r.epoch(), d.getXValue().intValue());
            assertEquals(figure.applyAsDouble(r), d.getYValue().doubleValue(), 0.0, chartId + " " + name + " " + i);
            assertNotNull(d.getNode(), "each point has a symbol (with a tooltip)");
        }
    }

    private static Label label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    private static void await(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("condition not reached within " + RUN_TIMEOUT_S + " s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
