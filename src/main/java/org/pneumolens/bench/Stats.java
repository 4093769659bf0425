package org.pneumolens.bench;

import java.util.Arrays;
import java.util.List;

/** The two statistics the PyTorch reference uses, with its exact semantics, so both sides are summarised alike. */
public final class Stats {
    private Stats() {
    }

    /** Python's {@code statistics.median}: the middle value, or the mean of the two middle values for an even count. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * Python's {@code round(x, digits)}: rounds the exact binary value half-even, so 2.675 becomes 2.67 there and here.
     */
    public static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value)
                .setScale(digits, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Milliseconds between two {@link System#nanoTime()} readings. */
    public static double millis(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1e6;
    }

    /**
     * The {@code q}-th percentile with linear interpolation between the two nearest ranks (numpy's default, so
     * p50 is the median).
     */
    public static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("percentile of no values");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double pos = q / 100.0 * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
}
