package org.pneumolens.core.model;

import java.util.List;
import java.util.Map;

/**
 * Everything a model file says about itself besides its weights: what it expects as input, what its outputs
 * mean, how it was trained and how well it did on validation data. Stored as JSON inside the model zip.
 *
 * @param layout      tensor layout of the input, "NCHW" or "NHWC" (same memory for one grey channel)
 * @param threshold   the positive class is called when its probability is at least this (chosen on val)
 */
public record ModelMetadata(int formatVersion, String name, String architecture, List<String> classes,
                            String positiveClass, double threshold, Input input, Metrics valMetrics,
                            TrainingSummary training, String createdAt, String appVersion) {
    /** Bump when a field changes meaning; loading refuses newer versions. */
    public static final int FORMAT_VERSION = 1;

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

    public int positiveIndex() {
        return classes.indexOf(positiveClass);
    }

    /** The same metadata under another name (the user names a model when saving it). */
    public ModelMetadata withName(String newName) {
        return new ModelMetadata(formatVersion, newName, architecture, classes, positiveClass, threshold, input,
                valMetrics, training, createdAt, appVersion);
    }
}
