package org.pneumolens.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    // Hand-computed case: 4 positives (0.9, 0.8, 0.4, 0.35), 4 negatives (0.7, 0.3, 0.2, 0.1).
    private static final boolean[] POS = {true, true, true, true, false, false, false, false};
    private static final double[] SCORE = {0.9, 0.8, 0.4, 0.35, 0.7, 0.3, 0.2, 0.1};

    @Test
    void aucCountsOrderedPairs() {
        // Pairs (pos > neg): 0.9 beats 4, 0.8 beats 4, 0.4 beats 3, 0.35 beats 3 -> 14 of 16.
        assertEquals(14 / 16.0, BinaryMetrics.auc(POS, SCORE), 1e-12);
    }

    @Test
    void aucCountsTiesAsHalf() {
        boolean[] pos = {true, false, true, false};
        double[] s = {0.5, 0.5, 0.9, 0.1};
        // pairs: (0.5 vs 0.5) = 0.5, (0.5 vs 0.1) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.1) = 1 -> 3.5 / 4
        assertEquals(3.5 / 4, BinaryMetrics.auc(pos, s), 1e-12);
    }

    @Test
    void confusionAndRatesAtAThreshold() {
        Evaluation e = BinaryMetrics.evaluate(POS, SCORE, 0.5);
        // called positive: 0.9, 0.8 (tp), 0.7 (fp); tn = 3, fn = 2
        assertArrayEquals(new int[]{3, 1}, e.confusion()[0]);
        assertArrayEquals(new int[]{2, 2}, e.confusion()[1]);
        assertEquals(5 / 8.0, e.accuracy(), 1e-12);
        assertEquals(0.5, e.sensitivity(), 1e-12);
        assertEquals(0.75, e.specificity(), 1e-12);
        assertEquals(0.625, e.balancedAccuracy(), 1e-12);
        assertEquals(8, e.n());
    }

    @Test
    void youdenThresholdMaximisesBalancedAccuracy() {
        double t = BinaryMetrics.youdenThreshold(POS, SCORE);
        // Best cut: between 0.35 and 0.3 -> sens 1.0, spec 0.75 (only 0.7 is a false positive): J = 0.75.
        assertEquals(0.325, t, 1e-12);
        Evaluation e = BinaryMetrics.evaluate(POS, SCORE, t);
        assertEquals(1.0, e.sensitivity(), 1e-12);
        assertEquals(0.75, e.specificity(), 1e-12);
    }

    @Test
    void rocRunsFromNothingToEverythingPositive() {
        var roc = BinaryMetrics.roc(POS, SCORE);
        assertEquals(0.0, roc.get(0).falsePositiveRate(), 0);
        assertEquals(0.0, roc.get(0).truePositiveRate(), 0);
        assertEquals(1.0, roc.get(roc.size() - 1).falsePositiveRate(), 0);
        assertEquals(1.0, roc.get(roc.size() - 1).truePositiveRate(), 0);
        for (int i = 1; i < roc.size(); i++) {
            assertTrue(roc.get(i).truePositiveRate() >= roc.get(i - 1).truePositiveRate());
            assertTrue(roc.get(i).falsePositiveRate() >= roc.get(i - 1).falsePositiveRate());
        }
    }

    @Test
    void calibrationErrorOfAPerfectlyCalibratedAndAnOverconfidentModel() {
        // Bin [0.2, 0.3): five samples at 0.25, one of them positive; bin [0.9, 1]: five at 0.95, all positive.
        boolean[] pos = {true, false, false, false, false, true, true, true, true, true};
        double[] s = {0.25, 0.25, 0.25, 0.25, 0.25, 0.95, 0.95, 0.95, 0.95, 0.95};
        // bin 2: sum p 1.25, sum y 1 -> 0.25; bin 9: sum p 4.75, sum y 5 -> 0.25; total 0.5 / 10 = 0.05
        assertEquals(0.05, BinaryMetrics.expectedCalibrationError(pos, s), 1e-12);
        boolean[] allPos = {true, true};
        assertEquals(0.0, BinaryMetrics.expectedCalibrationError(allPos, new double[]{1.0, 1.0}), 1e-12);
    }

    @Test
    void nanScoresAreAnErrorNeverAFigure() {
        boolean[] pos = {true, false, true};
        double[] nan = {Double.NaN, Double.NaN, Double.NaN};
        assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.evaluate(pos, nan, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.auc(pos, nan));
        assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.expectedCalibrationError(pos, nan));
        assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.youdenThreshold(pos, nan));
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.evaluate(pos, new double[]{0.2, Double.POSITIVE_INFINITY, 0.9}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.auc(pos, new double[]{0.2, 1.5, 0.9}));
    }
}
