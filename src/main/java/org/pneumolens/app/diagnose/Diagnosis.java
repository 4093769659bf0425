package org.pneumolens.app.diagnose;

import java.nio.file.Path;
import java.util.List;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.model.Prediction;

/**
 * One analysed image: what was read, what the model said and where it looked.
 *
 * @param file       the file on disk, or null for a bundled sample
 * @param name       what to call the image in the window and the report
 * @param prediction null when no model was loaded yet (the image is shown; the result follows)
 * @param overlays   one coloured Grad-CAM map per class, in the model's class order (empty without prediction)
 * @param modelName  the model that produced the prediction
 */
public record Diagnosis(Path file, String name, GreyImage image, Prediction prediction, List<Overlay> overlays,
                        String modelName) {
    public boolean hasPrediction() {
        return prediction != null;
    }

    public Overlay overlayFor(String className) {
        return overlays.stream().filter(o -> o.className().equals(className)).findFirst().orElse(null);
    }
}
