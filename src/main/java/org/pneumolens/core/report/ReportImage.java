package org.pneumolens.core.report;

import java.nio.file.Path;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.model.GradCam;
import org.pneumolens.core.model.Prediction;

/**
 * What one report page shows: the radiograph (at most report resolution), the Grad-CAM map of {@code mapClass},
 * the prediction and check, the file's source facts and how it is displayed.
 */
public record ReportImage(Path file, GreyImage image, GradCam.Heatmap map, String mapClass, Prediction prediction,
                          CheckResult check, SourceFacts source, Display display) {
}
