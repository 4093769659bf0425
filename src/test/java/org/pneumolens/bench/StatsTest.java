package org.pneumolens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary must match Python's, or the ratio to the reference compares different statistics. */
class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0, 9.0, 2.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValuesLikePythonStatistics() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void medianOfNothingIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
    }

    @Test
    void roundingFollowsPythonOnTheExactBinaryValue() {
        assertEquals(2.67, Stats.round(2.675, 2)); // 2.675 is 2.67499999... in binary: Python gives 2.67
        assertEquals(0.12, Stats.round(0.125, 2)); // exact tie: half-even
        assertEquals(2.0, Stats.round(2.5, 0));
        assertEquals(66.7, Stats.round(66.66, 1));
    }

    @Test
    void percentilesInterpolateBetweenRanksLikeNumpyAndTheFiftiethIsTheMedian() {
        List<Double> v = List.of(10.0, 40.0, 20.0, 30.0);
        assertEquals(Stats.median(v), Stats.percentile(v, 50));
        assertEquals(38.5, Stats.percentile(v, 95), 1e-9); // numpy.percentile([10, 20, 30, 40], 95)
        assertEquals(10.0, Stats.percentile(v, 0));
        assertEquals(40.0, Stats.percentile(v, 100));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(List.of(), 50));
    }
}
