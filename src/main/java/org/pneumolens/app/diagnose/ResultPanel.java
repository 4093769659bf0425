package org.pneumolens.app.diagnose;

import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Turns a state's probability rows into one labelled bar per class; looks come from diagnose.css. */
final class ResultPanel {
    static final PseudoClass PREDICTED = PseudoClass.getPseudoClass("predicted");
    static final PseudoClass POSITIVE = PseudoClass.getPseudoClass("positive");
    static final PseudoClass NEGATIVE = PseudoClass.getPseudoClass("negative");
    static final PseudoClass BORDERLINE = PseudoClass.getPseudoClass("borderline");

    private ResultPanel() {
    }

    static List<Node> rows(List<DiagnoseState.ProbabilityRow> rows) {
        return rows.stream().<Node>map(ResultPanel::row).toList();
    }

    /** Styles the verdict label for the state's verdict. */
    static void verdict(Label label, DiagnoseState.Verdict kind) {
        label.pseudoClassStateChanged(POSITIVE, kind == DiagnoseState.Verdict.POSITIVE);
        label.pseudoClassStateChanged(NEGATIVE, kind == DiagnoseState.Verdict.NEGATIVE);
        label.pseudoClassStateChanged(BORDERLINE, kind == DiagnoseState.Verdict.BORDERLINE);
    }

    private static HBox row(DiagnoseState.ProbabilityRow r) {
        Label name = new Label(r.className());
        name.getStyleClass().add("probability-name");
        ProgressBar bar = new ProgressBar(r.probability());
        bar.setId("prob-" + r.className());
        bar.getStyleClass().add("probability-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label pct = new Label(r.percent());
        pct.getStyleClass().add("probability-percent");
        HBox row = new HBox(8, name, bar, pct);
        row.getStyleClass().add("probability-row");
        row.pseudoClassStateChanged(PREDICTED, r.predicted());
        return row;
    }
}
