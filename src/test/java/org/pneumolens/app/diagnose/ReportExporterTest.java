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
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.Notices;

class ReportExporterTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void theReportIsAPngWithTheImageTheResultAndTheModel() throws Exception {
        ModelService models = new ModelService(new CurrentThreadTaskExecutor());
        models.use(FxTestSupport.bundledModel(), "bundled");
        DiagnoseViewModel vm = new DiagnoseViewModel(models, new CurrentThreadTaskExecutor(),
                new RecentFiles(tmp.resolve("recent.txt")));
        vm.open(fixture("val/PNEUMONIA/person80_bacteria_391.jpeg"));
        Diagnosis d = vm.getDiagnosis();

        Node report = onFx(() -> ReportExporter.report(vm, ReportExporter.Look.DEFAULT));
        String text = String.join("\n", labels(report));
        WritableImage snapshot = onFx(() -> ReportExporter.snapshot(report));
        Path target = tmp.resolve("report.png");
        ReportExporter.write(snapshot, target);

        assertTrue(text.contains(d.modelName()), text);
        assertTrue(text.contains("person80_bacteria_391.jpeg"), text);
        assertTrue(text.contains("Model output: " + d.prediction().label()), text);
        assertTrue(text.contains("Date: "), text);
        assertTrue(text.contains(Notices.RESEARCH_USE), text);
        assertTrue(text.contains("Overlay: Grad-CAM evidence for " + d.prediction().label()), text);
        assertEquals(2, images(report).size(), "the radiograph and the overlay from the state");
        BufferedImage png = ImageIO.read(target.toFile());
        assertEquals((int) snapshot.getWidth(), png.getWidth());
        assertTrue(png.getWidth() > 640 && png.getHeight() > 300, png.getWidth() + "x" + png.getHeight());
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "report and recent list only: no temporary file left");
        }
    }

    @Test
    void aHiddenOverlayIsLeftOutAndSaidSo() throws Exception {
        ModelService models = new ModelService(new CurrentThreadTaskExecutor());
        models.use(FxTestSupport.bundledModel(), "bundled");
        DiagnoseViewModel vm = new DiagnoseViewModel(models, new CurrentThreadTaskExecutor(),
                new RecentFiles(tmp.resolve("recent.txt")));
        vm.open(fixture("val/NORMAL/IM-0011-0001-0001.jpeg"));
        vm.overlayVisibleProperty().set(false);

        Node report = onFx(() -> ReportExporter.report(vm, ReportExporter.Look.DEFAULT));

        assertTrue(String.join("\n", labels(report)).contains("(hidden)"));
        assertEquals(1, images(report).size(), "the radiograph only");
    }

    @Test
    void aRefusedImagesReportHasTheRefusalAndTheOutputOnlyUnderTheWarning() throws Exception {
        ModelService models = new ModelService(new CurrentThreadTaskExecutor());
        models.use(FxTestSupport.bundledModel(), "bundled");
        DiagnoseViewModel vm = new DiagnoseViewModel(models, new CurrentThreadTaskExecutor(),
                new RecentFiles(tmp.resolve("recent.txt")));
        vm.open(NotXrays.uniform(tmp, 120));

        String hidden = String.join("\n", labels(onFx(() -> ReportExporter.report(vm, ReportExporter.Look.DEFAULT))));
        vm.showRefusedOutputProperty().set(true);
        String shown = String.join("\n", labels(onFx(() -> ReportExporter.report(vm, ReportExporter.Look.DEFAULT))));

        assertTrue(hidden.contains("This does not look like a chest radiograph"), hidden);
        assertTrue(!hidden.contains("Model output:") && !hidden.contains("P(PNEUMONIA)"), hidden);
        assertTrue(shown.contains("Model output: "), shown);
        assertTrue(shown.contains("research only"), "the warning stays on the report: " + shown);
    }

    @Test
    void aDicomReportGivesTheWindowInTheFilesUnitsAndNoIdentifiersUnlessAsked() throws Exception {
        ModelService models = new ModelService(new CurrentThreadTaskExecutor());
        models.use(FxTestSupport.bundledModel(), "bundled");
        DiagnoseViewModel vm = new DiagnoseViewModel(models, new CurrentThreadTaskExecutor(),
                new RecentFiles(tmp.resolve("recent.txt")));
        vm.open(DicomWindowTest.dicom("W12_explicit_le.dcm"));
        org.pneumolens.core.dicom.DicomHeader h = vm.getDiagnosis().dicom().header();

        String text = String.join("\n", labels(onFx(() -> ReportExporter.report(vm, ReportExporter.Look.DEFAULT))));
        vm.showIdentifiersProperty().set(true);
        String withIds = String.join("\n", labels(onFx(() -> ReportExporter.report(vm, ReportExporter.Look.DEFAULT))));

        assertTrue(text.contains("Window/level: W 400, L 700 (the file's values)"), text);
        assertTrue(text.contains("Modality: CR"), text);
        assertTrue(!text.contains(h.patientName()) && !text.contains(h.patientId()), text);
        assertTrue(!text.contains("Age: ") && text.contains("Patient identifiers left out"), text);
        assertTrue(withIds.contains(h.patientName()) && withIds.contains("Age: "), withIds);
    }

    private static java.util.List<javafx.scene.image.ImageView> images(Node node) {
        java.util.List<javafx.scene.image.ImageView> out = new java.util.ArrayList<>();
        if (node instanceof javafx.scene.image.ImageView v) {
            out.add(v);
        }
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(images(c)));
        }
        return out;
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
