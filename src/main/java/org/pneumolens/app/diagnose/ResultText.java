package org.pneumolens.app.diagnose;

import java.util.Locale;
import org.pneumolens.core.calibration.ProbabilityDisplay;
import org.pneumolens.core.model.ModelMetadata;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;

/** The words and numbers the Diagnose tab and the exported report show; one place so both say the same. */
public final class ResultText {
    private ResultText() {
    }

    /** Never "100.0 %" or "0.0 %" (see {@link ProbabilityDisplay}). */
    public static String percent(double p) {
        return ProbabilityDisplay.percent(p);
    }

    /** As {@link #percent(double)} with the decimals a comparison needed, so the rows agree with it. */
    public static String percent(double p, int decimals) {
        return ProbabilityDisplay.percent(p, decimals);
    }

    /** E.g. "PNEUMONIA when P(PNEUMONIA) ≥ 65.9 % (operating point); borderline from 56.9 % to 67.9 %". */
    public static String threshold(Prediction p) {
        String op = String.format(Locale.ROOT, "Threshold: %s when P(%s) \u2265 %s (operating point)", p.positiveClass(),
                p.positiveClass(), ProbabilityDisplay.percent(p.threshold(), decimalsOf(p)));
        return p.band() == null ? op : op + "; borderline: review from " + ProbabilityDisplay.percent(p.band().low())
                + " to " + ProbabilityDisplay.percent(p.band().high());
    }

    /** E.g. "P(PNEUMONIA) 87.0 % \u2265 operating point 65.9 %", never contradicting its own rounding. */
    public static String verdictReason(Prediction p) {
        String text = "P(" + p.positiveClass() + ") " + ProbabilityDisplay.compare(p.positiveProbability(),
                p.threshold()).text();
        return p.borderline() ? "Near the operating point: review. " + text + "; the threshold alone says "
                + p.label() : text;
    }

    /** The decimals the comparison of this prediction with its threshold needs. */
    public static int decimalsOf(Prediction p) {
        return ProbabilityDisplay.compare(p.positiveProbability(), p.threshold()).decimals();
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
