package org.pneumolens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.fixture;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.css.PseudoClass;
import javafx.event.Event;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.common.ViewLoader;
import org.pneumolens.app.diagnose.DiagnoseTask;
import org.pneumolens.app.diagnose.DiagnoseViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real main window (MainView.fxml with the Diagnose tab) on a real background executor, headless through
 * Monocle. Images go in through the view-model, as File > Open does, and through a DragEvent fired at the window.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final Path PNEUMONIA = fixture("val/PNEUMONIA/person41_virus_88.jpeg");
    private static final Path NORMAL = fixture("val/NORMAL/NORMAL2-IM-0045-0001.jpeg");

    @TempDir
    static Path home;
    @TempDir
    Path tmp;

    private final List<BackgroundTask<?>> submitted = new CopyOnWriteArrayList<>();
    private TaskExecutor inference;
    private MainController main;
    private Parent root;

    @BeforeAll
    static void isolateRecentFiles() {
        System.setProperty("pneumolens.home", home.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        UiTaskExecutor pool = new UiTaskExecutor("test-inference");
        inference = new TaskExecutor() { // records what the view submits, runs it on the real pool
            @Override
            public <V> BackgroundTask<V> execute(BackgroundTask<V> task) {
                submitted.add(task);
                return pool.execute(task);
            }

            @Override
            public void shutdown() {
                pool.shutdown();
            }
        };
        ViewLoader.Loaded<MainController> loaded = FxTestSupport.showMainWindow(stage,
                FxTestSupport.bundledContext(inference), 1200, 800);
        main = loaded.controller();
        root = loaded.root();
    }

    @AfterEach
    void stop() {
        inference.shutdown();
    }

    private DiagnoseViewModel vm() {
        return main.diagnose().viewModel();
    }

    private void openAndWait(Path file) throws Exception {
        onFx(() -> vm().open(file));
        waitForResult(file.getFileName().toString());
    }

    private void waitForResult(String name) throws Exception {
        waitUntil(() -> !vm().busyProperty().get() && vm().getDiagnosis() != null
                && vm().getDiagnosis().name().equals(name) && vm().getDiagnosis().hasPrediction());
        onFx(() -> { }); // let the view's listeners run
    }

    @Test
    void openingAnImageShowsProbabilitiesThatSumToOneComputedOffTheFxThread(FxRobot robot) throws Exception {
        openAndWait(PNEUMONIA);

        ProgressBar normal = robot.lookup("#prob-NORMAL").queryAs(ProgressBar.class);
        ProgressBar pneumonia = robot.lookup("#prob-PNEUMONIA").queryAs(ProgressBar.class);
        assertEquals(1.0, normal.getProgress() + pneumonia.getProgress(), 1e-5);
        HBox row = (HBox) pneumonia.getParent();
        assertTrue(((Label) row.getChildren().get(2)).getText().endsWith("%"));
        String verdict = robot.lookup("#verdictLabel").queryAs(Label.class).getText();
        assertTrue(List.of("NORMAL", "PNEUMONIA").contains(verdict), verdict);
        assertTrue(robot.lookup("#thresholdLabel").queryAs(Label.class).getText().contains("Threshold"));
        String info = robot.lookup("#imageInfo").queryAs(Label.class).getText();
        assertTrue(info.startsWith("person41_virus_88.jpeg"), info);
        assertNotNull(robot.lookup("#imageView").queryAs(ImageView.class).getImage());

        List<DiagnoseTask> tasks = submitted.stream().filter(DiagnoseTask.class::isInstance)
                .map(DiagnoseTask.class::cast).toList();
        assertFalse(tasks.isEmpty());
        Thread fxThread = onFx(Thread::currentThread);
        tasks.forEach(t -> {
            assertNotNull(t.ranOn());
            assertNotSame(fxThread, t.ranOn(), "inference ran on the FX thread");
        });
    }

    @Test
    void theOverlayTogglesAndFollowsTheOpacitySlider(FxRobot robot) throws Exception {
        openAndWait(NORMAL);
        ImageView overlay = robot.lookup("#overlayView").queryAs(ImageView.class);
        ImageView image = robot.lookup("#imageView").queryAs(ImageView.class);
        assertNotNull(overlay.getImage());
        assertTrue(overlay.isVisible());
        // Same box as the image in the same transformed group: aligned at every zoom and pan.
        assertEquals(image.getImage().getWidth(), overlay.getFitWidth());
        assertEquals(image.getImage().getHeight(), overlay.getFitHeight());
        assertSame(image.getParent(), overlay.getParent());

        robot.clickOn("#overlayToggle");
        assertFalse(overlay.isVisible());
        assertFalse(robot.lookup("#overlayToggle").queryAs(CheckBox.class).isSelected());
        robot.clickOn("#overlayToggle");
        assertTrue(overlay.isVisible());

        Slider opacity = robot.lookup("#opacitySlider").queryAs(Slider.class);
        onFx(() -> opacity.setValue(0.2));
        assertEquals(0.2, overlay.getOpacity(), 1e-9);
        robot.clickOn(opacity); // a click on the track moves the thumb there
        assertEquals(opacity.getValue(), overlay.getOpacity(), 1e-9);
        assertTrue(overlay.getOpacity() > 0.2, "clicking the slider's middle raised the opacity");
    }

    @Test
    void windowAndLevelHaveNumbersAndPresets(FxRobot robot) throws Exception {
        openAndWait(NORMAL);
        Slider window = robot.lookup("#windowSlider").queryAs(Slider.class);
        Slider level = robot.lookup("#levelSlider").queryAs(Slider.class);
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> windowField = robot.lookup("#windowField")
                .queryAs(javafx.scene.control.Spinner.class);
        @SuppressWarnings("unchecked")
        javafx.scene.control.Spinner<Integer> levelField = robot.lookup("#levelField")
                .queryAs(javafx.scene.control.Spinner.class);
        assertEquals(255, windowField.getValue());
        assertEquals(128, levelField.getValue());

        onFx(() -> main.diagnose().applyPreset(main.diagnose().presets().list().stream()
                .filter(p -> p.name().equals("Lung")).findFirst().orElseThrow()));
        assertEquals(160 / 255.0, window.getValue(), 1e-9);
        assertEquals(160, windowField.getValue());
        assertEquals(90, levelField.getValue());

        robot.doubleClickOn(windowField.getEditor()).write("200").type(javafx.scene.input.KeyCode.ENTER);
        assertEquals(200 / 255.0, window.getValue(), 1e-9, "typing a number sets the window");
        onFx(() -> level.setValue(0.25));
        assertEquals(64, levelField.getValue(), "the field follows the slider");
    }

    @Test
    void keyboardShortcutsDriveTheViewerAndTheTitleNamesTheFile(FxRobot robot) throws Exception {
        assertEquals("PneumoLens", main.titleProperty().getValue());
        openAndWait(NORMAL);
        assertEquals("PneumoLens - NORMAL2-IM-0045-0001.jpeg", main.titleProperty().getValue());
        ImageView overlay = robot.lookup("#overlayView").queryAs(ImageView.class);
        ImageView image = robot.lookup("#imageView").queryAs(ImageView.class);
        robot.clickOn("#viewer"); // focus on the image, as a user would

        robot.type(javafx.scene.input.KeyCode.O);
        assertFalse(overlay.isVisible(), "O hides the overlay");
        robot.type(javafx.scene.input.KeyCode.O);
        assertTrue(overlay.isVisible());

        String before = vm().overlayClassProperty().get();
        robot.type(javafx.scene.input.KeyCode.C);
        assertNotEquals(before, vm().overlayClassProperty().get(), "C shows the other class's evidence");
        robot.type(javafx.scene.input.KeyCode.C);
        assertEquals(before, vm().overlayClassProperty().get());

        robot.type(javafx.scene.input.KeyCode.I);
        assertTrue(robot.lookup("#invertToggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        double x = image.localToScene(image.getBoundsInLocal()).getMinX();
        robot.type(javafx.scene.input.KeyCode.LEFT);
        assertEquals(x + 40, image.localToScene(image.getBoundsInLocal()).getMinX(), 0.5, "LEFT pans by 40 px");
        robot.type(javafx.scene.input.KeyCode.R);
        assertFalse(robot.lookup("#invertToggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertEquals(x, image.localToScene(image.getBoundsInLocal()).getMinX(), 0.5, "R fits again");

        robot.type(javafx.scene.input.KeyCode.F1);
        waitUntil(() -> robot.lookup("#shortcutsText").tryQuery().isPresent());
        String help = robot.lookup("#shortcutsText").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(help.contains("Overlay on/off") && help.contains("Arrow keys"), help);
    }

    @Test
    void eachResultPushesTheOverlayOnceSizedToItsImage(FxRobot robot) throws Exception {
        openAndWait(NORMAL);
        ImageView overlay = robot.lookup("#overlayView").queryAs(ImageView.class);
        List<Image> pushed = new CopyOnWriteArrayList<>();
        onFx(() -> overlay.imageProperty().addListener((obs, old, img) -> pushed.add(img)));

        openAndWait(PNEUMONIA);

        assertEquals(1, pushed.size(), "one overlay per result, not one per listener");
        Image image = robot.lookup("#imageView").queryAs(ImageView.class).getImage();
        assertEquals(image.getWidth() / image.getHeight(), pushed.get(0).getWidth() / pushed.get(0).getHeight(), 0.01);
        assertEquals(image.getWidth(), overlay.getFitWidth());
    }

    @Test
    void theStatusBarSpeaksForTheWindowNotForTheLastDiagnosisOnTheTrainTab(FxRobot robot) throws Exception {
        openAndWait(NORMAL);
        Label status = robot.lookup("#statusLabel").queryAs(Label.class);
        assertTrue(status.getText().startsWith("NORMAL2-IM-0045-0001.jpeg: "), status.getText());

        onFx(() -> main.showTrain());

        assertEquals("Model ready: " + FxTestSupport.bundledModel().metadata().name(), status.getText());
        onFx(() -> main.showDiagnose());
        assertTrue(status.getText().startsWith("NORMAL2-IM-0045-0001.jpeg: "), status.getText());
    }

    @Test
    void aBadFileShowsAnErrorAndGreysOutThePreviousResultUnderItsOwnName(FxRobot robot) throws Exception {
        openAndWait(NORMAL);
        Image before = robot.lookup("#imageView").queryAs(ImageView.class).getImage();
        Path fake = Files.writeString(tmp.resolve("scan.png"), "definitely not a PNG");

        onFx(() -> vm().open(fake));
        waitUntil(() -> !vm().busyProperty().get() && !vm().errorProperty().get().isEmpty());
        onFx(() -> { });

        assertTrue(robot.lookup("#errorBanner").query().isVisible());
        assertTrue(robot.lookup("#errorLabel").queryAs(Label.class).getText().contains("scan.png"));
        assertSame(before, robot.lookup("#imageView").queryAs(ImageView.class).getImage());
        String info = robot.lookup("#imageInfo").queryAs(Label.class).getText();
        assertTrue(info.startsWith("NORMAL2-IM-0045-0001.jpeg"), info);
        // The earlier verdict must not read as the new file's: greyed out and labelled with its own file.
        Label stale = robot.lookup("#staleLabel").queryAs(Label.class);
        assertTrue(stale.isVisible());
        assertTrue(stale.getText().contains("NORMAL2-IM-0045-0001.jpeg") && stale.getText().contains("scan.png"),
                stale.getText());
        PseudoClass staleState = PseudoClass.getPseudoClass("stale");
        javafx.scene.Node resultBox = robot.lookup("#resultBox").query();
        assertTrue(resultBox.getPseudoClassStates().contains(staleState));
        assertTrue(onFx(() -> {
            resultBox.applyCss();
            return resultBox.getOpacity();
        }) < 1, "greyed out");

        robot.clickOn("#dismissErrorButton");
        assertFalse(robot.lookup("#errorBanner").query().isVisible());

        openAndWait(PNEUMONIA);
        assertFalse(stale.isVisible(), "a new result is current again");
        assertFalse(resultBox.getPseudoClassStates().contains(staleState));
    }

    @Test
    void droppingAnImageOnTheWindowOpensItAndHighlightsWhileDragging(FxRobot robot) throws Exception {
        Dragboard board = onFx(() -> DragboardFactory.withFiles(List.of(PNEUMONIA.toFile())));
        onFx(() -> Event.fireEvent(root, drag(DragEvent.DRAG_OVER, board)));
        assertTrue(root.getPseudoClassStates().contains(PseudoClass.getPseudoClass("drag-over")));

        onFx(() -> Event.fireEvent(root, drag(DragEvent.DRAG_DROPPED, board)));
        waitForResult(PNEUMONIA.getFileName().toString());

        assertFalse(root.getPseudoClassStates().contains(PseudoClass.getPseudoClass("drag-over")));
        assertEquals(1.0, robot.lookup("#prob-NORMAL").queryAs(ProgressBar.class).getProgress()
                + robot.lookup("#prob-PNEUMONIA").queryAs(ProgressBar.class).getProgress(), 1e-5);
        assertEquals(0, robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().getSelectedIndex());
    }

    @Test
    void droppingSeveralFilesSaysSoAndKeepsTheImage(FxRobot robot) throws Exception {
        openAndWait(NORMAL);
        Dragboard board = onFx(() -> DragboardFactory.withFiles(List.of(PNEUMONIA.toFile(), NORMAL.toFile())));

        onFx(() -> Event.fireEvent(root, drag(DragEvent.DRAG_DROPPED, board)));

        String error = robot.lookup("#errorLabel").queryAs(Label.class).getText();
        assertTrue(error.contains("2 files"), error);
        assertEquals("NORMAL2-IM-0045-0001.jpeg", vm().getDiagnosis().name());
    }

    @Test
    void everyNodeIdIsUniqueAcrossBothTabs(FxRobot robot) throws Exception {
        // The tabs are separate FXML files; a repeated fx:id makes "#id" lookups (tests, CSS) hit the wrong tab.
        // JavaFX's own skins name every list's "virtual-flow" and every TitledPane's "arrow"; those are not ours.
        onFx(() -> main.showTrain()); // the Train tab's nodes exist once it has been selected
        assertTrue(robot.lookup("#trainRoot").tryQuery().isPresent());
        java.util.Set<String> skinIds = java.util.Set.of("virtual-flow", "arrow");
        java.util.Map<String, Long> counts = robot.lookup(n -> n.getId() != null && !skinIds.contains(n.getId()))
                .queryAll().stream()
                .collect(java.util.stream.Collectors.groupingBy(javafx.scene.Node::getId,
                        java.util.stream.Collectors.counting()));
        counts.values().removeIf(c -> c == 1);
        assertEquals(java.util.Map.of(), counts);
    }

    @Test
    void theTrainTabIsBuiltWhenFirstSelected(FxRobot robot) throws Exception {
        assertFalse(robot.lookup("#trainRoot").tryQuery().isPresent(), "built before it was asked for");
        onFx(() -> main.showTrain());
        assertTrue(robot.lookup("#chooseFolderButton").tryQuery().isPresent());
        assertTrue(robot.lookup("#startButton").query().isVisible());
        onFx(() -> main.showDiagnose());
        onFx(() -> main.showTrain());
        assertEquals(1, robot.lookup("#trainRoot").queryAll().size());
    }

    @Test
    void theWindowHasBothTabsTheNoticeAndTheMenus(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals(List.of("Diagnose", "Train", "Worklist"), tabs.getTabs().stream().map(t -> t.getText()).toList());
        assertTrue(robot.lookup("#noticeLabel").queryAs(Label.class).getText()
                .contains("Research and education use only; not a medical device"));
        onFx(() -> main.showTrain());
        assertEquals(1, tabs.getSelectionModel().getSelectedIndex());
        onFx(() -> main.showDiagnose());
        assertEquals(0, tabs.getSelectionModel().getSelectedIndex());
        onFx(() -> tabs.getSelectionModel().select(2));
        assertEquals(1, robot.lookup("#worklistRoot").queryAll().size(), "the Worklist tab loads on first select");
    }

    @Test
    void anImageNamedOnTheCommandLineOpensWhileTheBundledModelLoads(FxRobot robot) throws Exception {
        onFx(() -> main.start(List.of("--some-jvm-flag", NORMAL.toString())));

        waitForResult(NORMAL.getFileName().toString());
        waitUntil(() -> !vm().models().loadingProperty().get() && !vm().busyProperty().get());
        assertTrue(vm().getDiagnosis().hasPrediction());
        assertEquals("", vm().errorProperty().get());
        String info = robot.lookup("#imageInfo").queryAs(Label.class).getText();
        assertTrue(info.startsWith("NORMAL2-IM-0045-0001.jpeg"), info);
    }

    @Test
    void helpHasAUserGuideAndTheModelCard(FxRobot robot) throws Exception {
        robot.clickOn("Help").clickOn("User guide");
        waitUntil(() -> robot.lookup("#userGuideText").tryQuery().isPresent());
        String guide = robot.lookup("#userGuideText").queryAs(javafx.scene.control.TextArea.class).getText();
        for (String part : List.of("OPENING IMAGES", "borderline", "not a lesion outline", "TRAINING",
                "Research and education use only")) {
            assertTrue(guide.contains(part), part);
        }
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        robot.clickOn("Help").clickOn("Model card...");
        waitUntil(() -> robot.lookup("#modelCard").tryQuery().isPresent());
    }

    @Test
    void theModelCardShowsTheLoadedModel(FxRobot robot) throws Exception {
        robot.clickOn("#modelCardLink");
        waitUntil(() -> robot.lookup("#modelCard").tryQuery().isPresent());

        String card = robot.lookup("#modelCard .label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).collect(java.util.stream.Collectors.joining("\n"));
        var m = FxTestSupport.bundledModel().metadata();
        assertTrue(card.contains("Model card") || card.contains(m.name()), card);
        assertTrue(card.contains("Operating point and borderline band"), card);
        assertTrue(card.contains("grey " + m.input().size() + "x" + m.input().size()), card);
        assertTrue(card.contains("precision") && card.contains("recall"), card);
        assertTrue(card.contains("Loaded from: "), card);
        assertTrue(!card.contains("/work/") && !card.contains("/tmp/"), "no developer paths: " + card);
        assertTrue(robot.lookup("#modelCardReliability").tryQuery().isPresent(), "the reliability diagram is shown");
        assertTrue(robot.lookup("#modelCardRoc").tryQuery().isPresent(), "the ROC is shown");
    }

    private DragEvent drag(javafx.event.EventType<DragEvent> type, Dragboard board) {
        return new DragEvent(root, root, type, board, 400, 300, 400, 300, TransferMode.COPY, null, root, null);
    }

    /**
     * A real {@link Dragboard} holding files, as a drag from a file manager offering COPY would carry. JavaFX makes
     * one only inside a native drag gesture, which Monocle's headless screen cannot start, so this goes through the
     * toolkit's own factory (JavaFX is on the class path: no module boundary) with its in-memory clipboard; only
     * the drag source's offered transfer modes, which that clipboard does not know, are answered here.
     */
    public static final class DragboardFactory {
        public static Dragboard withFiles(List<File> files) {
            com.sun.javafx.tk.TKClipboard local = com.sun.javafx.tk.Toolkit.getToolkit().createLocalClipboard();
            com.sun.javafx.tk.TKClipboard offeringCopy = (com.sun.javafx.tk.TKClipboard) java.lang.reflect.Proxy
                    .newProxyInstance(DragboardFactory.class.getClassLoader(),
                            new Class<?>[]{com.sun.javafx.tk.TKClipboard.class}, (proxy, method, args) ->
                                    "getTransferModes".equals(method.getName()) ? java.util.EnumSet.of(TransferMode.COPY)
                                            : method.invoke(local, args));
            Dragboard board = com.sun.javafx.scene.input.DragboardHelper.createDragboard(offeringCopy);
            com.sun.javafx.scene.input.DragboardHelper.setDataAccessRestriction(board, false);
            board.setContent(Map.of(DataFormat.FILES, files));
            return board;
        }
    }
}
