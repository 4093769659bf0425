package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.model.Prediction;

/** The words and rows of one result, from a hand-made prediction: pure, no model, no toolkit. */
class DiagnoseStateTest {
    private static final GreyImage IMAGE = new GreyImage(4, 2, new float[8]);
    private static final Overlay NORMAL_MAP = new Overlay("NORMAL", 4, 2, new int[8]);
    private static final Overlay PNEUMONIA_MAP = new Overlay("PNEUMONIA", 4, 2, new int[8]);

    private static Diagnosis diagnosis(double pneumonia, String label) {
        Prediction p = new Prediction(List.of("NORMAL", "PNEUMONIA"), new double[]{1 - pneumonia, pneumonia}, label,
                0.42, "PNEUMONIA");
        return new Diagnosis(null, "chest.png", IMAGE, p, List.of(NORMAL_MAP, PNEUMONIA_MAP), "model-a");
    }

    @Test
    void aPositiveResultSaysWhyAgainstTheThreshold() {
        DiagnoseState s = DiagnoseState.of(diagnosis(0.87, "PNEUMONIA"), null);

        assertEquals("PNEUMONIA", s.verdict());
        assertEquals(DiagnoseState.Verdict.POSITIVE, s.kind());
        assertEquals("P(PNEUMONIA) 87.0 % \u2265 operating point 42.0 %", s.reason());
        assertEquals("Threshold: PNEUMONIA when P(PNEUMONIA) \u2265 42.0 % (operating point)", s.threshold());
        assertEquals("chest.png  \u2022  4 \u00d7 2 px", s.imageInfo());
        assertEquals(List.of(new DiagnoseState.ProbabilityRow("NORMAL", 1 - 0.87, "13.0 %", false),
                new DiagnoseState.ProbabilityRow("PNEUMONIA", 0.87, "87.0 %", true)), s.rows());
        assertEquals("PNEUMONIA", s.overlayClass(), "the overlay starts on the predicted class");
        assertSame(PNEUMONIA_MAP, s.overlay());
    }

    @Test
    void aNegativeResultBelowTheThreshold() {
        DiagnoseState s = DiagnoseState.of(diagnosis(0.30, "NORMAL"), null);

        assertEquals(DiagnoseState.Verdict.NEGATIVE, s.kind());
        assertEquals("P(PNEUMONIA) 30.0 % < operating point 42.0 %", s.reason());
        assertEquals(true, s.rows().get(0).predicted());
        assertSame(NORMAL_MAP, s.overlay());
    }

    private static Diagnosis diagnosis(double pneumonia, String label, double threshold, Calibration.Band band) {
        double[] probs = {1 - pneumonia, pneumonia};
        Prediction p = new Prediction(List.of("NORMAL", "PNEUMONIA"), probs, label, threshold, "PNEUMONIA", probs, band);
        return new Diagnosis(null, "chest.png", IMAGE, p, List.of(NORMAL_MAP, PNEUMONIA_MAP), "model-a");
    }

    @Test
    void theComparisonNeverContradictsItsOwnRoundingAndTheRowsUseItsDigits() {
        // 86.49 % against an operating point of 86.5 %: at one decimal both would read "86.5 %".
        DiagnoseState s = DiagnoseState.of(diagnosis(0.8649, "NORMAL", 0.865, null), null);

        assertEquals("P(PNEUMONIA) 86.49 % < operating point 86.50 %", s.reason());
        assertEquals("86.49 %", s.rows().get(1).percent());
        assertEquals("13.51 %", s.rows().get(0).percent());
    }

    @Test
    void neverAHundredOrZeroPercent() {
        DiagnoseState s = DiagnoseState.of(diagnosis(0.99996, "PNEUMONIA"), null);

        assertEquals("> 99.9 %", s.rows().get(1).percent());
        assertEquals("< 0.1 %", s.rows().get(0).percent());
    }

    @Test
    void insideTheBandTheVerdictIsBorderlineInItsOwnStyleWithWhatTheThresholdAloneSays() {
        Calibration.Band band = new Calibration.Band(0.40, 0.45, 500, 5, 95, 0.02);
        DiagnoseState s = DiagnoseState.of(diagnosis(0.43, "PNEUMONIA", 0.42, band), null);

        assertEquals(DiagnoseState.BORDERLINE_TEXT, s.verdict());
        assertEquals(DiagnoseState.Verdict.BORDERLINE, s.kind());
        assertEquals("Near the operating point: review. P(PNEUMONIA) 43.0 % \u2265 operating point 42.0 %; the "
                + "threshold alone says PNEUMONIA", s.reason());
        assertEquals("Threshold: PNEUMONIA when P(PNEUMONIA) \u2265 42.0 % (operating point); borderline: review from "
                + "40.0 % to 45.0 %", s.threshold());
        DiagnoseState clear = DiagnoseState.of(diagnosis(0.60, "PNEUMONIA", 0.42, band), null);
        assertEquals(DiagnoseState.Verdict.POSITIVE, clear.kind());
    }

    @Test
    void choosingAnotherClassChangesOnlyTheOverlayAndTheSameClassChangesNothing() {
        DiagnoseState s = DiagnoseState.of(diagnosis(0.87, "PNEUMONIA"), null);

        DiagnoseState other = s.withOverlayClass("NORMAL");

        assertSame(NORMAL_MAP, other.overlay());
        assertEquals(s.reason(), other.reason());
        assertEquals(s.rows(), other.rows());
        assertSame(s, s.withOverlayClass("PNEUMONIA"));
        assertSame(s, s.withOverlayClass(null), "a choice box clearing its value keeps the state");
        assertSame(s, s.withOverlayClass("EDEMA"), "not a class of this model");
    }

    @Test
    void anImageWithoutAPredictionIsShownAsPending() {
        DiagnoseState s = DiagnoseState.of(new Diagnosis(null, "chest.png", IMAGE, null, List.of(), "none"), "NORMAL");

        assertEquals("Analysing\u2026", s.verdict());
        assertEquals(DiagnoseState.Verdict.PENDING, s.kind());
        assertNull(s.overlay());
        assertEquals(List.of(), s.rows());
        assertEquals(List.of(), s.classes());
        assertEquals("", DiagnoseState.EMPTY.imageInfo());
        assertEquals("\u2014", DiagnoseState.EMPTY.verdict());
    }

    @Test
    void aResultMarkedStaleSaysWhichFileItBelongsToAndKeepsThatThroughAnOverlayChange() {
        DiagnoseState s = DiagnoseState.of(diagnosis(0.87, "PNEUMONIA"), null);
        assertEquals(false, s.stale());

        DiagnoseState stale = s.staleAfter("scan.png");

        assertEquals("Earlier result, for chest.png: scan.png could not be opened", stale.staleNote());
        assertEquals(s.verdict(), stale.verdict());
        assertEquals(true, stale.withOverlayClass("NORMAL").stale());
        assertSame(DiagnoseState.EMPTY, DiagnoseState.EMPTY.staleAfter("scan.png"), "nothing on screen to mark");
    }

    private static Diagnosis checked(org.pneumolens.core.check.CheckStatus status, String... reasons) {
        Prediction p = new Prediction(List.of("NORMAL", "PNEUMONIA"), new double[]{0.1, 0.9}, "PNEUMONIA", 0.42,
                "PNEUMONIA");
        return new Diagnosis(null, "x.png", LoadedImage.ofGrey(IMAGE), p, List.of(NORMAL_MAP, PNEUMONIA_MAP), "m",
                new org.pneumolens.core.check.CheckResult(status, 41.2, 12.5, List.of(reasons)), true);
    }

    @Test
    void aLowQualityRadiographCannotBeJudgedAndShowingItAnywayKeepsTheOverlayChoice() {
        DiagnoseState s = DiagnoseState.of(checked(org.pneumolens.core.check.CheckStatus.LOW_QUALITY,
                "too small: 120 px on its short side"), null);

        assertEquals("This radiograph cannot be judged", s.verdict());
        assertEquals(DiagnoseState.Verdict.REFUSED, s.kind());
        assertSame(s, s.withOverlayClass("NORMAL"), "no overlay while the output is hidden");

        DiagnoseState shown = s.withRefusedOutputShown(true).withOverlayClass("NORMAL");
        assertEquals(DiagnoseState.Verdict.POSITIVE, shown.kind());
        assertSame(NORMAL_MAP, shown.overlay());
        assertEquals(true, shown.refusal().shownAnyway(), "the warning stays through an overlay change");
        assertEquals("not judged: too small: 120 px on its short side", shown.refusal().shortLine());
        assertEquals(true, shown.withRefusedOutputShown(false).outputHidden());
    }

    @Test
    void aPassedCheckLeavesTheVerdictAndNotesTheScore() {
        DiagnoseState s = DiagnoseState.of(checked(org.pneumolens.core.check.CheckStatus.OK), null);

        assertNull(s.refusal());
        assertEquals("PNEUMONIA", s.verdict());
        assertEquals("Input check: passed (score 41.2, limit 12.5)", s.checkNote());
        assertSame(s, s.withRefusedOutputShown(true));
    }
}
