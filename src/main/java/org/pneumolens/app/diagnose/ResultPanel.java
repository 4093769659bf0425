package org.pneumolens.app.diagnose;

import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.pneumolens.core.model.Prediction;

/** Fills the result section: the label against the threshold, and one labelled bar per class. */
final class ResultPanel {
    private ResultPanel() {
    }

    static void show(Diagnosis d, Label verdict, Label reason, Label threshold, VBox bars) {
        bars.getChildren().clear();
        verdict.getStyleClass().removeAll("positive", "negative");
        if (d == null || !d.hasPrediction()) {
            verdict.setText(d == null ? "\u2014" : "Analysing\u2026");
            reason.setText("");
            threshold.setText("");
            return;
        }
        Prediction p = d.prediction();
        verdict.setText(p.label());
        verdict.getStyleClass().add(p.label().equals(p.positiveClass()) ? "positive" : "negative");
        reason.setText(ResultText.verdictReason(p));
        threshold.setText(ResultText.threshold(p));
        for (int c = 0; c < p.classes().size(); c++) {
            bars.getChildren().add(row(p.classes().get(c), p.probabilities()[c], c == p.labelIndex()));
        }
    }

    private static HBox row(String cls, double probability, boolean predicted) {
        Label name = new Label(cls);
        name.setMinWidth(96);
        ProgressBar bar = new ProgressBar(probability);
        bar.setId("prob-" + cls);
        bar.getStyleClass().add("probability-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label pct = new Label(ResultText.percent(probability));
        pct.setMinWidth(56);
        pct.setStyle("-fx-alignment: center-right;");
        HBox row = new HBox(8, name, bar, pct);
        row.getStyleClass().add("probability-row");
        if (predicted) {
            row.getStyleClass().add("predicted");
        }
        row.setStyle("-fx-alignment: center-left;");
        return row;
    }
}
