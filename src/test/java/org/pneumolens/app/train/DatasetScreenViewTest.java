package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.diagnose.NotXrays;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Train tab's input-check lines: a folder with pictures that are not radiographs is reported, per class. */
@ExtendWith(ApplicationExtension.class)
class DatasetScreenViewTest {
    private final TrainViewFixture fx = new TrainViewFixture();

    @Start
    void start(Stage stage) throws Exception {
        stage.setScene(new Scene(fx.load(), 1200, 760));
        stage.show();
    }

    @AfterEach
    void stop() {
        fx.shutdown();
    }

    @Test
    void refusedImagesAreCountedAndCanBeLeftOut(FxRobot robot, @TempDir Path tmp) throws Exception {
        Path data = TrainViewFixture.copyFixtures(tmp);
        NotXrays.colourGradient(Files.createDirectories(data.resolve("train/NORMAL")));
        TrainViewModel vm = fx.controller.viewModel();
        assertFalse(robot.lookup("#inputCheckSection").query().isVisible(), "nothing before a folder is chosen");

        onFx(() -> vm.dataset().choose(data));
        waitUntil(() -> vm.dataset().getDataset() != null);
        onFx(() -> vm.screen().screen(vm.dataset().getDataset()));
        waitUntil(() -> !vm.screen().checkingProperty().get());
        onFx(() -> { });

        String text = robot.lookup("#inputCheckLabel").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Input check (bundled model) refuses "), text);
        assertTrue(text.contains("NORMAL") && text.contains("gradient.png"), text);
        assertTrue(robot.lookup("#inputCheckSection").query().isVisible());
        CheckBox leaveOut = robot.lookup("#leaveOutCheck").queryAs(CheckBox.class);
        assertTrue(leaveOut.isVisible());
        robot.clickOn(leaveOut);
        assertTrue(vm.screen().leaveOutProperty().get());
    }
}
