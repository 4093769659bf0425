package org.pneumolens.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.diagnose.SampleImages;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * File > Open sample is filled off the FX thread (start-up, issue 17): the samples arrive after the window is shown,
 * replace the placeholder, and the submenu then opens on them and opens one.
 */
@ExtendWith(ApplicationExtension.class)
class SampleMenuTest {
    private UiTaskExecutor executor;
    private MainController main;
    private Menu sampleMenu;

    @Start
    void start(Stage stage) throws Exception {
        executor = new UiTaskExecutor("test-samples");
        main = FxTestSupport.showMainWindow(stage, FxTestSupport.bundledContext(executor), 1200, 800).controller();
        MenuBar bar = (MenuBar) stage.getScene().lookup("#menuBar");
        Menu file = bar.getMenus().get(0);
        sampleMenu = (Menu) file.getItems().stream().filter(i -> "sampleMenu".equals(i.getId())).findFirst()
                .orElseThrow();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void samplesArriveInTheMenuAndOneOpens(FxRobot robot) throws Exception {
        List<SampleImages.Sample> samples = SampleImages.list();
        assertFalse(samples.isEmpty(), "the build has samples");
        String first = samples.get(0).displayName();
        waitUntil(() -> sampleMenu.getItems().stream().anyMatch(i -> first.equals(i.getText())));
        assertTrue(sampleMenu.getItems().stream().noneMatch(i -> i.getText().startsWith("Looking")),
                "the placeholder is gone");

        robot.clickOn("File").clickOn("Open sample");
        robot.clickOn(robot.lookup(n -> n instanceof Labeled l && first.equals(l.getText()) && n.isVisible()
                && n.getScene() != null && n.getScene().getWindow().isShowing()).<Node>query());
        waitUntil(() -> main.diagnose().viewModel().getDiagnosis() != null
                && !main.diagnose().viewModel().busyProperty().get());
    }
}
