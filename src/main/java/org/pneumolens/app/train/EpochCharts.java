package org.pneumolens.app.train;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.pneumolens.core.train.EpochResult;

/**
 * Keeps the accuracy and loss charts in step with a run's epoch history: one point per epoch and series, a
 * tooltip with the epoch's figures on each point, and the kept (best-AUC) epoch drawn as a larger ringed point.
 */
final class EpochCharts {
    static final String TRAIN = "train";
    static final String VAL = "val";

    private final LineChart<Number, Number> accuracy;
    private final LineChart<Number, Number> loss;
    private final XYChart.Series<Number, Number> trainAcc = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> valAcc = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> trainLoss = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> valLoss = new XYChart.Series<>();
    /** The loss axis before any epoch: a two-class guess is ln 2 = 0.69 nats. */
    static final double EMPTY_LOSS_TOP = 1.0;

    private int bestEpoch;
    private int epochs = 2;
    private double maxLoss;

    EpochCharts(LineChart<Number, Number> accuracy, LineChart<Number, Number> loss) {
        this.accuracy = accuracy;
        this.loss = loss;
        trainAcc.setName(TRAIN);
        valAcc.setName(VAL);
        trainLoss.setName(TRAIN);
        valLoss.setName(VAL);
        accuracy.getData().setAll(List.of(trainAcc, valAcc));
        loss.getData().setAll(List.of(trainLoss, valLoss));
        configureEpochAxis((NumberAxis) accuracy.getXAxis());
        configureEpochAxis((NumberAxis) loss.getXAxis());
        fixed((NumberAxis) accuracy.getYAxis(), 1, 0.2);
        fixed((NumberAxis) loss.getYAxis(), EMPTY_LOSS_TOP, 0.2);
        titles();
    }

    void bind(ObservableList<EpochResult> history) {
        history.addListener((ListChangeListener<EpochResult>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    clear();
                }
                c.getAddedSubList().forEach(this::add);
            }
        });
        history.forEach(this::add);
    }

    /** Shows an empty 1..epochs axis, so the user sees from the start how long the run may be. */
    void expect(int totalEpochs) {
        setEpochRange(totalEpochs);
    }

    private void clear() {
        List.of(trainAcc, valAcc, trainLoss, valLoss).forEach(s -> s.getData().clear());
        bestEpoch = 0;
        maxLoss = 0;
        fixed((NumberAxis) loss.getYAxis(), EMPTY_LOSS_TOP, 0.2);
        titles();
    }

    private void add(EpochResult r) {
        setEpochRange(r.totalEpochs());
        point(trainAcc, r, EpochResult::trainAccuracy);
        point(valAcc, r, EpochResult::valAccuracy);
        point(trainLoss, r, EpochResult::trainLoss);
        point(valLoss, r, EpochResult::valLoss);
        maxLoss = Math.max(maxLoss, Math.max(r.trainLoss(), r.valLoss()));
        double top = lossTop(maxLoss);
        fixed((NumberAxis) loss.getYAxis(), top, top <= 1 ? 0.2 : top <= 2.5 ? 0.5 : Math.ceil(top / 5));
        if (r.best()) {
            bestEpoch = r.epoch();
            markBest();
        }
        titles();
    }

    private void point(XYChart.Series<Number, Number> series, EpochResult r, ToDoubleFunction<EpochResult> value) {
        XYChart.Data<Number, Number> d = new XYChart.Data<>(r.epoch(), value.applyAsDouble(r));
        // Our own symbol node, so it can carry a tooltip and the best-epoch style from the start.
        StackPane symbol = new StackPane();
        Tooltip tip = new Tooltip(tooltip(r));
        tip.setShowDelay(Duration.millis(100));
        Tooltip.install(symbol, tip);
        d.setNode(symbol);
        series.getData().add(d);
    }

    static String tooltip(EpochResult r) {
        return String.format(Locale.ROOT, "Epoch %d of %d%s%ntrain: accuracy %.3f, loss %.3f%n"
                        + "val: accuracy %.3f, loss %.3f, AUC %.3f%n%.1f s, learning rate %.2e", r.epoch(),
                r.totalEpochs(), r.best() ? " (new best val AUC)" : "", r.trainAccuracy(), r.trainLoss(),
                r.valAccuracy(), r.valLoss(), r.valAuc(), r.seconds(), r.learningRate());
    }

    private void markBest() {
        for (XYChart.Series<Number, Number> s : List.of(valAcc, valLoss)) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                boolean best = d.getXValue().intValue() == bestEpoch;
                d.getNode().getStyleClass().remove("best-epoch");
                if (best) {
                    d.getNode().getStyleClass().add("best-epoch");
                }
            }
        }
    }

    private void titles() {
        String best = bestEpoch > 0 ? " (ringed: kept epoch " + bestEpoch + ")" : "";
        accuracy.setTitle("Accuracy" + best);
        loss.setTitle("Loss" + best);
    }

    /**
     * The axis runs one tick unit past both ends (0 .. epochs + unit, labels only on real epochs), so the first
     * and last points are drawn whole instead of cut in half by the plot's edge.
     */
    private void setEpochRange(int epochs) {
        this.epochs = epochs;
        int unit = epochs <= 20 ? 1 : epochs <= 50 ? 5 : 10;
        for (LineChart<Number, Number> c : List.of(accuracy, loss)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            x.setTickUnit(unit);
            x.setUpperBound(Math.ceil((epochs + 1.0) / unit) * unit);
        }
    }

    /** The loss axis's top: from 0 up to the next half unit above the largest loss so far (at least 1). */
    static double lossTop(double maxLoss) {
        if (!(maxLoss > 0) || Double.isInfinite(maxLoss)) {
            return EMPTY_LOSS_TOP;
        }
        return Math.max(EMPTY_LOSS_TOP, Math.ceil(maxLoss * 1.05 * 2) / 2);
    }

    /** A y axis from 0 to {@code top}, the same before and after the first run. */
    private static void fixed(NumberAxis y, double top, double tick) {
        y.setAutoRanging(false);
        y.setForceZeroInRange(true);
        y.setLowerBound(0);
        y.setUpperBound(top);
        y.setTickUnit(tick);
    }

    private void configureEpochAxis(NumberAxis x) {
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.setUpperBound(3);
        x.setTickUnit(1);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                int e = n.intValue();
                return e >= 1 && e <= epochs ? Integer.toString(e) : "";
            }

            @Override
            public Number fromString(String s) {
                return Integer.parseInt(s);
            }
        });
    }
}
