package org.pneumolens.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.Notices;
import org.pneumolens.core.batch.BatchAnalyser;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.PneumoModel;

class PdfReportTest {
    static final Path DICOM = Path.of("src/test/resources/fixtures/dicom/B_jpeg_lossless.dcm");
    static final Path XRAY = Path.of("src/test/resources/fixtures/xray/train/NORMAL/IM-0331-0001.jpeg");
    static final ZonedDateTime DATE = ZonedDateTime.of(2026, 3, 4, 9, 30, 0, 0, ZoneOffset.UTC);
    static PneumoModel model;

    @BeforeAll
    static void load() throws Exception {
        model = BundledModel.load();
    }

    private static String text(byte[] pdf, int[] pages) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            pages[0] = d.getNumberOfPages();
            return new PDFTextStripper().getText(d);
        }
    }

    private static byte[] batch(List<Path> files, boolean showPhi) throws Exception {
        List<ImageResult> results = new java.util.ArrayList<>();
        new BatchAnalyser(model, BatchAnalyser.Options.defaults()).run(files, () -> false, results::add);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Display display = new Display(0.8, 0.45, true, 0.6);
        PdfReport.batch(out, model.metadata(), results, r -> ReportImages.load(model, r.file(), display),
                new PdfReport.Options(showPhi, DATE));
        return out.toByteArray();
    }

    @Test
    void aBatchReportHasTheSummaryAndAPagePerImageWithItsFacts() throws Exception {
        Path missing = Path.of("no-such-file.png");
        int[] pages = new int[1];
        String t = text(batch(List.of(XRAY, DICOM, missing), false), pages);
        assertEquals(1 + 2, pages[0], t); // summary, two images; the missing file only in the table
        assertTrue(t.contains("PneumoLens batch report"), t);
        assertTrue(t.contains("no-such-file.png"), t);
        assertTrue(t.contains("Failed"), t);
        assertTrue(t.contains("IM-0331-0001.jpeg"), t);
        assertTrue(t.contains("P(PNEUMONIA)"), t);
        assertTrue(t.contains("P(NORMAL)"), t);
        assertTrue(t.contains("Input check: "), t);
        assertTrue(t.contains("window 0.80, level 0.45, inverted"), t);
        assertTrue(t.contains("opacity 60 %"), t);
        assertTrue(t.contains("Modality: DX"), t);
        assertTrue(t.contains("View position: PA"), t);
        assertTrue(t.contains(model.metadata().name()), t);
        assertTrue(t.contains("AUC"), t);
        assertTrue(t.contains("2026-03-04 09:30"), t);
        assertTrue(t.replaceAll("\\s+", " ").contains(Notices.RESEARCH_USE), t);
    }

    @Test
    void noIdentifiersUnlessAsked() throws Exception {
        int[] pages = new int[1];
        String hidden = text(batch(List.of(DICOM), false), pages);
        assertFalse(hidden.contains("Testperson") || hidden.contains("PL-TEST") || hidden.contains("Hospital"), hidden);
        String shown = text(batch(List.of(DICOM), true), pages);
        assertTrue(shown.contains("Patient name: Testperson Synthetic"), shown);
    }

    @Test
    void textOutsideTheFontsRangeIsReplacedNotFatal() {
        assertEquals("a?b", PdfText.safe("a\u4e2db"));
        assertEquals("x?y", PdfText.safe("x\ny"));
    }
}
