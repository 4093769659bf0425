package org.pneumolens.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.fixture;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.diagnose.DiagnoseViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File > Recent starts empty (a fresh home folder) and fills while the app runs; its submenu opens then. */
@ExtendWith(ApplicationExtension.class)
class RecentMenuTest {
    private static final Path NORMAL = fixture("val/NORMAL/NORMAL2-IM-0045-0001.jpeg");
    private static final Path PNEUMONIA = fixture("val/PNEUMONIA/person41_virus_88.jpeg");

    @TempDir
    static Path home;

    private UiTaskExecutor executor;
    private MainController main;

    @BeforeAll
    static void emptyRecentList() {
        System.setProperty("pneumolens.home", home.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        executor = new UiTaskExecutor("test-recent");
        main = FxTestSupport.showMainWindow(stage, FxTestSupport.bundledContext(executor), 1200, 800).controller();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void recentFillsWhileTheAppRunsAndItsSubmenuOpens(FxRobot robot) throws Exception {
        robot.clickOn("File").clickOn("Recent");
        assertTrue(visible(robot, "No recent images"), "an empty list says so");
        robot.push(KeyCode.ESCAPE).push(KeyCode.ESCAPE);

        open(NORMAL);
        open(PNEUMONIA);

        robot.clickOn("File").clickOn("Recent");
        assertTrue(visible(robot, "NORMAL2-IM-0045-0001.jpeg"), "the first image opened this session is listed");
        assertTrue(visible(robot, "person41_virus_88.jpeg"));
        assertFalse(visible(robot, "No recent images"));
        robot.clickOn(robot.lookup(n -> n instanceof Labeled l && l.getText() != null && l.isVisible()
                && l.getText().startsWith("NORMAL2-IM-0045-0001.jpeg")).<Node>query());
        waitUntil(() -> main.diagnose().viewModel().getDiagnosis().name().equals("NORMAL2-IM-0045-0001.jpeg")
                && !main.diagnose().viewModel().busyProperty().get());
    }

    private void open(Path file) throws Exception {
        DiagnoseViewModel vm = main.diagnose().viewModel();
        onFx(() -> vm.open(file));
        waitUntil(() -> !vm.busyProperty().get() && vm.getDiagnosis() != null
                && vm.getDiagnosis().name().equals(file.getFileName().toString()));
        onFx(() -> { });
    }

    /** A label on screen (the menus' items are labels in popup windows) that starts with {@code text}. */
    private static boolean visible(FxRobot robot, String text) {
        return robot.lookup(n -> n instanceof Labeled l && l.getText() != null && l.getText().startsWith(text)
                && n.isVisible() && n.getScene() != null && n.getScene().getWindow().isShowing()).tryQuery()
                .isPresent();
    }
}
