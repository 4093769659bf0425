package org.pneumolens.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Metrics for one positive class. {@code positive[i]} says whether sample i belongs to the positive class and
 * {@code score[i]} is the model's probability for that class; a sample is called positive when
 * {@code score >= threshold}.
 */
public final class BinaryMetrics {
    /** Equal-width bins of the expected calibration error (as in Guo et al. 2017). */
    public static final int ECE_BINS = 15;

    private BinaryMetrics() {
    }

    /** All figures at one threshold; {@code correct[i]} is whether the full (multi-class) label was right. */
    public static Evaluation evaluate(boolean[] positive, double[] score, double threshold, boolean[] correct) {
        check(positive, score);
        int tp = 0, fp = 0, tn = 0, fn = 0, right = 0;
        for (int i = 0; i < score.length; i++) {
            boolean called = score[i] >= threshold;
            if (positive[i]) {
                if (called) tp++; else fn++;
            } else {
                if (called) fp++; else tn++;
            }
            if (correct[i]) right++;
        }
        double sens = ratio(tp, tp + fn);
        double spec = ratio(tn, tn + fp);
        return new Evaluation(score.length, ratio(right, score.length), sens, spec, (sens + spec) / 2,
                auc(positive, score), threshold, new int[][]{{tn, fp}, {fn, tp}}, roc(positive, score),
                expectedCalibrationError(positive, score));
    }

    /** Binary case: the label is right exactly when the threshold call matches the truth. */
    public static Evaluation evaluate(boolean[] positive, double[] score, double threshold) {
        boolean[] correct = new boolean[score.length];
        for (int i = 0; i < score.length; i++) {
            correct[i] = (score[i] >= threshold) == positive[i];
        }
        return evaluate(positive, score, threshold, correct);
    }

    /**
     * Area under the ROC curve as the Mann-Whitney U statistic: the probability that a random positive scores
     * above a random negative, ties counting one half. NaN when either class is absent.
     */
    public static double auc(boolean[] positive, double[] score) {
        check(positive, score);
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPos = 0;
        long nPos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) j++;
            double midRank = (i + j) / 2.0 + 1; // ranks are 1-based; tied scores share their mean rank
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPos += midRank;
                    nPos++;
                }
            }
            i = j + 1;
        }
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) return Double.NaN;
        return (rankSumPos - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
    }

    /** ROC points from the strictest threshold (nothing positive) to the loosest (everything positive). */
    public static List<Evaluation.RocPoint> roc(boolean[] positive, double[] score) {
        check(positive, score);
        double[] thresholds = candidateThresholds(score);
        long p = 0;
        for (boolean b : positive) if (b) p++;
        long neg = positive.length - p;
        List<Evaluation.RocPoint> out = new ArrayList<>();
        for (double t : thresholds) {
            long tp = 0, fp = 0;
            for (int i = 0; i < score.length; i++) {
                if (score[i] >= t) {
                    if (positive[i]) tp++; else fp++;
                }
            }
            out.add(new Evaluation.RocPoint(t, ratio(fp, neg), ratio(tp, p)));
        }
        return out;
    }

    /**
     * The threshold that maximises balanced accuracy (equivalently Youden's J) on this set. Candidates are the
     * midpoints between consecutive distinct scores, so the chosen value does not sit on one sample's score.
     * Ties go to the candidate closest to 0.5, the untuned softmax decision.
     */
    public static double youdenThreshold(boolean[] positive, double[] score) {
        check(positive, score);
        // Sorted scores and, from each index up, how many positives: a candidate's counts by binary search.
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double[] sorted = new double[score.length];
        long[] posFrom = new long[score.length + 1];
        for (int i = score.length - 1; i >= 0; i--) {
            sorted[i] = score[order[i]];
            posFrom[i] = posFrom[i + 1] + (positive[order[i]] ? 1 : 0);
        }
        long p = posFrom[0];
        long neg = score.length - p;
        double best = -1;
        double bestT = 0.5;
        for (double t : candidateThresholds(score)) {
            int from = lowerBound(sorted, t); // samples from here up are called positive
            long tp = posFrom[from];
            long fp = (score.length - from) - tp;
            double j = (ratio(tp, p) + ratio(neg - fp, neg)) / 2;
            if (j > best + 1e-12 || (Math.abs(j - best) <= 1e-12 && Math.abs(t - 0.5) < Math.abs(bestT - 0.5))) {
                best = j;
                bestT = t;
            }
        }
        return bestT;
    }

    /** The first index whose value is at least {@code t} (the length when none is). */
    private static int lowerBound(double[] sorted, double t) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] >= t) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    static double balancedAccuracy(boolean[] positive, double[] score, double threshold) {
        long tp = 0, fn = 0, tn = 0, fp = 0;
        for (int i = 0; i < score.length; i++) {
            boolean called = score[i] >= threshold;
            if (positive[i]) {
                if (called) tp++; else fn++;
            } else {
                if (called) fp++; else tn++;
            }
        }
        return (ratio(tp, tp + fn) + ratio(tn, tn + fp)) / 2;
    }

    /** Expected calibration error with {@value #ECE_BINS} equal-width bins. */
    public static double expectedCalibrationError(boolean[] positive, double[] score) {
        return expectedCalibrationError(positive, score, ECE_BINS);
    }

    /** Sum over equal-width bins of |mean probability - observed share| weighted by the bin's share of samples. */
    public static double expectedCalibrationError(boolean[] positive, double[] score, int bins) {
        check(positive, score);
        double[] sumP = new double[bins];
        double[] sumY = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < score.length; i++) {
            int b = Math.min(bins - 1, (int) (score[i] * bins));
            sumP[b] += score[i];
            sumY[b] += positive[i] ? 1 : 0;
            count[b]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(sumP[b] - sumY[b]) / score.length;
            }
        }
        return ece;
    }

    private static double[] candidateThresholds(double[] score) {
        double[] s = Arrays.stream(score).distinct().sorted().toArray();
        double[] t = new double[s.length + 1];
        t[0] = Math.nextUp(s.length == 0 ? 1 : s[s.length - 1]); // nothing positive
        for (int i = s.length - 1, k = 1; i >= 0; i--, k++) {
            t[k] = i == 0 ? s[0] : (s[i] + s[i - 1]) / 2; // last candidate: everything positive
        }
        return t;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    /** Scores must be probabilities: a NaN is an error, never a figure (it once made an AUC of 1.0). */
    private static void check(boolean[] positive, double[] score) {
        if (positive.length != score.length) {
            throw new IllegalArgumentException(positive.length + " labels but " + score.length + " scores");
        }
        for (int i = 0; i < score.length; i++) {
            if (!(score[i] >= 0 && score[i] <= 1)) {
                throw new IllegalArgumentException("score " + i + " is " + score[i] + ", not a probability in [0, 1]");
            }
        }
    }
}
