package org.pneumolens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.common.ViewLoader;
import org.pneumolens.app.model.ModelService;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The main window at 1280x720 with a finished (fake) run on the Train tab: no label, chart title, axis title or
 * confusion-matrix cell is cut (ellipsis, or less height than its text needs).
 */
@ExtendWith(ApplicationExtension.class)
class SmallScreenTest {
    @TempDir
    static Path home;
    @TempDir
    Path tmp;

    private UiTaskExecutor executor;
    private MainController main;
    private AppContext context;
    private Parent root;

    @BeforeAll
    static void isolateRecentFiles() {
        System.setProperty("pneumolens.home", home.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        executor = new UiTaskExecutor("test-small");
        context = new AppContext(new ModelService(executor), executor, executor, AppContext.Navigation.NONE,
                (config, data, progress, stop) -> TrainFakes.result(data));
        ViewLoader.Loaded<MainController> loaded = FxTestSupport.showMainWindow(stage, context, 1280, 720);
        main = loaded.controller();
        root = loaded.root();
    }

    @AfterEach
    void stop() {
        executor.shutdown();
    }

    @Test
    void theTrainTabsResultsAreNotClippedAt1280x720AndItsAxesHaveFixedUnits(FxRobot robot) throws Exception {
        onFx(() -> main.showTrain());
        assertAxis(robot, "#accuracyChart", 0, 1);
        assertAxis(robot, "#lossChart", 0, 1);

        TrainFakes.startRun(robot, main, tmp);
        waitUntil(() -> context.activity().unsavedProperty().get());
        onFx(() -> {
            root.applyCss();
            root.layout();
        });
        waitUntil(() -> robot.lookup("#cmTp").tryQuery().isPresent());
        onFx(() -> { });

        List<String> clipped = onFx(() -> clipped(robot.lookup("#trainRoot").query()));
        assertEquals(List.of(), clipped);
        assertTrue(robot.lookup("#cmTp").query().isVisible());
        assertAxis(robot, "#accuracyChart", 0, 1);
        NumberAxis loss = (NumberAxis) robot.lookup("#lossChart").queryAs(LineChart.class).getYAxis();
        assertEquals(0, loss.getLowerBound());
        assertTrue(loss.getUpperBound() >= 0.7, "the largest fake loss, 0.7, is on the chart");
        assertTrue(loss.getLabel().contains("nats"), loss.getLabel());
        for (String id : List.of("#cmTn", "#cmFp", "#cmFn", "#cmTp")) {
            assertTrue(robot.lookup(id).queryAs(Labeled.class).getText().matches("(?s)\\d+\n\\d+%"), id);
        }
        int row = 0;
        for (String id : List.of("#cmTn", "#cmFp")) {
            row += Integer.parseInt(robot.lookup(id).queryAs(Labeled.class).getText().split("\n")[1]
                    .replace("%", ""));
        }
        assertEquals(100, row, "a row adds to 100 %");
    }

    private static void assertAxis(FxRobot robot, String chart, double lower, double upper) {
        NumberAxis y = (NumberAxis) robot.lookup(chart).queryAs(LineChart.class).getYAxis();
        assertEquals(lower, y.getLowerBound(), chart);
        assertEquals(upper, y.getUpperBound(), chart);
        assertTrue(!y.isAutoRanging(), chart + ": fixed units");
    }

    /** Every visible Labeled under {@code node} whose text is cut: shown with an ellipsis, or too short. */
    static List<String> clipped(Node node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(Node node, List<String> out) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text t && !t.getText().equals(l.getText())
                        && t.getText().endsWith(l.getEllipsisString())) {
                    out.add("ellipsis: " + l.getText());
                }
            }
            double needed = l.prefHeight(l.getWidth());
            if (l.getHeight() + 0.5 < needed && l.getRotate() == 0) {
                out.add(String.format(java.util.Locale.ROOT, "height %.0f < %.0f: %s", l.getHeight(), needed,
                        l.getText()));
            }
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }
}
