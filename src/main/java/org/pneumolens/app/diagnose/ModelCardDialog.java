package org.pneumolens.app.diagnose;

import java.util.Locale;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.pneumolens.core.Notices;
import org.pneumolens.core.metrics.ClassFigures;
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
                if (m.classes().size() == 2 && m.positiveIndex() >= 0) {
                    String neg = m.classes().get(1 - m.positiveIndex());
                    for (ClassFigures f : ClassFigures.of(v.confusion(), neg, m.positiveClass())) {
                        line(s, f.className(), String.format(Locale.ROOT, "precision %s, recall %s (n = %d)",
                                figure(f.precision()), figure(f.recall()), f.n()));
                    }
                }
            }
        }
        ModelMetadata.TrainingSummary t = m.training();
        if (t != null) {
            s.append('\n');
            line(s, "Training data", t.trainData() + " " + t.trainCounts());
            line(s, "Validation data", t.valSource() + " " + t.valCounts());
            line(s, "Training settings", String.format(Locale.ROOT, "input %s px, batch %d, learning rate %s, "
                            + "augmentation %s, class weights %s, seed %d", in == null ? "?" : in.size(),
                    t.batchSize(), t.learningRate(), onOff(t.augmentation()), onOff(t.classWeights()), t.seed()));
            line(s, "Epochs", t.epochsRun() + " run, epoch " + t.bestEpoch() + " kept (best validation AUC)");
            line(s, "Training time", String.format(Locale.ROOT, "%.0f s", t.seconds()));
        }
        line(s, "Created", m.createdAt() + " by PneumoLens " + m.appVersion());
        s.append("\n").append(Notices.RESEARCH_USE).append(" The bundled model "
                + "was trained on pediatric (age 1-5) anterior-posterior radiographs from one hospital and has not "
                + "been validated on other populations.");
        return s.toString();
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static String figure(double v) {
        return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(key).append(": ").append(value).append('\n');
    }
}
