package org.pneumolens.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Softmax probabilities per class (in the model's class order) and the label the model's threshold gives.
 */
public record Prediction(List<String> classes, double[] probabilities, String label, double threshold,
                         String positiveClass) {
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

    public int labelIndex() {
        return classes.indexOf(label);
    }
}
