package org.pneumolens.core.train;

import java.nio.file.Path;

/**
 * What the kept model said about one validation image: lets the window show the images of a confusion-matrix
 * cell (e.g. the missed pneumonias) with their probabilities.
 *
 * @param label         the image's actual class index
 * @param predicted     the class the kept model calls at its threshold
 * @param probabilities one per class, in the model's class order
 */
public record ValPrediction(Path path, int label, int predicted, double[] probabilities) {
    public ValPrediction {
        probabilities = probabilities.clone();
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }
}
