package org.pneumolens.core.calibration;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How probabilities are written for people, the same in the command line, the window and the report:
 * <ul>
 *   <li>never "100.0 %" or "0.0 %": a calibrated probability of a radiograph is never certainty, so what rounds
 *       to either end reads "&gt; 99.9 %" or "&lt; 0.1 %";</li>
 *   <li>a comparison with the threshold never contradicts its own rounding: the probability and the threshold
 *       get as many digits as it takes to tell them apart in the direction of the decision, and where no
 *       reasonable number of digits does, it says "at the operating point" in words.</li>
 * </ul>
 * Rounding is half-up on the decimal value. NaN, infinities and values outside [0, 1] are refused: they are
 * errors, never something to show.
 */
public final class ProbabilityDisplay {
    /** Decimals of a percentage shown by default. */
    public static final int DECIMALS = 1;
    /** Most decimals of a percentage a comparison goes to before falling back to words. */
    public static final int MAX_DECIMALS = 4;

    private ProbabilityDisplay() {
    }

    /** "86.5 %", "> 99.9 %", "< 0.1 %". */
    public static String percent(double p) {
        return percent(p, DECIMALS);
    }

    /** With {@code decimals} digits after the point; the ends read "> 99.9…9 %" / "< 0.0…1 %" at that precision. */
    public static String percent(double p, int decimals) {
        BigDecimal v = rounded(p, decimals);
        BigDecimal step = BigDecimal.ONE.movePointLeft(decimals);
        if (v.compareTo(BigDecimal.valueOf(100)) >= 0) {
            return "> " + BigDecimal.valueOf(100).subtract(step).setScale(decimals, RoundingMode.UNNECESSARY).toPlainString()
                    + " %";
        }
        if (v.signum() <= 0) {
            return "< " + step.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString() + " %";
        }
        return v.toPlainString() + " %";
    }

    /**
     * The probability beside the threshold.
     *
     * @param probability the positive class's probability
     * @param threshold   the operating point, positive when {@code probability >= threshold}
     * @param above       whether the probability reaches the threshold (the decision)
     * @param probabilityText the probability as written (never 0 % or 100 %)
     * @param thresholdText   the threshold at the same precision
     * @param relation    "\u2265" or "<" when the digits tell them apart, else "at"
     * @param decimals    the decimals used: show the other probabilities beside it with as many
     */
    public record Comparison(double probability, double threshold, boolean above, String probabilityText,
                             String thresholdText, String relation, int decimals) {
        /**
         * "86.49 % < operating point 86.50 %", "< 0.1 %, below the operating point 30.0 %", or "50.0000 %, at the
         * operating point 50.0000 % (reaches it)" when no number of digits up to {@value #MAX_DECIMALS} tells them
         * apart.
         */
        public String text() {
            if (probabilityText.startsWith("<") || probabilityText.startsWith(">")) {
                return probabilityText + ", " + words() + " " + thresholdText;
            }
            if ("at".equals(relation)) {
                return probabilityText + ", at the operating point " + thresholdText + " ("
                        + (above ? "reaches it" : "just below it") + ")";
            }
            return probabilityText + " " + relation + " operating point " + thresholdText;
        }

        /** "above the operating point" (reaching it counts) / "below the operating point". */
        public String words() {
            return above ? "above the operating point" : "below the operating point";
        }
    }

    /**
     * The probability and the threshold written with the fewest decimals ({@value #DECIMALS} to
     * {@value #MAX_DECIMALS}) at which the written values compare the way the decision does and the probability
     * does not read as 0 % or 100 %.
     */
    public static Comparison compare(double probability, double threshold) {
        check(probability);
        check(threshold);
        boolean above = probability >= threshold;
        for (int d = DECIMALS; d <= MAX_DECIMALS; d++) {
            BigDecimal p = rounded(probability, d);
            BigDecimal t = rounded(threshold, d);
            String tText = t.toPlainString() + " %";
            boolean atEnd = p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) >= 0;
            if (atEnd) {
                // "< 0.1 %" is below a threshold shown above 0.1 %; "> 99.9 %" above one shown below 99.9 %.
                String pText = percent(probability, d);
                BigDecimal bound = new BigDecimal(pText.substring(2, pText.length() - 2));
                boolean consistent = above ? pText.startsWith(">") && t.compareTo(bound) < 0
                        : pText.startsWith("<") && t.compareTo(bound) > 0;
                if (consistent) {
                    return new Comparison(probability, threshold, above, pText, tText, above ? "\u2265" : "<", d);
                }
                continue;
            }
            int cmp = p.compareTo(t);
            if (above ? cmp > 0 || cmp == 0 && probability == threshold : cmp < 0) {
                return new Comparison(probability, threshold, above, p.toPlainString() + " %", tText,
                        above ? "\u2265" : "<", d);
            }
        }
        return new Comparison(probability, threshold, above, percent(probability, MAX_DECIMALS),
                percent(threshold, MAX_DECIMALS), "at", MAX_DECIMALS);
    }

    /** The percentage rounded half-up to {@code decimals} places. */
    private static BigDecimal rounded(double p, int decimals) {
        check(p);
        return new BigDecimal(p).movePointRight(2).setScale(decimals, RoundingMode.HALF_UP);
    }

    private static void check(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("not a probability: " + p);
        }
    }
}
