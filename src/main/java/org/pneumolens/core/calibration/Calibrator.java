package org.pneumolens.core.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.pneumolens.core.metrics.BinaryMetrics;
import org.pneumolens.core.metrics.Evaluation;

/**
 * Fits a model's calibration, operating point and borderline band on validation images (the end of training,
 * and {@code calibrate} for an existing model).
 *
 * <ol>
 *   <li>Each method (identity, temperature, Platt) is cross-fitted: fitted on one of two patient-disjoint,
 *       class-stratified halves of the images, scored on the other, both ways, over {@value #SPLITS} seeded
 *       halvings. One halving is not enough: on a few hundred images the cross-fitted ECE of the same model moved
 *       from 0.035 to 0.053 between two seeds, so a figure from one split says more about the split than the model.
 *       Every score is the mean over the halvings. The method with the lowest mean negative log-likelihood is
 *       chosen (a proper score; ties go to the simpler method), then fitted on all of them: that is the shipped
 *       calibration, whose in-sample figures are optimistic and reported as such.</li>
 *   <li>The operating point is the Youden threshold of the calibrated probabilities.</li>
 *   <li>The borderline band: the {@value #LOW_PERCENTILE}th to {@value #HIGH_PERCENTILE}th percentile of the
 *       Youden threshold over {@value #RESAMPLES} bootstrap resamples of the patients (per class, so each resample
 *       has both), widened to at least +-{@value #MIN_HALF_WIDTH} around the operating point: where the data do
 *       not settle which side of the threshold an image belongs.</li>
 * </ol>
 */
public final class Calibrator {
    public static final int RESAMPLES = 500;
    public static final double LOW_PERCENTILE = 5;
    public static final double HIGH_PERCENTILE = 95;
    public static final double MIN_HALF_WIDTH = 0.02;
    /** Methods in order of simplicity; a later one must beat an earlier one to be chosen. */
    public static final List<String> METHODS = List.of(Calibration.IDENTITY, Calibration.TEMPERATURE, Calibration.PLATT);
    /** Random label draws behind {@link Calibration.EceFloor}. */
    public static final int FLOOR_DRAWS = 2000;
    /** Patient-disjoint halvings behind every cross-fitted figure. */
    public static final int SPLITS = 100;
    private static final double THRESHOLD_MARGIN = 1e-6;

    private Calibrator() {
    }

    /**
     * @param calibration      to store in the model's metadata
     * @param threshold        the operating point on the calibrated scale
     * @param calibrated       the calibrated probabilities of the images, [n, classes]
     * @param evaluation       the figures of the calibrated probabilities at {@code threshold}
     */
    public record Result(Calibration calibration, double threshold, double[][] calibrated, Evaluation evaluation) {
    }

    /**
     * @param softmax   the network's outputs for the validation images, [n, 2]
     * @param labels    each image's class index
     * @param positive  index of the positive class
     * @param patients  each image's patient id ({@link org.pneumolens.core.data.PatientIds})
     * @param valSource what the images are, for the record (a folder name)
     */
    public static Result fit(double[][] softmax, int[] labels, int positive, List<String> patients, String valSource,
                             long seed) {
        return fit(softmax, labels, positive, patients, valSource, seed, null);
    }

    /**
     * As above, with the method given instead of chosen ({@code null}: chosen by cross-fitted NLL); every method is
     * still cross-fitted and reported.
     */
    public static Result fit(double[][] softmax, int[] labels, int positive, List<String> patients, String valSource,
                             long seed, String method) {
        if (method != null && !METHODS.contains(method)) {
            throw new IllegalArgumentException("calibration method must be one of " + METHODS + ", was " + method);
        }
        int n = softmax.length;
        if (n < 4 || labels.length != n || patients.size() != n) {
            throw new IllegalArgumentException("calibration needs at least 4 validation images with labels and "
                    + "patient ids (got " + n + ")");
        }
        double[] z = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (softmax[i].length != 2) {
                throw new IllegalArgumentException("calibration needs a two-class model");
            }
            z[i] = Calibration.logit(softmax[i], positive);
            y[i] = labels[i] == positive;
        }
        List<boolean[]> halvings = halvings(patients, y, seed);
        List<Calibration.Candidate> candidates = new ArrayList<>();
        Calibration.Candidate chosen = null;
        CrossFit chosenScores = null;
        for (String m : METHODS) {
            CrossFit scores = crossFit(m, z, y, halvings);
            LogitFits.Fit all = LogitFits.fit(m, z, y);
            Calibration.Candidate c = new Calibration.Candidate(m, all.slope(), all.intercept(), scores.nll(),
                    scores.ece());
            candidates.add(c);
            if (method != null ? m.equals(method) : chosen == null || c.nllCrossFit() < chosen.nllCrossFit() - 1e-9) {
                chosen = c;
                chosenScores = scores;
            }
        }
        LogitFits.Fit fit = new LogitFits.Fit(chosen.method(), chosen.slope(), chosen.intercept());
        double[] q = new double[n];
        double[] raw = new double[n];
        double[][] calibrated = new double[n][];
        for (int i = 0; i < n; i++) {
            q[i] = fit.apply(z[i]);
            raw[i] = Math.max(0, Math.min(1, softmax[i][positive]));
            calibrated[i] = new double[2];
            calibrated[i][positive] = q[i];
            calibrated[i][1 - positive] = Calibration.sigmoid(-(fit.slope() * z[i] + fit.intercept()));
        }
        double threshold = Math.max(THRESHOLD_MARGIN, Math.min(1 - THRESHOLD_MARGIN,
                BinaryMetrics.youdenThreshold(y, q)));
        Calibration.Band band = band(q, y, patients, threshold, seed);
        Calibration.Figures figures = new Calibration.Figures(n, BinaryMetrics.ECE_BINS,
                BinaryMetrics.expectedCalibrationError(y, raw), BinaryMetrics.expectedCalibrationError(y, q),
                chosen.eceCrossFit(), LogitFits.nll(raw, y), LogitFits.nll(q, y), chosen.nllCrossFit(), seed,
                eceFloor(q, BinaryMetrics.ECE_BINS, FLOOR_DRAWS, seed), chosenScores.spread());
        Evaluation eval = BinaryMetrics.evaluate(y, q, threshold);
        Calibration cal = new Calibration(fit.method(), fit.slope(), fit.intercept(), valSource, figures, band,
                candidates, reliability(y, q, BinaryMetrics.ECE_BINS), thin(eval.roc()));
        return new Result(cal, threshold, calibrated, eval);
    }

    /**
     * The ECE that perfectly calibrated probabilities {@code q} show on {@code q.length} images: labels drawn with
     * exactly those probabilities, {@code draws} times (seeded), then the mean and the 10th / 90th percentiles.
     */
    public static Calibration.EceFloor eceFloor(double[] q, int bins, int draws, long seed) {
        Random rnd = new Random(seed);
        double[] e = new double[draws];
        boolean[] y = new boolean[q.length];
        double sum = 0;
        for (int d = 0; d < draws; d++) {
            for (int i = 0; i < q.length; i++) {
                y[i] = rnd.nextDouble() < q[i];
            }
            e[d] = BinaryMetrics.expectedCalibrationError(y, q, bins);
            sum += e[d];
        }
        Arrays.sort(e);
        return new Calibration.EceFloor(sum / draws, percentile(e, 10), percentile(e, 90), draws);
    }

    /** A method's cross-fitted scores: the mean NLL over the halvings, and the ECE's mean and spread across them. */
    record CrossFit(double nll, Calibration.CrossFitSpread spread) {
        double ece() {
            return spread.mean();
        }
    }

    /** {@value #SPLITS} patient-disjoint, class-stratified halvings, the r-th seeded with {@code seed + r}. */
    static List<boolean[]> halvings(List<String> patients, boolean[] y, long seed) {
        List<boolean[]> h = new ArrayList<>(SPLITS);
        for (int r = 0; r < SPLITS; r++) {
            h.add(PatientHalves.split(patients, y, seed + r));
        }
        return h;
    }

    static CrossFit crossFit(String method, double[] z, boolean[] y, List<boolean[]> halvings) {
        double[] ece = new double[halvings.size()];
        double nll = 0;
        double eceSum = 0;
        for (int r = 0; r < ece.length; r++) {
            double[] q = crossFit(method, z, y, halvings.get(r));
            ece[r] = BinaryMetrics.expectedCalibrationError(y, q);
            eceSum += ece[r];
            nll += LogitFits.nll(q, y);
        }
        double[] sorted = ece.clone();
        Arrays.sort(sorted);
        return new CrossFit(nll / ece.length, new Calibration.CrossFitSpread(ece.length, eceSum / ece.length,
                percentile(sorted, 10), percentile(sorted, 90), ece[0]));
    }

    /** Cross-fitted probabilities: each image's from the fit on the half it is not in. */
    static double[] crossFit(String method, double[] z, boolean[] y, boolean[] first) {
        double[] q = new double[z.length];
        for (boolean half : new boolean[]{true, false}) {
            LogitFits.Fit f = LogitFits.fit(method, select(z, first, half), select(y, first, half));
            for (int i = 0; i < z.length; i++) {
                if (first[i] != half) {
                    q[i] = f.apply(z[i]);
                }
            }
        }
        return q;
    }

    /**
     * Cross-fitted ECE of a method on a labelled set, as {@link #fit} computes it (mean over {@value #SPLITS}
     * halvings, and its spread): for {@code evaluate}, how well that method calibrates these images when fitted on
     * other patients.
     */
    public static Calibration.CrossFitSpread crossFitEce(String method, double[][] softmax, int[] labels,
                                                         int positive, List<String> patients, long seed) {
        double[] z = new double[softmax.length];
        boolean[] y = new boolean[softmax.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = Calibration.logit(softmax[i], positive);
            y[i] = labels[i] == positive;
        }
        return crossFit(method, z, y, halvings(patients, y, seed)).spread();
    }

    static Calibration.Band band(double[] q, boolean[] y, List<String> patients, double threshold, long seed) {
        List<List<Integer>> pos = new ArrayList<>();
        List<List<Integer>> neg = new ArrayList<>();
        for (List<Integer> imgs : PatientHalves.groups(patients).values()) {
            (y[imgs.get(0)] ? pos : neg).add(imgs);
        }
        Random rnd = new Random(seed);
        double[] t = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            List<Integer> idx = new ArrayList<>();
            for (List<List<Integer>> group : List.of(neg, pos)) {
                for (int k = 0; k < group.size(); k++) {
                    idx.addAll(group.get(rnd.nextInt(group.size())));
                }
            }
            double[] qs = new double[idx.size()];
            boolean[] ys = new boolean[idx.size()];
            for (int i = 0; i < qs.length; i++) {
                qs[i] = q[idx.get(i)];
                ys[i] = y[idx.get(i)];
            }
            t[r] = BinaryMetrics.youdenThreshold(ys, qs);
        }
        Arrays.sort(t);
        double low = Math.min(percentile(t, LOW_PERCENTILE), threshold - MIN_HALF_WIDTH);
        double high = Math.max(percentile(t, HIGH_PERCENTILE), threshold + MIN_HALF_WIDTH);
        low = Math.max(THRESHOLD_MARGIN / 2, low);
        high = Math.min(1 - THRESHOLD_MARGIN / 2, high);
        return new Calibration.Band(low, high, RESAMPLES, LOW_PERCENTILE, HIGH_PERCENTILE, MIN_HALF_WIDTH);
    }

    /** Linear interpolation between order statistics of sorted values. */
    static double percentile(double[] sorted, double pct) {
        double pos = pct / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    /** Reliability diagram: per equal-width bin, its images' mean probability and observed positive share. */
    public static List<Calibration.ReliabilityBin> reliability(boolean[] y, double[] q, int bins) {
        double[] sumP = new double[bins];
        int[] pos = new int[bins];
        int[] count = new int[bins];
        for (int i = 0; i < q.length; i++) {
            int b = Math.min(bins - 1, (int) (q[i] * bins));
            sumP[b] += q[i];
            pos[b] += y[i] ? 1 : 0;
            count[b]++;
        }
        List<Calibration.ReliabilityBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            out.add(new Calibration.ReliabilityBin((double) b / bins, (double) (b + 1) / bins, count[b],
                    count[b] == 0 ? Double.NaN : sumP[b] / count[b],
                    count[b] == 0 ? Double.NaN : (double) pos[b] / count[b]));
        }
        return out;
    }

    /** At most {@link Calibration#MAX_ROC_POINTS} points, evenly chosen, first and last kept. */
    static List<Calibration.RocPoint> thin(List<Evaluation.RocPoint> roc) {
        int m = roc.size();
        int keep = Math.min(m, Calibration.MAX_ROC_POINTS);
        List<Calibration.RocPoint> out = new ArrayList<>(keep);
        for (int k = 0; k < keep; k++) {
            Evaluation.RocPoint p = roc.get(keep == 1 ? 0 : (int) Math.round((double) k * (m - 1) / (keep - 1)));
            out.add(new Calibration.RocPoint(Math.min(1, p.threshold()), p.falsePositiveRate(), p.truePositiveRate()));
        }
        return out;
    }

    private static double[] select(double[] v, boolean[] first, boolean half) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> first[i] == half).mapToDouble(i -> v[i])
                .toArray();
    }

    private static boolean[] select(boolean[] v, boolean[] first, boolean half) {
        int n = 0;
        for (boolean f : first) if (f == half) n++;
        boolean[] out = new boolean[n];
        for (int i = 0, k = 0; i < v.length; i++) if (first[i] == half) out[k++] = v[i];
        return out;
    }
}
