package org.pneumolens.core.report;

import java.nio.file.Path;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.Resampler;
import org.pneumolens.core.model.GradCam;
import org.pneumolens.core.model.PneumoModel;

/** Reads a file again for its report page: one decode, the prediction and check, and the positive class's map. */
public final class ReportImages {
    /** Longest side of the radiograph embedded in a report: about 200 dpi across an A4 page. */
    public static final int MAX_SIDE = 1600;

    private ReportImages() {
    }

    public static ReportImage load(PneumoModel model, Path file, Display display) throws ImageDecodeException {
        Screening.ScreenedFile s = Screening.predict(model, file);
        GreyImage full = s.image();
        int positive = model.metadata().positiveIndex();
        GradCam.Heatmap map = model.gradCam(full, positive);
        SourceFacts source = s.header() != null
                ? SourceFacts.dicom(full.width(), full.height(), s.header())
                : new SourceFacts(SourceFacts.sniffFormat(file), full.width(), full.height(), null);
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(full.width(), full.height()));
        GreyImage shown = scale >= 1 ? full : Resampler.resize(full, Math.max(1, (int) Math.round(full.width() * scale)),
                Math.max(1, (int) Math.round(full.height() * scale)));
        return new ReportImage(file, shown, map, model.classes().get(positive), s.prediction(), s.check(), source,
                display);
    }
}
