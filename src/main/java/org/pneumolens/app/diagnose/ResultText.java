package org.pneumolens.app.diagnose;

import java.util.Locale;
import org.pneumolens.core.model.ModelMetadata;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;

/** The words and numbers the Diagnose tab and the exported report show; one place so both say the same. */
public final class ResultText {
    private ResultText() {
    }

    public static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f %%", p * 100);
    }

    /** E.g. "PNEUMONIA when P(PNEUMONIA) ≥ 0.42". */
    public static String threshold(Prediction p) {
        return String.format(Locale.ROOT, "Threshold: %s when P(%s) \u2265 %.2f", p.positiveClass(), p.positiveClass(),
                p.threshold());
    }

    /** E.g. "P(PNEUMONIA) 0.87 \u2265 threshold 0.42". */
    public static String verdictReason(Prediction p) {
        double pos = p.probability(p.positiveClass());
        boolean over = pos >= p.threshold();
        return String.format(Locale.ROOT, "P(%s) = %.2f %s threshold %.2f", p.positiveClass(), pos,
                over ? "\u2265" : "<", p.threshold());
    }

    /** The model's validation figures in one line, or a note that it has none. */
    public static String valFigures(ModelMetadata m) {
        ModelMetadata.Metrics v = m.valMetrics();
        if (v == null || v.n() == 0) {
            return "No validation figures recorded";
        }
        return String.format(Locale.ROOT, "Validation (n=%d): AUC %.3f, sensitivity %.1f %%, specificity %.1f %%",
                v.n(), v.auc(), v.sensitivity() * 100, v.specificity() * 100);
    }

    /** The model's input check in one line: its threshold, or that it has none (only the image rules apply). */
    public static String inputCheck(PneumoModel model) {
        return model.inputCheck().map(c -> String.format(Locale.ROOT,
                        "Input check: fitted (%s, limit %.1f); images unlike its training images get no verdict",
                        c.method(), c.threshold()))
                .orElse("No input check: this model file has none, so only the basic image rules (colour, size, "
                        + "contrast) screen what it is shown");
    }

    public static String pixelSize(Diagnosis d) {
        return d.image().width() + " \u00d7 " + d.image().height() + " px";
    }
}
