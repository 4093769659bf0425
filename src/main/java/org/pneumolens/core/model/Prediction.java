package org.pneumolens.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pneumolens.core.calibration.Calibration;

/**
 * Probabilities per class (in the model's class order; calibrated when the model has a calibration) and the
 * label the model's threshold gives.
 *
 * @param rawProbabilities the network's softmax before calibration (for Grad-CAM, the input check, debugging)
 * @param band             the model's borderline band on the positive class's probability; null when it has none
 */
public record Prediction(List<String> classes, double[] probabilities, String label, double threshold,
                         String positiveClass, double[] rawProbabilities, Calibration.Band band) {
    /** A prediction of an uncalibrated model without a band: the probabilities are the softmax. */
    public Prediction(List<String> classes, double[] probabilities, String label, double threshold,
                      String positiveClass) {
        this(classes, probabilities, label, threshold, positiveClass, probabilities, null);
    }

    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            m.put(classes.get(i), probabilities[i]);
        }
        return m;
    }

    public double probability(String cls) {
        return probabilities[classes.indexOf(cls)];
    }

    /** The (calibrated) probability of the positive class, the one compared with the threshold. */
    public double positiveProbability() {
        return probability(positiveClass);
    }

    public int labelIndex() {
        return classes.indexOf(label);
    }

    /**
     * True when the positive class's probability lies inside the model's borderline band around the threshold:
     * resamples of the validation data disagree about which side such an image is on, so it needs a human look.
     */
    public boolean borderline() {
        return band != null && band.contains(positiveProbability());
    }
}
