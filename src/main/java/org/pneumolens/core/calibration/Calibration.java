package org.pneumolens.core.calibration;

import java.util.List;

/**
 * How a model's softmax output is turned into the probability it shows, and what that was measured to do on
 * validation data. Works on the positive-class logit {@code z = ln(p / (1 - p))} of the network's softmax: the
 * shown probability is {@code sigmoid(slope * z + intercept)}. Temperature scaling is {@code slope = 1 / T},
 * {@code intercept = 0}; Platt scaling fits both; identity is slope 1, intercept 0 (models made before
 * calibration). The slope is positive, so calibration never reorders images: AUC and the threshold's partition of
 * the validation images do not change, only the numbers shown.
 *
 * @param method      {@value #IDENTITY}, {@value #TEMPERATURE} or {@value #PLATT}
 * @param valSource   what it was fitted on (a folder name, never a path)
 * @param figures     validation figures before and after, in-sample and cross-fitted; null for identity
 * @param band        the borderline band around the operating point; null when none was derived
 * @param candidates  every method tried, with its cross-fitted scores (the chosen one is {@code method})
 * @param reliability the reliability diagram of the calibrated validation probabilities
 * @param roc         ROC points of the calibrated validation probabilities (thresholds on the calibrated scale)
 */
public record Calibration(String method, double slope, double intercept, String valSource, Figures figures,
                          Band band, List<Candidate> candidates, List<ReliabilityBin> reliability,
                          List<RocPoint> roc) {
    public static final String IDENTITY = "identity";
    public static final String TEMPERATURE = "temperature";
    public static final String PLATT = "platt";
    /** The calibration of a model file that has none: the network's softmax as it is. */
    public static final Calibration NONE = new Calibration(IDENTITY, 1, 0, null, null, null, List.of(), List.of(),
            List.of());
    /** Logits are clamped to this magnitude (a softmax output of 1 - 1e-20 in double). */
    public static final double MAX_LOGIT = 46;
    private static final double TINY = 1e-20;

    public Calibration {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        reliability = reliability == null ? List.of() : List.copyOf(reliability);
        roc = roc == null ? List.of() : List.copyOf(roc);
    }

    /**
     * Figures on validation images, the expected calibration errors with {@code bins} equal-width bins.
     *
     * @param n            validation images
     * @param eceRaw       of the network's softmax, uncalibrated
     * @param eceInSample  calibration fitted and scored on all of them (optimistic)
     * @param eceCrossFit  fitted on one patient-disjoint half, scored on the other, both ways, pooled; the mean over
     *                     {@code crossFitSpread.splits()} halvings (one, in files made before the spread was recorded)
     * @param nllRaw       mean negative log-likelihood (nats) of the softmax
     * @param nllInSample  of the shipped calibration on the images it was fitted on
     * @param nllCrossFit  cross-fitted as above
     * @param seed         seed of the patient-disjoint halves and of the bootstrap
     * @param eceFloor     what a perfectly calibrated model with these calibrated probabilities would show; null in
     *                     files made before it was recorded
     * @param crossFitSpread how the cross-fitted ECE varied over the halvings; null in files made before it was
     *                     recorded (their cross-fitted figures come from one halving)
     */
    public record Figures(int n, int bins, double eceRaw, double eceInSample, double eceCrossFit, double nllRaw,
                          double nllInSample, double nllCrossFit, long seed, EceFloor eceFloor,
                          CrossFitSpread crossFitSpread) {
    }

    /**
     * The cross-fitted ECE over {@code splits} patient-disjoint halvings of the validation images: its mean, its
     * 10th and 90th percentiles, and the figure of the first halving alone (what one split would have reported).
     */
    public record CrossFitSpread(int splits, double mean, double p10, double p90, double firstSplit) {
    }

    /**
     * The ECE's sampling floor on a finite validation set: the ECE of labels drawn at random with exactly the
     * calibrated probabilities (a model calibrated perfectly by construction), over {@code draws} draws. On a few
     * hundred images it is far from zero, so an ECE near {@code mean} is as good as these images can show, and a
     * target below {@code p10} is one a perfectly calibrated model misses nine times in ten.
     */
    public record EceFloor(double mean, double p10, double p90, int draws) {
    }

    /**
     * Probabilities of the positive class from {@code low} to {@code high} (inclusive) are borderline.
     *
     * @param resamples      bootstrap resamples of the validation patients behind it
     * @param lowPercentile  percentile of the resampled operating points giving {@code low} before widening
     * @param minHalfWidth   the band reaches at least this far on each side of the operating point
     */
    public record Band(double low, double high, int resamples, double lowPercentile, double highPercentile,
                       double minHalfWidth) {
        public boolean contains(double p) {
            return p >= low && p <= high;
        }
    }

    /** One method tried, scored on the half it was not fitted on. */
    public record Candidate(String method, double slope, double intercept, double nllCrossFit, double eceCrossFit) {
    }

    /** Images whose calibrated probability lies in [lower, upper): their mean probability and observed share. */
    public record ReliabilityBin(double lower, double upper, int count, double meanPredicted, double observed) {
    }

    /** A point of the ROC curve: calling positive at {@code threshold} (calibrated scale) gives these rates. */
    public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {
    }

    public boolean isIdentity() {
        return IDENTITY.equals(method);
    }

    /** The calibrated probability of a positive-class logit. */
    public double apply(double logit) {
        return sigmoid(slope * logit + intercept);
    }

    /**
     * Calibrated probabilities of a softmax output (in class order). Two classes: the positive class gets
     * {@code sigmoid(slope * z + intercept)}, the other its complement, each computed without cancellation so
     * that a small probability keeps its digits. More classes: returned unchanged (only identity is allowed).
     */
    public double[] apply(double[] softmax, int positive) {
        if (softmax.length != 2 || isIdentity()) {
            return softmax.clone();
        }
        double s = slope * logit(softmax, positive) + intercept;
        double[] out = new double[2];
        out[positive] = sigmoid(s);
        out[1 - positive] = sigmoid(-s);
        return out;
    }

    /**
     * The positive-class logit {@code ln(p / (1 - p))} from a softmax output, with {@code 1 - p} taken as the sum
     * of the other classes' outputs (in float a 1.0 beside a 1e-9 still gives z = 20.7), clamped to
     * +-{@value #MAX_LOGIT}.
     */
    public static double logit(double[] softmax, int positive) {
        double rest = 0;
        for (int c = 0; c < softmax.length; c++) {
            if (c != positive) {
                rest += softmax[c];
            }
        }
        double z = Math.log(Math.max(softmax[positive], TINY)) - Math.log(Math.max(rest, TINY));
        return Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, z));
    }

    public static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    /** Null if this is a sane stored calibration for a model with {@code classes} classes and this threshold, else why not. */
    public String problem(int classes, double threshold) {
        if (!(IDENTITY.equals(method) || TEMPERATURE.equals(method) || PLATT.equals(method))) {
            return "unknown calibration method " + method;
        }
        if (!(slope > 0 && slope <= 1e3) || !(Math.abs(intercept) <= 1e3)) {
            return "calibration slope " + slope + " or intercept " + intercept + " out of range (slope in (0, 1000], "
                    + "|intercept| <= 1000)";
        }
        if (TEMPERATURE.equals(method) && intercept != 0 || IDENTITY.equals(method) && (slope != 1 || intercept != 0)) {
            return "calibration " + method + " with slope " + slope + " and intercept " + intercept;
        }
        if (classes != 2 && !isIdentity()) {
            return "calibration of the positive-class logit needs two classes, the model has " + classes;
        }
        if (valSource != null && valSource.length() > 500) {
            return "calibration source name longer than 500 characters";
        }
        if (figures != null && !(figures.n() >= 0 && figures.bins() > 0 && figures.bins() <= 100)) {
            return "calibration figures out of range";
        }
        if (band != null && !(band.low() > 0 && band.low() <= threshold && threshold <= band.high() && band.high() < 1)) {
            return "borderline band [" + band.low() + ", " + band.high() + "] does not surround the threshold "
                    + threshold + " inside (0, 1)";
        }
        if (candidates.size() > 10 || reliability.size() > 100 || roc.size() > MAX_ROC_POINTS) {
            return "calibration lists too long";
        }
        for (ReliabilityBin b : reliability) {
            if (b == null || b.count() < 0 || !unit(b.lower()) || !unit(b.upper()) || !unitOrNaN(b.meanPredicted())
                    || !unitOrNaN(b.observed())) {
                return "reliability bin out of range";
            }
        }
        for (RocPoint p : roc) {
            if (p == null || !unitOrNaN(p.falsePositiveRate()) || !unitOrNaN(p.truePositiveRate())
                    || !(p.threshold() >= 0 && p.threshold() <= 1.0001)) {
                return "ROC point out of range";
            }
        }
        return null;
    }

    /** At most this many ROC points are stored (thinned evenly when a validation set has more). */
    public static final int MAX_ROC_POINTS = 1001;

    private static boolean unit(double v) {
        return v >= 0 && v <= 1;
    }

    private static boolean unitOrNaN(double v) {
        return Double.isNaN(v) || unit(v);
    }
}
