package org.pneumolens.app.diagnose;

import java.util.Locale;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.pneumolens.core.Notices;
import org.pneumolens.core.model.ModelMetadata;
import org.pneumolens.core.model.PneumoModel;

/** Model > Model card...: what the loaded model is, how it was trained and how well it did on validation. */
public final class ModelCardDialog {
    private ModelCardDialog() {
    }

    public static void show(Window owner, PneumoModel model, String source) {
        TextArea text = new TextArea(card(model.metadata(), source));
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(560, 380);
        text.setId("modelCardText");
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.setTitle("Model card");
        alert.setHeaderText(model.metadata().name());
        alert.getDialogPane().setContent(text);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.show();
    }

    static String card(ModelMetadata m, String source) {
        StringBuilder s = new StringBuilder();
        line(s, "Name", m.name());
        line(s, "Loaded from", source);
        line(s, "Architecture", m.architecture());
        line(s, "Classes", String.join(", ", m.classes()) + " (positive: " + m.positiveClass() + ")");
        line(s, "Decision threshold", String.format(Locale.ROOT, "%.3f on P(%s)", m.threshold(), m.positiveClass()));
        ModelMetadata.Input in = m.input();
        if (in != null) {
            line(s, "Input", in.size() + "x" + in.size() + " grey, squashed from the whole image");
        }
        s.append('\n').append(ResultText.valFigures(m)).append('\n');
        ModelMetadata.Metrics v = m.valMetrics();
        if (v != null && v.n() > 0) {
            line(s, "Accuracy", String.format(Locale.ROOT, "%.3f", v.accuracy()));
            line(s, "Calibration error (ECE)", String.format(Locale.ROOT, "%.3f", v.ece()));
            if (v.confusion() != null && v.confusion().length == 2) {
                line(s, "Confusion [[TN, FP], [FN, TP]]", String.format(Locale.ROOT, "[[%d, %d], [%d, %d]]",
                        v.confusion()[0][0], v.confusion()[0][1], v.confusion()[1][0], v.confusion()[1][1]));
            }
        }
        ModelMetadata.TrainingSummary t = m.training();
        if (t != null) {
            s.append('\n');
            line(s, "Training data", t.trainData() + " " + t.trainCounts());
            line(s, "Validation data", t.valSource() + " " + t.valCounts());
            line(s, "Epochs", t.epochsRun() + " (best " + t.bestEpoch() + "), batch " + t.batchSize()
                    + ", learning rate " + t.learningRate());
            line(s, "Augmentation / class weights", t.augmentation() + " / " + t.classWeights());
            line(s, "Seed", Long.toString(t.seed()));
        }
        line(s, "Created", m.createdAt() + " by PneumoLens " + m.appVersion());
        s.append("\n").append(Notices.RESEARCH_USE).append(" The bundled model "
                + "was trained on pediatric (age 1-5) anterior-posterior radiographs from one hospital and has not "
                + "been validated on other populations.");
        return s.toString();
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(key).append(": ").append(value).append('\n');
    }
}
