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
import org.pneumolens.core.model.Prediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File > Export report: one PNG with the image as shown (window/level, invert, overlay and its opacity),
 * the probabilities against the threshold, the model, the date and the research-use notice. PDF is left out:
 * it would need a new library for little gain over a PNG that prints and pastes anywhere.
 */
final class ReportExporter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportExporter.class);
    private static final double IMAGE_WIDTH = 640;

    private ReportExporter() {
    }

    static void export(DiagnoseViewModel vm, XrayViewer viewer, Path target, Window owner) {
        Diagnosis d = vm.diagnosisProperty().get();
        WritableImage snapshot = snapshot(report(vm, d, viewer));
        try {
            // One PNG of about a megabyte: written here rather than on a worker, the pause is not noticeable.
            write(snapshot, target);
            ErrorReporter.info(owner, "Report exported", "Report saved", target.toString());
        } catch (IOException e) {
            LOG.warn("Export to {} failed: {}", target, e.toString());
            ErrorReporter.error(owner, "Export failed", "The report could not be saved", e.getMessage());
        }
    }

    static Node report(DiagnoseViewModel vm, Diagnosis d, XrayViewer viewer) {
        ImageView image = new ImageView(viewer.imageView().getImage());
        image.setPreserveRatio(false);
        double h = IMAGE_WIDTH * d.image().height() / d.image().width();
        image.setFitWidth(IMAGE_WIDTH);
        image.setFitHeight(h);
        StackPane picture = new StackPane(image);
        ImageView shownOverlay = viewer.overlayView();
        if (shownOverlay.getImage() != null && shownOverlay.isVisible()) {
            ImageView overlay = new ImageView(shownOverlay.getImage());
            overlay.setFitWidth(IMAGE_WIDTH); // same box as the image: the map covers the whole radiograph
            overlay.setFitHeight(h);
            overlay.setOpacity(shownOverlay.getOpacity());
            picture.getChildren().add(overlay);
        }
        VBox facts = new VBox(8);
        facts.setPrefWidth(320);
        Label title = new Label("PneumoLens report");
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        facts.getChildren().addAll(title, new Label("Image: " + d.name() + " (" + ResultText.pixelSize(d) + ")"),
                new Label("Date: " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))),
                new Label("Model: " + d.modelName()));
        if (d.hasPrediction()) {
            Prediction p = d.prediction();
            Label verdict = new Label("Model output: " + p.label());
            verdict.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
            facts.getChildren().add(verdict);
            for (int c = 0; c < p.classes().size(); c++) {
                facts.getChildren().add(new Label("P(" + p.classes().get(c) + ") = " + ResultText.percent(p.probabilities()[c])));
            }
            facts.getChildren().addAll(new Label(ResultText.threshold(p)),
                    new Label("Overlay: Grad-CAM evidence for " + vm.overlayClassProperty().get()
                            + (shownOverlay.isVisible() ? "" : " (hidden)")));
        }
        facts.getChildren().add(new Label(vm.modelFiguresProperty().get()));
        Label notice = new Label("Research and education use only; not a medical device. Not for diagnosis.");
        notice.setStyle("-fx-text-fill: #8a5300;");
        facts.getChildren().add(notice);
        facts.getChildren().forEach(n -> ((Label) n).setWrapText(true));
        HBox page = new HBox(20, picture, facts);
        page.setPadding(new Insets(20));
        page.setStyle("-fx-background-color: white;");
        return page;
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
