package org.pneumolens.app.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Whole percentages of a row of counts that add up to exactly 100 (largest-remainder rounding). */
final class Percentages {
    private Percentages() {
    }

    /**
     * Each count's share in whole percent: every share is rounded down, then the points still missing to 100 go
     * to the shares with the largest remainders (ties to the earlier one). All zeros when the counts sum to zero.
     */
    static int[] of(int... counts) {
        long total = Arrays.stream(counts).asLongStream().sum();
        int[] out = new int[counts.length];
        if (total == 0) {
            return out;
        }
        long[] remainder = new long[counts.length];
        int given = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("negative count " + counts[i]);
            }
            long scaled = 100L * counts[i];
            out[i] = (int) (scaled / total);
            remainder[i] = scaled % total;
            given += out[i];
        }
        int[] order = IntStream.range(0, counts.length).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> -remainder[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; k < 100 - given; k++) {
            out[order[k]]++;
        }
        return out;
    }
}
