package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.TestData;
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.common.RecentFiles;
import org.pneumolens.app.common.SavedNotice;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.Notices;
import org.pneumolens.core.dicom.DicomHeader;
import org.pneumolens.core.dicom.Window;

/** File > Export report as PDF through the view-model and the exporter, read back with PDFBox; no toolkit. */
class PdfExporterTest {
    @TempDir
    Path tmp;

    private DiagnoseViewModel viewModel() throws Exception {
        ModelService models = new ModelService(new CurrentThreadTaskExecutor());
        models.use(TestData.bundledModel(), "bundled");
        return new DiagnoseViewModel(models, new CurrentThreadTaskExecutor(), new RecentFiles(tmp.resolve("recent.txt")));
    }

    /** Exports what the view-model shows with {@code look} and returns the PDF's text. */
    private String export(DiagnoseViewModel vm, ReportExporter.Look look, String name) throws Exception {
        PdfExporter.Page page = PdfExporter.page(vm, look);
        assertNotNull(page);
        Path target = tmp.resolve(name);
        Path[] saved = new Path[1];
        PdfExporter.export(vm.executor(), page, target, p -> saved[0] = p, e -> {
            throw new AssertionError(e);
        });
        assertEquals(target, saved[0]);
        try (PDDocument d = Loader.loadPDF(target.toFile())) {
            assertEquals(1, d.getNumberOfPages());
            return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
        }
    }

    @Test
    void aDicomReportHasTheWindowShownInTheFilesUnitsAndNoIdentifiersUnlessShown() throws Exception {
        DiagnoseViewModel vm = viewModel();
        vm.open(DicomWindowTest.dicom("W12_explicit_le.dcm"));
        DicomHeader h = vm.getDiagnosis().dicom().header();
        ReportExporter.Look look = new ReportExporter.Look(0.5, 1, true, new Window(1234, 321));

        String text = export(vm, look, "hidden.pdf");

        assertTrue(text.contains("W 321, L 1234 (the file's values), inverted"), text);
        assertTrue(text.contains("Modality: CR"), text);
        assertFalse(text.contains(h.patientName()), text);
        assertFalse(text.contains(h.patientId()), text);
        assertFalse(text.contains("Age: "), "hidden with the identifiers, as in the header panel: " + text);
        assertTrue(text.contains("Patient identifiers left out"), text);
        assertTrue(text.contains(Notices.RESEARCH_USE.substring(0, 40).replaceAll("\\s+", " ")), text);

        vm.showIdentifiersProperty().set(true);
        String withIds = export(vm, look, "shown.pdf");
        assertTrue(withIds.contains(h.patientName()) && withIds.contains(h.patientId()), withIds);
    }

    @Test
    void aRadiographsReportHasTheViewersWindowLevelOverlayAndModel() throws Exception {
        DiagnoseViewModel vm = viewModel();
        vm.open(TestData.fixture("val/PNEUMONIA/person80_bacteria_391.jpeg"));
        vm.overlayOpacityProperty().set(0.45);
        ReportExporter.Look look = new ReportExporter.Look(0.4, 0.6, false, null);
        String shownWl = look.windowLevel(vm.getDiagnosis());

        String text = export(vm, look, "r.pdf");

        assertTrue(shownWl.startsWith("W 153, L 102 "), shownWl);
        assertTrue(text.contains(shownWl + ", not inverted"), text);
        String cls = vm.stateProperty().get().overlayClass();
        assertTrue(text.contains("Grad-CAM for " + cls + ", opacity 45 %"), text);
        assertTrue(text.contains("P(PNEUMONIA)") && text.contains("Verdict: "), text);
        assertTrue(text.contains(vm.models().getModel().metadata().name()), text);
        assertTrue(text.contains("Validation"), text);

        vm.overlayVisibleProperty().set(false);
        assertTrue(export(vm, look, "no-overlay.pdf").contains("Overlay hidden in the viewer"));
    }

    @Test
    void aRefusedImageShowsTheRefusalAndTheOutputOnlyUnderTheWarning() throws Exception {
        DiagnoseViewModel vm = viewModel();
        vm.open(NotXrays.uniform(tmp, 120));

        String hidden = export(vm, ReportExporter.Look.DEFAULT, "hidden.pdf");
        vm.showRefusedOutputProperty().set(true);
        String shown = export(vm, ReportExporter.Look.DEFAULT, "shown.pdf");

        assertTrue(hidden.contains("Not judged: "), hidden);
        assertTrue(hidden.contains("Model output not shown") && !hidden.contains("P(PNEUMONIA)"), hidden);
        assertTrue(shown.contains("P(PNEUMONIA)") && shown.contains("research only"), shown);
    }

    @Test
    void withoutAResultThereIsNoPage() throws Exception {
        assertNull(PdfExporter.page(viewModel(), ReportExporter.Look.DEFAULT));
    }

    @Test
    void theSaveDialogStartsBesideTheImageWhenItsFolderIsWritable() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path last = Files.createDirectories(tmp.resolve("reports"));

        assertEquals(images.toAbsolutePath(), SavedNotice.reportFolder(Optional.of(last), images.resolve("a.png")));
        assertEquals(last, SavedNotice.reportFolder(Optional.of(last), null), "a bundled sample has no folder");
        assertEquals(last, SavedNotice.reportFolder(Optional.of(last), tmp.resolve("gone/a.png")));
    }
}
