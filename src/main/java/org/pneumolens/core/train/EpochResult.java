package org.pneumolens.core.train;

/**
 * The figures of one finished epoch, immutable so it can be handed from the training thread to a UI.
 * Training figures are averaged over the epoch's (augmented) batches in training mode; validation figures
 * come from one inference pass over the validation images.
 */
public record EpochResult(int epoch, int totalEpochs, double trainLoss, double trainAccuracy, double valLoss,
                          double valAccuracy, double valAuc, double seconds, double learningRate, boolean best) {
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "epoch %d/%d  train loss %.4f acc %.4f | val loss %.4f acc %.4f auc %.4f | %.1fs lr %.2e%s",
                epoch, totalEpochs, trainLoss, trainAccuracy, valLoss, valAccuracy, valAuc, seconds, learningRate,
                best ? "  *best" : "");
    }
}
