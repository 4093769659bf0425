package org.pneumolens.core.model;

import java.util.List;
import java.util.Map;
import org.pneumolens.core.calibration.Calibration;

/**
 * Everything a model file says about itself besides its weights: what it expects as input, what its outputs
 * mean, how it was trained and how well it did on validation data. Stored as JSON inside the model zip.
 *
 * @param layout      tensor layout of the input, "NCHW" or "NHWC" (same memory for one grey channel)
 * @param threshold   the positive class is called when its probability (calibrated, when the model has a
 *                    calibration) is at least this (chosen on val)
 * @param calibration how the network's softmax becomes the probability shown, with the borderline band and the
 *                    validation figures behind it; null in files made before calibration (format 1): the softmax
 *                    as it is, no band
 * @param ensemble    the member networks averaged into one output (format 3); null for a single network
 */
public record ModelMetadata(int formatVersion, String name, String architecture, List<String> classes,
                            String positiveClass, double threshold, Input input, Metrics valMetrics,
                            TrainingSummary training, String createdAt, String appVersion,
                            Calibration calibration, Ensemble ensemble) {
    /**
     * Bump when a field changes meaning; loading refuses newer versions. 2: the threshold is on the calibrated
     * scale (a version-1 reader would apply it to the raw softmax). 3: a file may hold several member networks whose
     * softmax outputs are averaged (a version-2 reader would use the first alone, with the ensemble's calibration).
     */
    public static final int FORMAT_VERSION = 3;

    /** The most member networks a model file may hold. */
    public static final int MAX_MEMBERS = 5;

    /** Metadata without a calibration (the network's softmax is shown as it is). */
    public ModelMetadata(int formatVersion, String name, String architecture, List<String> classes,
                         String positiveClass, double threshold, Input input, Metrics valMetrics,
                         TrainingSummary training, String createdAt, String appVersion) {
        this(formatVersion, name, architecture, classes, positiveClass, threshold, input, valMetrics, training,
                createdAt, appVersion, null, null);
    }

    /** Metadata of a single network. */
    public ModelMetadata(int formatVersion, String name, String architecture, List<String> classes,
                         String positiveClass, double threshold, Input input, Metrics valMetrics,
                         TrainingSummary training, String createdAt, String appVersion, Calibration calibration) {
        this(formatVersion, name, architecture, classes, positiveClass, threshold, input, valMetrics, training,
                createdAt, appVersion, calibration, null);
    }

    /**
     * Several independently trained networks of one architecture and input, whose softmax outputs are averaged
     * (in probability space) before calibration; the first also gives the input check its features.
     *
     * @param members  how many networks the file holds (2 to {@value #MAX_MEMBERS})
     * @param training each member's own training summary, in member order
     */
    public record Ensemble(int members, List<TrainingSummary> training) {
    }

    /** How many networks the model file holds: 1 unless it is an ensemble. */
    public int memberCount() {
        return ensemble == null ? 1 : ensemble.members();
    }

    /** The same metadata describing an ensemble of members (their summaries in order); the rest is kept. */
    public ModelMetadata withEnsemble(Ensemble e, String newName) {
        return new ModelMetadata(FORMAT_VERSION, newName, architecture, classes, positiveClass, threshold, input,
                valMetrics, training, createdAt, appVersion, calibration, e);
    }

    public record Input(int size, int datasetSize, float mean, float std, String layout, int channels) {
    }

    public record Metrics(int n, double accuracy, double sensitivity, double specificity, double auc, double ece,
                          int[][] confusion) {
    }

    public record TrainingSummary(String trainData, Map<String, Integer> trainCounts, String valSource,
                                  Map<String, Integer> valCounts, int epochsRun, int bestEpoch, int batchSize,
                                  double learningRate, boolean augmentation, boolean classWeights, long seed,
                                  double seconds, double labelSmoothing, double width) {
        /** The channel multiplier; files written before it was recorded hold 0 here and were all width 1. */
        public double widthOrDefault() {
            return width > 0 ? width : 1;
        }
    }

    /** The stored calibration, or {@link Calibration#NONE} for a file made before calibration. */
    public Calibration calibrationOrNone() {
        return calibration == null ? Calibration.NONE : calibration;
    }

    /**
     * The same model with a new calibration, its operating point on the calibrated scale and the validation figures
     * of the calibrated probabilities (everything else, the network and input check included, stays as it was).
     */
    public ModelMetadata withCalibration(Calibration c, double newThreshold, Metrics newValMetrics) {
        return new ModelMetadata(FORMAT_VERSION, name, architecture, classes, positiveClass, newThreshold, input,
                newValMetrics, training, createdAt, appVersion, c, ensemble);
    }

    public int positiveIndex() {
        return classes.indexOf(positiveClass);
    }

    /** The same metadata under another name (the user names a model when saving it). */
    public ModelMetadata withName(String newName) {
        return new ModelMetadata(formatVersion, newName, architecture, classes, positiveClass, threshold, input,
                valMetrics, training, createdAt, appVersion, calibration, ensemble);
    }
}
