package org.pneumolens.app.diagnose;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.pneumolens.core.io.AtomicFiles;
import org.pneumolens.app.common.ErrorReporter;
import org.pneumolens.app.common.SavedNotice;
import org.pneumolens.core.Notices;
import org.pneumolens.app.common.UserMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File > Export report: one PNG with the image as shown (window/level, invert, overlay and its opacity),
 * the probabilities against the threshold, the model, the date and the research-use notice. The PDF report of the
 * same screen is {@link PdfExporter}'s.
 */
final class ReportExporter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportExporter.class);
    private static final double IMAGE_WIDTH = 640;

    private ReportExporter() {
    }

    /** How the viewer shows the grey image: the report renders it the same way. */
    /** @param dicomWindow for a DICOM image, the window in the file's units; null shows its default window */
    record Look(double level, double window, boolean inverted, org.pneumolens.core.dicom.Window dicomWindow) {
        static final Look DEFAULT = new Look(0.5, 1.0, false, null);

        /** E.g. "W 160, L 90 (display values 0-255)" or "W 400, L 1200 (the file's values)". */
        String windowLevel(Diagnosis d) {
            if (d.dicom() != null) {
                org.pneumolens.core.dicom.Window w = dicomWindow != null ? dicomWindow : d.dicom().defaultWindow();
                return w == null ? "the file's VOI LUT" : "W " + WindowPresets.number(Math.round(w.width() * 10) / 10.0)
                        + ", L " + WindowPresets.number(Math.round(w.center() * 10) / 10.0) + " (the file's values)";
            }
            return "W " + WindowLevelFields.toValue(WindowScale.BYTE, window, true) + ", L "
                    + WindowLevelFields.toValue(WindowScale.BYTE, level, false) + " (display values 0-255)";
        }
    }

    static void export(DiagnoseViewModel vm, Look look, Path target, Window owner) {
        WritableImage snapshot = snapshot(report(vm, look));
        try {
            // One PNG of about a megabyte: written here rather than on a worker, the pause is not noticeable.
            write(snapshot, target);
            SavedNotice.show(owner, target);
        } catch (IOException e) {
            LOG.warn("Export to {} failed: {}", target, UserMessages.describe(e));
            ErrorReporter.error(owner, "Export failed", "The report could not be saved", e.getMessage());
        }
    }

    /** The report page for the view-model's current state; read from the state, not from the viewer's nodes. */
    static Node report(DiagnoseViewModel vm, Look look) {
        DiagnoseState state = vm.stateProperty().get();
        Diagnosis d = state.diagnosis();
        ImageView image = new ImageView(d.dicom() != null
                ? DicomRendering.render(d.dicom(), look.dicomWindow() != null ? look.dicomWindow()
                        : d.dicom().defaultWindow(), look.inverted(), null)
                : GreyRenderer.render(d.image(), look.level(), look.window(), look.inverted(), null));
        image.setPreserveRatio(false);
        double h = IMAGE_WIDTH * d.image().height() / d.image().width();
        image.setFitWidth(IMAGE_WIDTH);
        image.setFitHeight(h);
        StackPane picture = new StackPane(image);
        boolean overlayShown = vm.overlayVisibleProperty().get();
        if (state.overlay() != null && overlayShown) {
            ImageView overlay = new ImageView(XrayViewer.toImage(state.overlay()));
            overlay.setFitWidth(IMAGE_WIDTH); // same box as the image: the map covers the whole radiograph
            overlay.setFitHeight(h);
            overlay.setOpacity(vm.overlayOpacityProperty().get());
            picture.getChildren().add(overlay);
        }
        VBox facts = new VBox(8);
        facts.setPrefWidth(320);
        facts.getChildren().addAll(styled(new Label("PneumoLens report"), "report-title"),
                new Label("Image: " + d.name() + " (" + ResultText.pixelSize(d) + ")"),
                new Label("Date: " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))),
                new Label("Model: " + d.modelName()),
                new Label("Window/level: " + look.windowLevel(d) + (look.inverted() ? ", inverted" : "")));
        if (d.dicom() != null) {
            // The header as the panel shows it: patient identifiers only when the user turned them on.
            boolean ids = vm.showIdentifiersProperty().get();
            DicomHeaderRows.of(d.dicom().header(), ids).forEach(f ->
                    facts.getChildren().add(new Label(f.label() + ": " + f.value())));
            if (!ids && DicomHeaderRows.hidesSomething(d.dicom().header())) {
                facts.getChildren().add(new Label("Patient identifiers left out"));
            }
        }
        if (state.refusal() != null) {
            // A refused image: the refusal, and the model's output only if the user asked, under a warning.
            facts.getChildren().add(styled(new Label(state.refusal().title()), "report-verdict"));
            state.refusal().reasons().forEach(r -> facts.getChildren().add(new Label("\u2022 " + r)));
            if (state.refusal().shownAnyway()) {
                facts.getChildren().add(styled(new Label(state.refusal().warning()), "refusal-warning"));
            }
        }
        if (state.hasPrediction() && !state.outputHidden()) {
            facts.getChildren().add(styled(new Label("Model output: " + state.verdict()), "report-verdict"));
            for (DiagnoseState.ProbabilityRow r : state.rows()) {
                facts.getChildren().add(new Label("P(" + r.className() + ") = " + r.percent()));
            }
            facts.getChildren().addAll(new Label(state.threshold()),
                    new Label("Overlay: Grad-CAM evidence for " + state.overlayClass()
                            + (overlayShown ? "" : " (hidden)")));
        }
        if (!state.checkNote().isEmpty()) {
            facts.getChildren().add(new Label(state.checkNote()));
        }
        facts.getChildren().add(new Label(vm.modelFiguresProperty().get()));
        facts.getChildren().add(styled(new Label(Notices.RESEARCH_USE), "notice"));
        facts.getChildren().forEach(n -> ((Label) n).setWrapText(true));
        HBox page = new HBox(20, picture, facts);
        page.setPadding(new Insets(20));
        page.getStyleClass().add("report");
        page.getStylesheets().addAll(stylesheet("/org/pneumolens/app/tokens.css"), stylesheet("diagnose.css"));
        return page;
    }

    private static Label styled(Label label, String styleClass) {
        label.getStyleClass().add(styleClass);
        return label;
    }

    private static String stylesheet(String name) {
        return ReportExporter.class.getResource(name).toExternalForm();
    }

    static WritableImage snapshot(Node node) {
        new Scene(new StackPane(node)); // CSS and layout need a scene; it is never shown
        node.applyCss();
        ((javafx.scene.Parent) node.getParent()).layout();
        return node.snapshot(null, null);
    }

    static void write(WritableImage image, Path target) throws IOException {
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(buffered, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
