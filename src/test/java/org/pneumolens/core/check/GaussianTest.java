package org.pneumolens.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianTest {
    /** Many samples of a correlated 2-D Gaussian: shrinkage is small and distances match the textbook formula. */
    @Test
    void distanceMatchesTheMahalanobisFormulaOnACorrelatedGaussian() {
        Random rnd = new Random(3);
        float[][] rows = new float[20_000][];
        for (int i = 0; i < rows.length; i++) {
            double a = rnd.nextGaussian();
            double b = 0.8 * a + 0.6 * rnd.nextGaussian(); // unit variance, correlation 0.8
            rows[i] = new float[]{(float) (10 + 2 * a), (float) (-5 + b)};
        }
        Gaussian g = Gaussian.fit(rows);
        assertTrue(g.shrinkage() < 0.01, "shrinkage " + g.shrinkage());
        // z = (1, 1) in standardised units; Σ = [[1, .8], [.8, 1]] → d² = zᵀΣ⁻¹z = 2 / 1.8
        assertEquals(Math.sqrt(2 / 1.8), g.distance(new float[]{12, -4}), 0.03);
        // z = (1, -1): along the thin axis, d² = 2 / 0.2 = 10: far more unusual than (1, 1)
        assertEquals(Math.sqrt(10), g.distance(new float[]{12, -6}), 0.1);
        assertEquals(0, g.distance(new float[]{10, -5}), 0.05);
    }

    @Test
    void moreDimensionsThanSamplesStillGiveAFiniteDensity() {
        Random rnd = new Random(5);
        float[][] rows = new float[10][50];
        for (float[] r : rows) {
            for (int j = 0; j < r.length; j++) r[j] = (float) rnd.nextGaussian();
        }
        Gaussian g = Gaussian.fit(rows);
        assertTrue(g.shrinkage() > 0.3, "shrinkage " + g.shrinkage());
        float[] far = new float[50];
        java.util.Arrays.fill(far, 8);
        assertTrue(g.distance(far) > 3 * g.distance(rows[0]));
    }

    @Test
    void inconsistentStoredValuesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Gaussian(new double[]{0, 0}, new double[]{1, 1}, 0.5, new double[]{1, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> new Gaussian(new double[]{0}, new double[]{-1}, 0.5, new double[]{1}));
        assertThrows(IllegalArgumentException.class,
                () -> new Gaussian(new double[]{0}, new double[]{1}, 0.5, new double[]{0}));
    }
}
