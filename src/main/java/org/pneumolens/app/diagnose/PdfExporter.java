package org.pneumolens.app.diagnose;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.function.Consumer;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.dicom.DicomImage;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.Resampler;
import org.pneumolens.core.io.AtomicFiles;
import org.pneumolens.core.model.GradCam;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.report.Display;
import org.pneumolens.core.report.PdfReport;
import org.pneumolens.core.report.ReportImage;
import org.pneumolens.core.report.ReportImages;

/**
 * File > Export report as PDF: core.report's page of what the Diagnose view shows, read from the view-model's
 * state and the viewer's {@link ReportExporter.Look} (no nodes, no toolkit): the radiograph with the window/level
 * and inversion on screen (a DICOM file rendered from its stored values through that window, in its own units),
 * the overlay of the class shown at the opacity shown (none while it is hidden), the verdict or the refusal with its
 * reasons, the model output of a refused image only when the user asked for it (then under its warning), the DICOM
 * header as the header panel shows it, the model and its validation figures, the date and the research-use notice.
 */
final class PdfExporter {
    private PdfExporter() {
    }

    /** What the page gets: taken on the FX thread, written on the executor. */
    record Page(PneumoModel model, ReportImage image, PdfReport.Options options, PdfReport.Shown shown) {
    }

    /** The page for the view-model's current state; null when there is no model output to report yet. */
    static Page page(DiagnoseViewModel vm, ReportExporter.Look look) {
        DiagnoseState state = vm.stateProperty().get();
        Diagnosis d = state.diagnosis();
        PneumoModel model = vm.models().getModel();
        if (d == null || !d.hasPrediction() || d.check() == null || model == null) {
            return null;
        }
        double opacity = Math.max(0, Math.min(1, vm.overlayOpacityProperty().get()));
        GreyImage picture;
        Display display;
        if (d.dicom() != null) {
            // As the viewer draws it: the stored values through the window in the file's units, to 8 bits.
            DicomImage dicom = d.dicom();
            byte[] grey = dicom.render(look.dicomWindow() != null ? look.dicomWindow() : dicom.defaultWindow());
            float[] px = new float[grey.length];
            for (int i = 0; i < px.length; i++) {
                px[i] = (grey[i] & 0xff) / 255f;
            }
            picture = new GreyImage(dicom.width(), dicom.height(), px);
            display = new Display(1, 0.5, look.inverted(), opacity);
        } else {
            picture = d.image();
            display = new Display(Math.max(1e-6, look.window()), look.level(), look.inverted(), opacity);
        }
        picture = atMost(picture, ReportImages.MAX_SIDE);
        boolean overlayShown = vm.overlayVisibleProperty().get() && state.overlay() != null;
        GradCam.Heatmap map = overlayShown ? heatmap(state.overlay()) : null;
        boolean ids = vm.showIdentifiersProperty().get();
        String note = state.overlay() == null ? "No overlay shown (no model output shown for this image)"
                : "Overlay hidden in the viewer (Grad-CAM for " + state.overlayClass() + ")";
        PdfReport.Shown shown = new PdfReport.Shown(
                "Window/level " + look.windowLevel(d) + (look.inverted() ? ", inverted" : ", not inverted"),
                state.outputHidden(),
                state.refusal() != null && state.refusal().shownAnyway() ? state.refusal().warning() : null,
                d.dicom() == null ? null : DicomHeaderRows.of(d.dicom().header(), ids), note);
        SourceFacts source = d.dicom() != null
                ? SourceFacts.dicom(d.dicom().width(), d.dicom().height(), d.dicom().header())
                : new SourceFacts(d.file() == null ? "sample" : SourceFacts.sniffFormat(d.file()),
                        d.image().width(), d.image().height(), null);
        Path file = d.file() != null ? d.file() : Path.of(d.name());
        ReportImage image = new ReportImage(file, picture, map, state.overlayClass(), d.prediction(), d.check(),
                source, display);
        return new Page(model, image, new PdfReport.Options(ids, ZonedDateTime.now()), shown);
    }

    /** Writes the page to {@code target} (atomically) on the executor; the callbacks run on its UI thread. */
    static void export(TaskExecutor executor, Page page, Path target, Consumer<Path> saved,
                       Consumer<Throwable> failed) {
        executor.execute(BackgroundTask.of(() -> {
            write(page, target);
            return target;
        }).onSuccess(saved).onFailure(failed));
    }

    static void write(Page page, Path target) throws java.io.IOException {
        AtomicFiles.write(target, out -> PdfReport.single(out, page.model().metadata(), page.image(),
                page.options(), page.shown()));
    }

    /** The coloured map's alpha is its saliency (0..255): the map back as values in [0, 1]. */
    static GradCam.Heatmap heatmap(Overlay overlay) {
        float[] v = new float[overlay.argb().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (overlay.argb()[i] >>> 24) / 255f;
        }
        return new GradCam.Heatmap(overlay.width(), overlay.height(), v);
    }

    private static GreyImage atMost(GreyImage g, int side) {
        int longest = Math.max(g.width(), g.height());
        if (longest <= side) {
            return g;
        }
        double s = (double) side / longest;
        return Resampler.resize(g, Math.max(1, (int) Math.round(g.width() * s)),
                Math.max(1, (int) Math.round(g.height() * s)));
    }
}
