package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentagesTest {
    @Test
    void aRowThatPlainRoundingMakes101PercentAddsTo100() {
        // 97.5 % and 2.5 % both round up to 98 + 3 = 101; the tie goes to the first.
        assertArrayEquals(new int[]{98, 2}, Percentages.of(39, 1));
        // 2/3 and 1/3: 66.67 -> 67, 33.33 -> 33
        assertArrayEquals(new int[]{67, 33}, Percentages.of(2, 1));
        // thirds: 33.33 each, one point left over, to the first of the tied remainders
        assertArrayEquals(new int[]{34, 33, 33}, Percentages.of(1, 1, 1));
        // the largest remainder wins, not the largest count: 0.2 %, 99.8 % -> 0, 100
        assertArrayEquals(new int[]{0, 100}, Percentages.of(1, 499));
    }

    @Test
    void exactSharesStayExactAndAnEmptyRowIsZeros() {
        assertArrayEquals(new int[]{75, 25}, Percentages.of(3, 1));
        assertArrayEquals(new int[]{100, 0}, Percentages.of(6, 0));
        assertArrayEquals(new int[]{0, 0}, Percentages.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Percentages.of(-1, 2));
    }

    @Test
    void everyRandomRowAddsTo100AndEachShareIsWithinOnePointOfExact() {
        Random rnd = new Random(16);
        for (int trial = 0; trial < 1000; trial++) {
            int[] counts = rnd.ints(2 + rnd.nextInt(4), 0, 1000).toArray();
            int total = Arrays.stream(counts).sum();
            if (total == 0) {
                continue;
            }
            int[] pct = Percentages.of(counts);
            assertEquals(100, Arrays.stream(pct).sum(), Arrays.toString(counts));
            for (int i = 0; i < counts.length; i++) {
                double exact = 100.0 * counts[i] / total;
                assertEquals(exact, pct[i], 1.0, Arrays.toString(counts));
            }
        }
    }
}
