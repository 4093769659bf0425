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
 */
public record ModelMetadata(int formatVersion, String name, String architecture, List<String> classes,
                            String positiveClass, double threshold, Input input, Metrics valMetrics,
                            TrainingSummary training, String createdAt, String appVersion,
                            Calibration calibration) {
    /**
     * Bump when a field changes meaning; loading refuses newer versions. 2: the threshold is on the calibrated
     * scale (a version-1 reader would apply it to the raw softmax).
     */
    public static final int FORMAT_VERSION = 2;

    /** Metadata without a calibration (the network's softmax is shown as it is). */
    public ModelMetadata(int formatVersion, String name, String architecture, List<String> classes,
                         String positiveClass, double threshold, Input input, Metrics valMetrics,
                         TrainingSummary training, String createdAt, String appVersion) {
        this(formatVersion, name, architecture, classes, positiveClass, threshold, input, valMetrics, training,
                createdAt, appVersion, null);
    }

    public record Input(int size, int datasetSize, float mean, float std, String layout, int channels) {
    }

    public record Metrics(int n, double accuracy, double sensitivity, double specificity, double auc, double ece,
                          int[][] confusion) {
    }

    public record TrainingSummary(String trainData, Map<String, Integer> trainCounts, String valSource,
                                  Map<String, Integer> valCounts, int epochsRun, int bestEpoch, int batchSize,
                                  double learningRate, boolean augmentation, boolean classWeights, long seed,
                                  double seconds) {
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
                newValMetrics, training, createdAt, appVersion, c);
    }

    public int positiveIndex() {
        return classes.indexOf(positiveClass);
    }

    /** The same metadata under another name (the user names a model when saving it). */
    public ModelMetadata withName(String newName) {
        return new ModelMetadata(formatVersion, newName, architecture, classes, positiveClass, threshold, input,
                valMetrics, training, createdAt, appVersion, calibration);
    }
}
