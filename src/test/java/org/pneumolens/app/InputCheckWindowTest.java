package org.pneumolens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.fixture;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.diagnose.DiagnoseViewModel;
import org.pneumolens.app.diagnose.NotXrays;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real main window: a picture that is not a radiograph gets the amber panel and no verdict. */
@ExtendWith(ApplicationExtension.class)
class InputCheckWindowTest {
    private static final Path NORMAL = fixture("val/NORMAL/NORMAL2-IM-0045-0001.jpeg");

    @TempDir
    static Path home;
    @TempDir
    Path tmp;

    private UiTaskExecutor inference;
    private MainController main;
    private Stage stage;

    @BeforeAll
    static void isolateRecentFiles() {
        System.setProperty("pneumolens.home", home.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        inference = new UiTaskExecutor("test-inference");
        main = FxTestSupport.showMainWindow(stage, FxTestSupport.bundledContext(inference), 1200, 800).controller();
        stage.titleProperty().bind(main.titleProperty());
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
        String name = file.getFileName().toString();
        waitUntil(() -> !vm().busyProperty().get() && vm().getDiagnosis() != null
                && vm().getDiagnosis().name().equals(name) && vm().getDiagnosis().hasPrediction());
        onFx(() -> { });
    }

    private static boolean shown(Node n) {
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aNonRadiographShowsTheAmberPanelAndNoVerdict(FxRobot robot) throws Exception {
        openAndWait(NotXrays.colourGradient(tmp));

        Node panel = robot.lookup("#refusalBox").query();
        assertTrue(shown(panel), "the amber panel is on screen");
        assertTrue(panel.getStyleClass().contains("refusal-panel"));
        assertEquals("This does not look like a chest radiograph",
                robot.lookup("#refusalTitle").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#refusalReasons").queryAs(Label.class).getText().contains("colour"));
        assertFalse(shown(robot.lookup("#verdictLabel").query()), "no verdict");
        assertTrue(robot.lookup("#prob-PNEUMONIA").tryQuery().isEmpty(), "no probability bars");
        assertEquals(null, robot.lookup("#overlayView").queryAs(javafx.scene.image.ImageView.class).getImage(),
                "no overlay");
        assertTrue(robot.lookup("#statusLabel").queryAs(Label.class).getText().contains("not judged"));
        assertTrue(stage.getTitle().endsWith("(not judged)"), stage.getTitle());

        robot.clickOn("#showAnywayToggle");
        waitUntil(() -> robot.lookup("#verdictLabel").query().isVisible());

        assertTrue(shown(robot.lookup("#refusalWarning").query()), "the warning stays with the output");
        assertTrue(robot.lookup("#showAnywayToggle").queryAs(CheckBox.class).isSelected());
        assertTrue(stage.getTitle().contains("output shown anyway"), stage.getTitle());

        openAndWait(NORMAL);

        assertFalse(shown(robot.lookup("#refusalBox").query()), "a radiograph: no amber panel");
        assertTrue(shown(robot.lookup("#verdictLabel").query()));
    }
}
