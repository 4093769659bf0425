package org.pneumolens.core.metrics;

import java.util.List;

/**
 * Figures of a classifier on one labelled set, for the positive class against the rest.
 *
 * @param confusion {@code [[tn, fp], [fn, tp]]}
 * @param ece       expected calibration error of the positive-class probability
 *                  ({@value BinaryMetrics#ECE_BINS} equal-width bins)
 */
public record Evaluation(int n, double accuracy, double sensitivity, double specificity, double balancedAccuracy,
                         double auc, double threshold, int[][] confusion, List<RocPoint> roc, double ece) {
    public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {
    }
}
