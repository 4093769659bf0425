package org.pneumolens.app.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.pneumolens.core.model.Prediction;

/**
 * Everything the Diagnose tab shows about one result, computed once off the view (after JabRef's row view-models):
 * the image, the overlay for the chosen class, the verdict and its explanation, one row per class. The view-model
 * publishes a new state per result (or per change of overlay class); the controller and the report exporter only
 * read it.
 *
 * @param diagnosis    what was analysed; null before the first image
 * @param overlayClass the class whose evidence {@link #overlay} shows; null without a prediction
 * @param overlay      the coloured map for {@code overlayClass}, computed on the inference thread; null without one
 * @param verdict      the label, "Analysing…" while the model has not answered, or a dash before any image
 * @param imageInfo    name and pixel size, empty before the first image
 * @param staleNote    empty while this is the result of the last file the user opened; after a later file failed
 *                     to open, says that the result on screen belongs to the earlier one (the view greys it out)
 */
public record DiagnoseState(Diagnosis diagnosis, String overlayClass, Overlay overlay, String verdict,
                            Verdict kind, String reason, String threshold, List<ProbabilityRow> rows,
                            String imageInfo, String staleNote) {
    /** Which style the verdict takes. */
    public enum Verdict { NONE, PENDING, POSITIVE, NEGATIVE }

    /** One class's line in the result panel. */
    public record ProbabilityRow(String className, double probability, String percent, boolean predicted) {
    }

    /** Before any image. */
    public static final DiagnoseState EMPTY = new DiagnoseState(null, null, null, "\u2014", Verdict.NONE, "", "",
            List.of(), "", "");

    public DiagnoseState {
        rows = List.copyOf(rows);
    }

    /** The state for a result, its overlay showing {@code overlayClass} (the predicted class when null). */
    public static DiagnoseState of(Diagnosis d, String overlayClass) {
        String info = d.name() + "  \u2022  " + ResultText.pixelSize(d);
        if (!d.hasPrediction()) {
            return new DiagnoseState(d, null, null, "Analysing\u2026", Verdict.PENDING, "", "", List.of(), info, "");
        }
        Prediction p = d.prediction();
        String cls = overlayClass != null && p.classes().contains(overlayClass) ? overlayClass : p.label();
        List<ProbabilityRow> rows = new ArrayList<>();
        for (int c = 0; c < p.classes().size(); c++) {
            rows.add(new ProbabilityRow(p.classes().get(c), p.probabilities()[c],
                    ResultText.percent(p.probabilities()[c]), c == p.labelIndex()));
        }
        Verdict kind = p.label().equals(p.positiveClass()) ? Verdict.POSITIVE : Verdict.NEGATIVE;
        return new DiagnoseState(d, cls, d.overlayFor(cls), p.label(), kind, ResultText.verdictReason(p),
                ResultText.threshold(p), rows, info, "");
    }

    /**
     * This result, marked as not belonging to {@code failedName}, a file that could not be opened after it;
     * this state when there is no result to mark.
     */
    public DiagnoseState staleAfter(String failedName) {
        if (diagnosis == null) {
            return this;
        }
        return new DiagnoseState(diagnosis, overlayClass, overlay, verdict, kind, reason, threshold, rows, imageInfo,
                "Earlier result, for " + diagnosis.name() + ": " + failedName + " could not be opened");
    }

    public boolean stale() {
        return !staleNote.isEmpty();
    }

    /** The same result with the overlay of another class; this state when nothing would change. */
    public DiagnoseState withOverlayClass(String cls) {
        if (diagnosis == null || !diagnosis.hasPrediction() || cls == null || cls.equals(overlayClass)
                || !diagnosis.prediction().classes().contains(cls)) {
            return this;
        }
        DiagnoseState next = of(diagnosis, cls);
        return stale() ? new DiagnoseState(next.diagnosis, next.overlayClass, next.overlay, next.verdict, next.kind,
                next.reason, next.threshold, next.rows, next.imageInfo, staleNote) : next;
    }

    public boolean hasPrediction() {
        return diagnosis != null && diagnosis.hasPrediction();
    }

    /** The classes the overlay can show, in the model's order; empty without a prediction. */
    public List<String> classes() {
        return hasPrediction() ? diagnosis.prediction().classes() : List.of();
    }
}
