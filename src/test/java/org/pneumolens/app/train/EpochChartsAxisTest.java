package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The loss axis's top (pure arithmetic; the axes themselves are checked in SmallScreenTest). */
class EpochChartsAxisTest {
    @Test
    void theLossAxisStartsAtOneAndGrowsInHalfUnitsAboveTheLargestLoss() {
        assertEquals(1.0, EpochCharts.lossTop(0));
        assertEquals(1.0, EpochCharts.lossTop(Double.NaN));
        assertEquals(1.0, EpochCharts.lossTop(0.69));
        assertEquals(1.5, EpochCharts.lossTop(1.2));
        assertEquals(3.0, EpochCharts.lossTop(2.66), "2.66 * 1.05 = 2.79 -> 3.0");
        assertEquals(1.0, EpochCharts.lossTop(Double.POSITIVE_INFINITY));
    }
}
