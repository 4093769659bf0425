package org.pneumolens.app;

import org.pneumolens.TestFiles;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.metrics.BinaryMetrics;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.TrainingResult;
import org.pneumolens.core.train.ValPrediction;
import org.testfx.api.FxRobot;

/** A finished training run without training, and starting one on the real main window's Train tab. */
public final class TrainFakes {
    private TrainFakes() {
    }

    /**
     * The bundled model as a run's result, with figures from made-up validation scores: each validation image of
     * the dataset gets a PNEUMONIA probability that is right for most and wrong for a few.
     */
    public static TrainingResult result(Dataset data) throws Exception {
        List<LabeledImage> val = data.val() == null ? List.of() : data.val().images();
        int pos = data.train().classes().indexOf("PNEUMONIA");
        boolean[] positive = new boolean[val.size()];
        double[] score = new double[val.size()];
        for (int i = 0; i < val.size(); i++) {
            positive[i] = val.get(i).label() == pos;
            double p = positive[i] ? 0.6 + 0.04 * (i % 10) : 0.1 + 0.03 * (i % 10);
            score[i] = i % 4 == 3 ? 1 - p : p; // every fourth one wrong
        }
        List<EpochResult> history = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            history.add(new EpochResult(e, 3, 0.7 - 0.1 * e, 0.6 + 0.1 * e, 0.8 - 0.1 * e, 0.6 + 0.08 * e,
                    0.7 + 0.05 * e, 1.0, 1e-3, e == 3));
        }
        List<ValPrediction> perImage = new ArrayList<>();
        for (int i = 0; i < val.size(); i++) {
            double[] probs = new double[2];
            probs[pos] = score[i];
            probs[1 - pos] = 1 - score[i];
            perImage.add(new ValPrediction(val.get(i).path(), val.get(i).label(), score[i] >= 0.5 ? pos : 1 - pos,
                    probs));
        }
        return new TrainingResult(TestData.bundledModel(), history, 3, BinaryMetrics.evaluate(positive, score, 0.5),
                false, false, perImage);
    }

    /** Copies the fixture dataset, drops it on the Train tab and presses Start once it is scanned. */
    static void startRun(FxRobot robot, MainController main, Path tmp) throws Exception {
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
}
