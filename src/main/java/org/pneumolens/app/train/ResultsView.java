package org.pneumolens.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.metrics.ClassFigures;
import org.pneumolens.core.metrics.Evaluation;
import org.pneumolens.core.model.ModelMetadata;
import org.pneumolens.core.train.TrainingResult;

/** Draws a finished run's validation figures: the confusion matrix, the ROC curve and the chosen threshold. */
final class ResultsView {
    private final GridPane confusion;
    private final LineChart<Number, Number> roc;
    private final Label threshold;
    /** Called with (actual, predicted) class indices when a matrix cell is clicked. */
    private final CellClick onCell;

    @FunctionalInterface
    interface CellClick {
        void clicked(int actual, int predicted);
    }

    private final GridPane classFigures;

    private final LineChart<Number, Number> reliability;

    ResultsView(GridPane confusion, GridPane classFigures, LineChart<Number, Number> roc,
                LineChart<Number, Number> reliability, Label threshold, CellClick onCell) {
        this.onCell = onCell;
        this.reliability = reliability;
        this.classFigures = classFigures;
        this.confusion = confusion;
        this.roc = roc;
        this.threshold = threshold;
        // Points are added in curve order; re-sorting by x would scramble the vertical steps of the ROC.
        roc.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
    }

    void show(TrainingResult r) {
        if (r == null) {
            confusion.getChildren().clear();
            classFigures.getChildren().clear();
            roc.getData().clear();
            reliability.getData().clear();
            threshold.setText("");
            return;
        }
        Evaluation e = r.valEvaluation();
        ModelMetadata m = r.model().metadata();
        String pos = m.positiveClass();
        String neg = m.classes().size() == 2 ? m.classes().get(1 - m.positiveIndex()) : "not " + pos;
        int posIndex = m.positiveIndex();
        showConfusion(e.confusion(), neg, pos, new int[]{1 - posIndex, posIndex});
        showClassFigures(ClassFigures.of(e.confusion(), neg, pos));
        showRoc(e);
        showReliability(r.model().calibration().reliability());
        // Short lines: the label sits in a column as wide as the matrix, and must not be cut at 1280x720.
        threshold.setText(String.format(Locale.ROOT, "Threshold: %s when P(%s) \u2265 %.3f%n"
                        + "Sensitivity %.3f \u00b7 specificity %.3f%nAccuracy %.3f (validation, n = %d)",
                pos, pos, e.threshold(), e.sensitivity(), e.specificity(), e.accuracy(), e.n()));
    }

    /**
     * @param c       {@code [[tn, fp], [fn, tp]]}: rows are the actual class, columns the predicted one
     * @param classOf the class index of row/column 0 (negative) and 1 (positive)
     */
    private void showConfusion(int[][] c, String neg, String pos, int[] classOf) {
        confusion.getChildren().clear();
        confusion.add(header("actual \u2193  predicted \u2192"), 0, 0);
        confusion.add(header(neg), 1, 0);
        confusion.add(header(pos), 2, 0);
        confusion.add(header(neg), 0, 1);
        confusion.add(header(pos), 0, 2);
        String[][] ids = {{"cmTn", "cmFp"}, {"cmFn", "cmTp"}};
        for (int row = 0; row < 2; row++) {
            int[] pct = Percentages.of(c[row]); // a row adds to 100 %, not 98 % + 3 %
            for (int col = 0; col < 2; col++) {
                Label cell = new Label(String.format(Locale.ROOT, "%,d%n%d%%", c[row][col], pct[col]));
                cell.setId(ids[row][col]);
                cell.getStyleClass().addAll("cm-cell", row == col ? "cm-correct" : "cm-wrong");
                cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
                cell.setMinHeight(Region.USE_PREF_SIZE); // two lines, never cut in half
                int actual = classOf[row];
                int predicted = classOf[col];
                cell.setOnMouseClicked(ev -> onCell.clicked(actual, predicted));
                cell.setTooltip(new javafx.scene.control.Tooltip("Show these validation images"));
                confusion.add(cell, col + 1, row + 1);
            }
        }
    }

    /** Precision and recall per class, beside the matrix they come from. */
    private void showClassFigures(List<ClassFigures> figures) {
        classFigures.getChildren().clear();
        classFigures.add(header("class"), 0, 0);
        classFigures.add(header("precision"), 1, 0);
        classFigures.add(header("recall"), 2, 0);
        classFigures.add(header("n"), 3, 0);
        for (int i = 0; i < figures.size(); i++) {
            ClassFigures f = figures.get(i);
            classFigures.add(new Label(f.className()), 0, i + 1);
            Label precision = new Label(figure(f.precision()));
            precision.setId("precision-" + f.className());
            classFigures.add(precision, 1, i + 1);
            Label recall = new Label(figure(f.recall()));
            recall.setId("recall-" + f.className());
            classFigures.add(recall, 2, i + 1);
            classFigures.add(new Label(String.format(Locale.ROOT, "%,d", f.n())), 3, i + 1);
        }
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("cm-header");
        l.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        return l;
    }

    /**
     * The reliability diagram of the calibrated validation probabilities: per bin, the mean probability shown
     * against the share that was positive; on the diagonal, the shown probabilities mean what they say.
     */
    private void showReliability(List<Calibration.ReliabilityBin> bins) {
        XYChart.Series<Number, Number> observed = new XYChart.Series<>();
        observed.setName("calibrated, per bin");
        for (Calibration.ReliabilityBin b : bins) {
            if (b.count() > 0) {
                observed.getData().add(new XYChart.Data<>(b.meanPredicted(), b.observed()));
            }
        }
        XYChart.Series<Number, Number> ideal = new XYChart.Series<>();
        ideal.setName("perfect");
        ideal.getData().add(new XYChart.Data<>(0, 0));
        ideal.getData().add(new XYChart.Data<>(1, 1));
        reliability.getData().setAll(List.of(observed, ideal));
    }

    private void showRoc(Evaluation e) {
        List<Evaluation.RocPoint> points = new ArrayList<>(e.roc());
        points.sort((a, b) -> a.falsePositiveRate() != b.falsePositiveRate()
                ? Double.compare(a.falsePositiveRate(), b.falsePositiveRate())
                : Double.compare(a.truePositiveRate(), b.truePositiveRate()));
        XYChart.Series<Number, Number> curve = new XYChart.Series<>();
        curve.setName("ROC");
        for (Evaluation.RocPoint p : points) {
            curve.getData().add(new XYChart.Data<>(p.falsePositiveRate(), p.truePositiveRate()));
        }
        XYChart.Series<Number, Number> chance = new XYChart.Series<>();
        chance.setName("chance");
        chance.getData().add(new XYChart.Data<>(0, 0));
        chance.getData().add(new XYChart.Data<>(1, 1));
        XYChart.Series<Number, Number> chosen = new XYChart.Series<>();
        chosen.setName("threshold");
        XYChart.Data<Number, Number> at = new XYChart.Data<>(1 - e.specificity(), e.sensitivity());
        StackPane marker = new StackPane();
        at.setNode(marker);
        chosen.getData().add(at);
        roc.getData().setAll(List.of(curve, chance, chosen));
        // Only now: adding a series resets its symbols' style classes.
        marker.getStyleClass().add("threshold-point");
        roc.setTitle(String.format(Locale.ROOT, "ROC on validation (AUC %.3f)", e.auc()));
    }
}
