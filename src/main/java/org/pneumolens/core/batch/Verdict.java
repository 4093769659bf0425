package org.pneumolens.core.batch;

import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.model.Prediction;

/** What one analysed file comes to, for sorting, filtering and counting a worklist. */
public enum Verdict {
    PNEUMONIA("Pneumonia"),
    NORMAL("Normal"),
    /** A probability too close to the threshold to call either way (set by calibration where the model has it). */
    BORDERLINE("Borderline"),
    /** The input check refused the image: no label is given. */
    NOT_JUDGED("Not judged"),
    /** The file could not be read or analysed. */
    FAILED("Failed");

    private final String display;

    Verdict(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /** The verdict of a prediction the check passed or refused; borderline where the model's band says so. */
    public static Verdict of(Prediction p, CheckResult check) {
        return of(p, check, p.borderline());
    }

    /**
     * @param borderline whether the model's calibration calls this probability borderline (the prediction's own
     *                   flag where the model carries one)
     */
    public static Verdict of(Prediction p, CheckResult check, boolean borderline) {
        if (!check.ok()) {
            return NOT_JUDGED;
        }
        if (borderline) {
            return BORDERLINE;
        }
        return p.label().equals(p.positiveClass()) ? PNEUMONIA : NORMAL;
    }
}
