package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.fixture;
import static org.pneumolens.app.FxTestSupport.onFx;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.FxTestSupport;
import org.pneumolens.app.common.RecentFiles;
import org.pneumolens.app.common.SameThreadTaskExecutor;
import org.pneumolens.app.model.ModelService;

class ReportExporterTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void theReportIsAPngWithTheImageTheResultAndTheModel() throws Exception {
        ModelService models = new ModelService(new SameThreadTaskExecutor());
        models.use(FxTestSupport.bundledModel(), "bundled");
        DiagnoseViewModel vm = onFx(() -> new DiagnoseViewModel(models, new SameThreadTaskExecutor(),
                new RecentFiles(tmp.resolve("recent.txt"))));
        onFx(() -> vm.open(fixture("val/PNEUMONIA/person80_bacteria_391.jpeg")));
        Diagnosis d = vm.diagnosisProperty().get();
        XrayViewer viewer = onFx(() -> {
            XrayViewer v = new XrayViewer();
            v.setImage(d.image());
            v.setOverlay(vm.overlayProperty().get());
            return v;
        });

        Node report = onFx(() -> ReportExporter.report(vm, d, viewer));
        String text = String.join("\n", labels(report));
        WritableImage snapshot = onFx(() -> ReportExporter.snapshot(report));
        Path target = tmp.resolve("report.png");
        ReportExporter.write(snapshot, target);

        assertTrue(text.contains(d.modelName()), text);
        assertTrue(text.contains("person80_bacteria_391.jpeg"), text);
        assertTrue(text.contains("Model output: " + d.prediction().label()), text);
        assertTrue(text.contains("Date: "), text);
        assertTrue(text.contains("not a medical device"), text);
        BufferedImage png = ImageIO.read(target.toFile());
        assertEquals((int) snapshot.getWidth(), png.getWidth());
        assertTrue(png.getWidth() > 640 && png.getHeight() > 300, png.getWidth() + "x" + png.getHeight());
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "report and recent list only: no temporary file left");
        }
    }

    private static java.util.List<String> labels(Node node) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (node instanceof Label l) {
            out.add(l.getText());
        }
        if (node instanceof Pane p) {
            p.getChildren().forEach(c -> out.addAll(labels(c)));
        }
        return out;
    }
}
