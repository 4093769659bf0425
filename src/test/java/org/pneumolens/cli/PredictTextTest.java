package org.pneumolens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.model.Prediction;

class PredictTextTest {
    private static final Calibration.Band BAND = new Calibration.Band(0.57, 0.68, 500, 5, 95, 0.02);

    private static Prediction p(double pneumonia, String label) {
        return new Prediction(List.of("NORMAL", "PNEUMONIA"), new double[]{1 - pneumonia, pneumonia}, label, 0.659,
                "PNEUMONIA", new double[]{1 - pneumonia, pneumonia}, BAND);
    }

    @Test
    void aClearCaseNamesItsLabelAndTheComparison() {
        assertEquals("NORMAL  (NORMAL > 99.9 %, PNEUMONIA < 0.1 %; P(PNEUMONIA) < 0.1 %, below the operating point "
                + "65.9 %)", PredictCommand.text(p(1e-5, "NORMAL")));
        assertEquals("PNEUMONIA  (NORMAL 5.6 %, PNEUMONIA 94.4 %; P(PNEUMONIA) 94.4 % >= operating point 65.9 %)",
                PredictCommand.text(p(0.944, "PNEUMONIA")));
    }

    @Test
    void aBorderlineCaseSaysReviewWithBothProbabilities() {
        assertEquals("Borderline: review  (NORMAL 34.2 %, PNEUMONIA 65.8 %; P(PNEUMONIA) 65.8 % < operating point "
                + "65.9 %, borderline band 57.0 % to 68.0 %; the threshold alone says NORMAL)",
                PredictCommand.text(p(0.658, "NORMAL")));
        assertEquals("Borderline: review  (NORMAL 34.09 %, PNEUMONIA 65.91 %; P(PNEUMONIA) 65.91 % >= "
                + "operating point 65.90 %, borderline band 57.0 % to 68.0 %; the threshold alone says PNEUMONIA)",
                PredictCommand.text(p(0.6591, "PNEUMONIA")));
    }
}
