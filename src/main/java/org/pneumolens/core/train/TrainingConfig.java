package org.pneumolens.core.train;

import org.pneumolens.core.model.Architectures;

/**
 * Hyperparameters of one training run. Defaults are the bundled model's.
 *
 * @param valFraction share of training patients held out for validation when the dataset has no val/ folder
 * @param patience    epochs without a better validation AUC before stopping early (0: never stop early)
 * @param labelSmoothing share of each one-hot training label spread evenly over the classes (0: plain one-hot);
 *                    a softer target keeps the logits from growing without bound on the easy majority of images
 * @param width       channel multiplier of PneumoNet's convolutions (1: the bundled model's 16-256 channels)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, int inputSize, boolean augmentation,
                             boolean classWeights, int patience, double valFraction, long seed,
                             double labelSmoothing, double width) {
    public static final TrainingConfig DEFAULTS = new TrainingConfig(20, 32, 1e-3, 112, true, true, 6, 0.2, 42, 0, 1);

    public TrainingConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batch size must be between 1 and 1024, was " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), was " + learningRate);
        }
        if (inputSize < 32 || inputSize > 512) {
            throw new IllegalArgumentException("input size must be between 32 and 512, was " + inputSize);
        }
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        if (!(valFraction > 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), was " + valFraction);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 0.5), was " + labelSmoothing);
        }
        Architectures.requireWidth(width);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, learningRate, inputSize, augmentation, classWeights, patience,
                valFraction, seed, labelSmoothing, width);
    }
}
