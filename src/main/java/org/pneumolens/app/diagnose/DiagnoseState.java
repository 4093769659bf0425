package org.pneumolens.app.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.check.CheckStatus;
import org.pneumolens.core.model.Prediction;

/**
 * Everything the Diagnose tab shows about one result, computed once off the view (after JabRef's row view-models):
 * the image, the overlay for the chosen class, the verdict and its explanation, one row per class, and the input
 * check's answer. The view-model publishes a new state per result (or per change of overlay class, or when the
 * user asks to see a refused image's output); the controller and the report exporter only read it.
 *
 * @param diagnosis    what was analysed; null before the first image
 * @param overlayClass the class whose evidence {@link #overlay} shows; null without a prediction shown
 * @param overlay      the coloured map for {@code overlayClass}, computed on the inference thread; null without one
 * @param verdict      the label, "Analysing…" while the model has not answered, a dash before any image, or the
 *                     refusal's title when the input check refused the image
 * @param imageInfo    name and pixel size, empty before the first image
 * @param staleNote    empty while this is the result of the last file the user opened; after a later file failed
 *                     to open, says that the result on screen belongs to the earlier one (the view greys it out)
 * @param refusal      what the input check said when it refused the image; null when it passed (or no result yet)
 * @param checkNote    one line on the input check: passed with its score, or that the model has none
 */
public record DiagnoseState(Diagnosis diagnosis, String overlayClass, Overlay overlay, String verdict,
                            Verdict kind, String reason, String threshold, List<ProbabilityRow> rows,
                            String imageInfo, String staleNote, Refusal refusal, String checkNote) {
    /** Which style the verdict takes; REFUSED: no verdict, the input check's amber panel instead. */
    public enum Verdict { NONE, PENDING, POSITIVE, NEGATIVE, BORDERLINE, REFUSED }

    /** The verdict inside the model's borderline band, shown in a neutral colour with both probabilities. */
    public static final String BORDERLINE_TEXT = "Borderline: review";

    /** One class's line in the result panel. */
    public record ProbabilityRow(String className, double probability, String percent, boolean predicted) {
    }

    /**
     * The input check refused the image.
     *
     * @param title        "This does not look like a chest radiograph" or "This radiograph cannot be judged"
     * @param reasons      the check's reasons, the deciding ones first
     * @param shownAnyway  the user asked to see the model's output for research: it is shown, with {@link #warning}
     */
    public record Refusal(String title, List<String> reasons, boolean shownAnyway) {
        public Refusal {
            reasons = List.copyOf(reasons);
        }

        /** The warning kept on a refused image's output, on screen and in the report. */
        public String warning() {
            return "The input check refused this image (" + (reasons.isEmpty() ? title : reasons.get(0))
                    + "). Model output shown for research only: it is not a diagnosis.";
        }

        /** For the status bar and the window title, e.g. "not judged: colour image (...)". */
        public String shortLine() {
            return "not judged: " + (reasons.isEmpty() ? title : reasons.get(0));
        }
    }

    /** Before any image. */
    public static final DiagnoseState EMPTY = new DiagnoseState(null, null, null, "\u2014", Verdict.NONE, "", "",
            List.of(), "", "", null, "");

    public DiagnoseState {
        rows = List.copyOf(rows);
    }

    /** The state for a result, its overlay showing {@code overlayClass} (the predicted class when null). */
    public static DiagnoseState of(Diagnosis d, String overlayClass) {
        return of(d, overlayClass, false);
    }

    /**
     * The state for a result; a result the input check refused shows no verdict, rows or overlay unless
     * {@code showRefused} (then the output is shown with the refusal's warning).
     */
    public static DiagnoseState of(Diagnosis d, String overlayClass, boolean showRefused) {
        String info = d.name() + "  \u2022  " + ResultText.pixelSize(d);
        if (!d.hasPrediction()) {
            return new DiagnoseState(d, null, null, "Analysing\u2026", Verdict.PENDING, "", "", List.of(), info, "",
                    null, "");
        }
        String note = checkNote(d);
        Refusal refusal = refusal(d.check(), showRefused);
        if (refusal != null && !showRefused) {
            return new DiagnoseState(d, null, null, refusal.title(), Verdict.REFUSED, "", "", List.of(), info, "",
                    refusal, note);
        }
        Prediction p = d.prediction();
        String cls = overlayClass != null && p.classes().contains(overlayClass) ? overlayClass : p.label();
        List<ProbabilityRow> rows = new ArrayList<>();
        for (int c = 0; c < p.classes().size(); c++) {
            rows.add(new ProbabilityRow(p.classes().get(c), p.probabilities()[c],
                    ResultText.percent(p.probabilities()[c], ResultText.decimalsOf(p)), c == p.labelIndex()));
        }
        Verdict kind = p.borderline() ? Verdict.BORDERLINE
                : p.label().equals(p.positiveClass()) ? Verdict.POSITIVE : Verdict.NEGATIVE;
        String verdict = p.borderline() ? BORDERLINE_TEXT : p.label();
        return new DiagnoseState(d, cls, d.overlayFor(cls), verdict, kind, ResultText.verdictReason(p),
                ResultText.threshold(p), rows, info, "", refusal, note);
    }

    private static Refusal refusal(CheckResult check, boolean shown) {
        if (check == null || check.ok()) {
            return null;
        }
        String title = check.status() == CheckStatus.LOW_QUALITY ? "This radiograph cannot be judged"
                : "This does not look like a chest radiograph";
        return new Refusal(title, check.reasons(), shown);
    }

    private static String checkNote(Diagnosis d) {
        if (!d.modelHasCheck()) {
            return "This model has no input check: only the basic image rules (colour, size, contrast) were applied.";
        }
        CheckResult c = d.check();
        if (c == null || !c.ok()) {
            return "";
        }
        return String.format(Locale.ROOT, "Input check: passed (score %.1f, limit %.1f)", c.score(), c.threshold());
    }

    /**
     * This result, marked as not belonging to {@code failedName}, a file that could not be opened after it;
     * this state when there is no result to mark.
     */
    public DiagnoseState staleAfter(String failedName) {
        if (diagnosis == null) {
            return this;
        }
        return withStaleNote("Earlier result, for " + diagnosis.name() + ": " + failedName + " could not be opened");
    }

    private DiagnoseState withStaleNote(String note) {
        return new DiagnoseState(diagnosis, overlayClass, overlay, verdict, kind, reason, threshold, rows, imageInfo,
                note, refusal, checkNote);
    }

    public boolean stale() {
        return !staleNote.isEmpty();
    }

    /** True while the input check's refusal hides the model's output. */
    public boolean outputHidden() {
        return refusal != null && !refusal.shownAnyway();
    }

    /** The same result with the overlay of another class; this state when nothing would change. */
    public DiagnoseState withOverlayClass(String cls) {
        if (diagnosis == null || !diagnosis.hasPrediction() || outputHidden() || cls == null
                || cls.equals(overlayClass) || !diagnosis.prediction().classes().contains(cls)) {
            return this;
        }
        DiagnoseState next = of(diagnosis, cls, refusal != null);
        return stale() ? next.withStaleNote(staleNote) : next;
    }

    /** The same result with a refused image's output shown (or hidden again); this state if it was not refused. */
    public DiagnoseState withRefusedOutputShown(boolean show) {
        if (refusal == null || refusal.shownAnyway() == show) {
            return this;
        }
        DiagnoseState next = of(diagnosis, overlayClass, show);
        return stale() ? next.withStaleNote(staleNote) : next;
    }

    /** True when the model answered; the answer may still be hidden by the input check ({@link #outputHidden()}). */
    public boolean hasPrediction() {
        return diagnosis != null && diagnosis.hasPrediction();
    }

    /** The classes the overlay can show, in the model's order; empty without a prediction shown. */
    public List<String> classes() {
        return hasPrediction() && !outputHidden() ? diagnosis.prediction().classes() : List.of();
    }
}
