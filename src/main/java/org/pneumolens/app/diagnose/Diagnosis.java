package org.pneumolens.app.diagnose;

import java.nio.file.Path;
import java.util.List;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.dicom.DicomImage;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.model.Prediction;

/**
 * One analysed image: what was read, what the input check and the model said, and where the model looked.
 *
 * @param file          the file on disk, or null for a bundled sample
 * @param name          what to call the image in the window and the report
 * @param loaded        the image as decoded (grey, colour for the check, and a DICOM file's stored values)
 * @param prediction    null when no model was loaded yet (the image is shown; the result follows)
 * @param overlays      one coloured Grad-CAM map per class, in the model's class order (empty without prediction)
 * @param modelName     the model that produced the prediction
 * @param check         the input check's answer on this image; null without a prediction
 * @param modelHasCheck false when the model carries no fitted input check (only the image rules applied)
 */
public record Diagnosis(Path file, String name, LoadedImage loaded, Prediction prediction, List<Overlay> overlays,
                        String modelName, CheckResult check, boolean modelHasCheck) {
    /** A result without an input check's answer (a grey image, e.g. in a test). */
    public Diagnosis(Path file, String name, GreyImage image, Prediction prediction, List<Overlay> overlays,
                     String modelName) {
        this(file, name, LoadedImage.ofGrey(image), prediction, overlays, modelName, null, true);
    }

    public GreyImage image() {
        return loaded.grey();
    }

    /** The DICOM file's decoded image, or null for other files. */
    public DicomImage dicom() {
        return loaded.dicom();
    }

    public boolean hasPrediction() {
        return prediction != null;
    }

    /** True when the input check refused the image: no verdict is shown unless the user asks for it. */
    public boolean refused() {
        return check != null && !check.ok();
    }

    public Overlay overlayFor(String className) {
        return overlays.stream().filter(o -> o.className().equals(className)).findFirst().orElse(null);
    }
}
