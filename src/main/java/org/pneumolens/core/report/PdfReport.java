package org.pneumolens.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.pneumolens.core.Notices;
import org.pneumolens.core.calibration.ProbabilityDisplay;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.batch.Verdict;
import org.pneumolens.core.dicom.DicomHeader;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.model.ModelMetadata;

/**
 * PDF reports (A4): per image, a page with the radiograph across the page width, the Grad-CAM overlay below it
 * with its colour scale, and the facts beside the overlay (probabilities, verdict or why not judged, input check,
 * display settings, DICOM study facts without identifiers unless asked, the model and its validation figures,
 * date and the research-use notice); a batch report adds summary pages (counts per verdict and one table row per
 * file) before the image pages. Pages are streamed to a temporary file, so a long batch does not stay in memory.
 */
public final class PdfReport {
    private static final float MARGIN = 40;
    private static final float TITLE = 14;
    private static final float BODY = 9;
    private static final float LEAD = 11.5f;
    private static final float PHOTO_MAX_H = 370;
    private static final float OVERLAY_MAX = 235;
    /** JPEG at this quality keeps a page near 200 kB instead of 1 MB lossless: a report, not the diagnostic image. */
    private static final float JPEG_QUALITY = 0.9f;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    /** Source of image pages, asked once per file in the order of the summary; may fail for a file. */
    @FunctionalInterface
    public interface Pages {
        ReportImage load(ImageResult result) throws Exception;
    }

    /** @param showPhi whether DICOM patient identifiers appear */
    public record Options(boolean showPhi, ZonedDateTime date) {
    }

    /**
     * How a window presented the image, for a report of what is on screen (the Diagnose view); {@link #BATCH} for
     * pages of a batch, which show every result the same way.
     *
     * @param displayText  the window/level as the viewer shows it, e.g. "W 400, L 1200 (the file's values)"; null:
     *                     {@link Display#describe()}
     * @param outputHidden the input check refused the image and its model output is not shown: no probabilities
     * @param warning      a line in bold under the verdict (the research-use warning when a refused image's output
     *                     is shown anyway); null for none
     * @param dicomFields  the DICOM rows as the window's header panel shows them; null: the header's own fields
     * @param overlayNote  the caption in place of the overlay when {@link ReportImage#map()} is null
     */
    public record Shown(String displayText, boolean outputHidden, String warning, List<DicomHeader.Field> dicomFields,
                        String overlayNote) {
        public static final Shown BATCH = new Shown(null, false, null, null, "No overlay");

        public Shown {
            dicomFields = dicomFields == null ? null : List.copyOf(dicomFields);
        }
    }

    private final PDDocument doc;
    private final ModelMetadata model;
    private final Options options;

    private PdfReport(ModelMetadata model, Options options) {
        this.doc = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        this.model = model;
        this.options = options;
        doc.getDocumentInformation().setTitle("PneumoLens report");
        doc.getDocumentInformation().setCreator("PneumoLens");
    }

    /** One page for one image. */
    public static void single(OutputStream out, ModelMetadata model, ReportImage image, Options options)
            throws IOException {
        single(out, model, image, options, Shown.BATCH);
    }

    /** One page for one image, as a window showed it ({@code image.map()} null: no overlay was shown). */
    public static void single(OutputStream out, ModelMetadata model, ReportImage image, Options options, Shown shown)
            throws IOException {
        PdfReport r = new PdfReport(model, options);
        try (PDDocument d = r.doc) {
            r.imagePage(image, shown);
            d.save(out);
        }
    }

    /**
     * Summary pages for every result, then one page per analysed file ({@code pages} reads each again); a file
     * that cannot be read again gets a line in place of its page.
     */
    public static void batch(OutputStream out, ModelMetadata model, List<ImageResult> results, Pages pages,
                             Options options) throws IOException {
        PdfReport r = new PdfReport(model, options);
        try (PDDocument d = r.doc) {
            r.summary(results);
            for (ImageResult res : results) {
                if (res.outcome() != ImageResult.Outcome.DONE) {
                    continue;
                }
                ReportImage img;
                try {
                    img = pages.load(res);
                } catch (Exception | OutOfMemoryError e) {
                    r.errorPage(res, String.valueOf(e.getMessage()));
                    continue;
                }
                r.imagePage(img, Shown.BATCH);
            }
            d.save(out);
        }
    }

    private String dateText() {
        return options.date().format(DATE);
    }

    private String modelLine() {
        return "Model: " + model.name() + " (" + model.architecture() + ")";
    }

    private String validationLine() {
        ModelMetadata.Metrics m = model.valMetrics();
        if (m == null) {
            return "Validation: no figures stored";
        }
        return String.format(Locale.ROOT, "Validation (n=%d): accuracy %.3f, sensitivity %.3f, specificity %.3f, "
                + "AUC %.3f", m.n(), m.accuracy(), m.sensitivity(), m.specificity(), m.auc());
    }

    private void footer(PDPageContentStream cs) throws IOException {
        cs.setNonStrokingColor(0.35f, 0.35f, 0.35f);
        PdfText.line(cs, PdfText.REGULAR, 8, MARGIN, MARGIN - 18, Notices.RESEARCH_USE);
        String right = "PneumoLens - " + dateText() + " - page " + doc.getNumberOfPages();
        PdfText.line(cs, PdfText.REGULAR, 8, PDRectangle.A4.getWidth() - MARGIN
                - PdfText.width(PdfText.REGULAR, 8, right), MARGIN - 28, right);
        cs.setNonStrokingColor(0f, 0f, 0f);
    }

    private void summary(List<ImageResult> results) throws IOException {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        results.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        List<String> countText = new ArrayList<>();
        counts.forEach((v, n) -> countText.add(v.display() + " " + n));
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        float[] col = {MARGIN, MARGIN + 28, MARGIN + 300, MARGIN + 370, MARGIN + 440};
        int row = 0;
        int imagePage = 0;
        int pagesBefore = summaryPages(results.size());
        while (row < results.size() || row == 0) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float y = PDRectangle.A4.getHeight() - MARGIN - TITLE;
                PdfText.line(cs, PdfText.BOLD, TITLE, MARGIN, y, "PneumoLens batch report");
                y -= 18;
                PdfText.line(cs, PdfText.REGULAR, BODY, MARGIN, y, dateText() + " - " + results.size() + " files: "
                        + String.join(", ", countText));
                y -= LEAD;
                PdfText.line(cs, PdfText.REGULAR, BODY, MARGIN, y, modelLine());
                y -= LEAD;
                PdfText.line(cs, PdfText.REGULAR, BODY, MARGIN, y, validationLine());
                y -= 1.6f * LEAD;
                String[] head = {"#", "File", "P(" + model.positiveClass() + ")", "Verdict", "Page / note"};
                for (int i = 0; i < head.length; i++) {
                    PdfText.line(cs, PdfText.BOLD, BODY, col[i], y, head[i]);
                }
                y -= 3;
                cs.moveTo(MARGIN, y);
                cs.lineTo(MARGIN + width, y);
                cs.stroke();
                y -= LEAD;
                for (; row < results.size() && y > MARGIN + 10; row++, y -= LEAD) {
                    ImageResult r = results.get(row);
                    PdfText.line(cs, PdfText.REGULAR, BODY, col[0], y, Integer.toString(row + 1));
                    PdfText.line(cs, PdfText.REGULAR, BODY, col[1], y, PdfText.fit(PdfText.REGULAR, BODY,
                            String.valueOf(r.file().getFileName()), col[2] - col[1] - 6));
                    double p = r.positiveProbability();
                    PdfText.line(cs, PdfText.REGULAR, BODY, col[2], y,
                            Double.isNaN(p) ? "-" : ProbabilityDisplay.percent(p));
                    PdfText.line(cs, PdfText.REGULAR, BODY, col[3], y, r.verdict().display());
                    String note;
                    if (r.outcome() == ImageResult.Outcome.DONE) {
                        imagePage++;
                        note = "page " + (pagesBefore + imagePage)
                                + (r.check().ok() ? "" : " - " + r.check().mainReason());
                    } else {
                        note = String.valueOf(r.error());
                    }
                    PdfText.line(cs, PdfText.REGULAR, BODY, col[4], y, PdfText.fit(PdfText.REGULAR, BODY, note,
                            MARGIN + width - col[4]));
                }
                footer(cs);
            }
            if (results.isEmpty()) {
                break;
            }
        }
    }

    /** Pages the summary takes for {@code n} rows (the same layout as {@link #summary}). */
    private static int summaryPages(int n) {
        float top = PDRectangle.A4.getHeight() - MARGIN - TITLE - 18 - 2 * LEAD - 1.6f * LEAD - 3 - LEAD;
        int perPage = (int) Math.floor((top - (MARGIN + 10)) / LEAD) + 1;
        return Math.max(1, (n + perPage - 1) / perPage);
    }

    private void errorPage(ImageResult r, String why) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            float y = PDRectangle.A4.getHeight() - MARGIN - TITLE;
            PdfText.line(cs, PdfText.BOLD, TITLE, MARGIN, y, String.valueOf(r.file().getFileName()));
            PdfText.line(cs, PdfText.REGULAR, BODY, MARGIN, y - 20, "Could not be read again for this page: " + why);
            footer(cs);
        }
    }

    private void imagePage(ReportImage img, Shown shown) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        float pageW = PDRectangle.A4.getWidth();
        float contentW = pageW - 2 * MARGIN;
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
            float y = PDRectangle.A4.getHeight() - MARGIN - TITLE;
            PdfText.line(cs, PdfText.BOLD, TITLE, MARGIN, y, PdfText.fit(PdfText.BOLD, TITLE,
                    String.valueOf(img.file().getFileName()), contentW));
            y -= LEAD + 2;
            PdfText.line(cs, PdfText.REGULAR, 8, MARGIN, y, PdfText.fit(PdfText.REGULAR, 8, img.file().toString(),
                    contentW));
            y -= 6;
            GreyImage g = img.image();
            float aspect = (float) g.height() / g.width();
            float w = contentW;
            float h = w * aspect;
            if (h > PHOTO_MAX_H) {
                h = PHOTO_MAX_H;
                w = h / aspect;
            }
            y -= h;
            cs.drawImage(JPEGFactory.createFromImage(doc, ReportRaster.grey(g, img.display()), JPEG_QUALITY),
                    MARGIN + (contentW - w) / 2, y, w, h);
            y -= 14;
            float ow = OVERLAY_MAX;
            float oh = ow * aspect;
            if (oh > OVERLAY_MAX) {
                oh = OVERLAY_MAX;
                ow = oh / aspect;
            }
            float top = y;
            if (img.map() != null) {
                PDImageXObject overlay = JPEGFactory.createFromImage(doc, ReportRaster.overlay(g, img.map(),
                        img.display()), JPEG_QUALITY);
                cs.drawImage(overlay, MARGIN, top - oh, ow, oh);
                drawScale(cs, MARGIN + ow + 8, top - oh, oh);
                PdfText.line(cs, PdfText.REGULAR, 7, MARGIN, top - oh - 10, String.format(Locale.ROOT,
                        "Grad-CAM for %s, opacity %.0f %%", img.mapClass(), 100 * img.display().opacity()));
            } else {
                PdfText.line(cs, PdfText.REGULAR, BODY, MARGIN, top - BODY, PdfText.fit(PdfText.REGULAR, BODY,
                        String.valueOf(shown.overlayNote()), ow + 40));
            }
            facts(cs, img, shown, MARGIN + ow + 50, top, pageW - MARGIN - (MARGIN + ow + 50));
            footer(cs);
        }
    }

    private static void drawScale(PDPageContentStream cs, float x, float y, float h) throws IOException {
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            int rgb = ColorScale.rgb((i + 0.5) / steps);
            cs.setNonStrokingColor((rgb >> 16 & 0xff) / 255f, (rgb >> 8 & 0xff) / 255f, (rgb & 0xff) / 255f);
            cs.addRect(x, y + h * i / steps, 10, h / steps + 0.5f);
            cs.fill();
        }
        cs.setNonStrokingColor(0f, 0f, 0f);
        PdfText.line(cs, PdfText.REGULAR, 7, x + 13, y + h - 7, "high");
        PdfText.line(cs, PdfText.REGULAR, 7, x + 13, y, "low");
    }

    private void facts(PDPageContentStream cs, ReportImage img, Shown shown, float x, float top, float width)
            throws IOException {
        List<String[]> lines = new ArrayList<>(); // {font: "b" bold or "r", text}
        boolean judged = img.check().ok();
        String verdict = judged ? Verdict.of(img.prediction(), img.check()).display()
                : "Not judged: " + img.check().mainReason();
        lines.add(new String[]{"b", "Verdict: " + verdict});
        if (shown.warning() != null) {
            lines.add(new String[]{"b", shown.warning()});
        }
        if (shown.outputHidden() && !judged) {
            lines.add(new String[]{"r", "Model output not shown: the input check refused the image"});
        } else {
            var p = img.prediction();
            ProbabilityDisplay.Comparison c = ProbabilityDisplay.compare(p.positiveProbability(), p.threshold());
            p.asMap().forEach((k, v) -> lines.add(new String[]{"r", "P(" + k + ") " + ProbabilityDisplay.percent(v,
                    c.decimals())}));
            // The comparison in the same digits as the probabilities above, so the two never contradict each other.
            lines.add(new String[]{"r", "P(" + p.positiveClass() + ") " + c.text()});
            if (p.band() != null) {
                lines.add(new String[]{"r", "Borderline band " + ProbabilityDisplay.percent(p.band().low()) + " to "
                        + ProbabilityDisplay.percent(p.band().high())});
            }
        }
        lines.add(new String[]{"b", "Input check: " + img.check().status().id()});
        lines.add(new String[]{"r", String.format(Locale.ROOT, "score %.3f, threshold %.3f", img.check().score(),
                img.check().threshold())});
        img.check().reasons().stream().limit(3).forEach(r -> lines.add(new String[]{"r", "- " + r}));
        lines.add(new String[]{"b", "Display"});
        lines.add(new String[]{"r", shown.displayText() != null ? shown.displayText() : img.display().describe()});
        lines.add(new String[]{"r", img.source().format() + ", " + img.source().width() + " x " + img.source().height()
                + " px"});
        DicomHeader h = img.source().header();
        if (h != null) {
            lines.add(new String[]{"b", "DICOM"});
            for (DicomHeader.Field f : shown.dicomFields() != null ? shown.dicomFields() : h.fields(options.showPhi())) {
                lines.add(new String[]{"r", f.label() + ": " + f.value()});
            }
            if (!options.showPhi() && h.hasIdentifyingFields()) {
                lines.add(new String[]{"r", "Patient identifiers left out"});
            }
        }
        lines.add(new String[]{"b", "Model"});
        lines.add(new String[]{"r", model.name() + " (" + model.architecture() + ")"});
        lines.add(new String[]{"r", validationLine()});
        lines.add(new String[]{"r", "Report date: " + dateText()});
        // A long DICOM header does not fit beside the overlay at the body size: smaller type, down to 6.5 pt.
        float size = BODY;
        while (size > 6.5f && factsHeight(lines, size, width) > top - (MARGIN + 4)) {
            size -= 0.5f;
        }
        float lead = LEAD * size / BODY;
        float y = top - size;
        for (String[] l : lines) {
            boolean bold = l[0].equals("b");
            if (bold) {
                y -= 3;
            }
            for (String part : PdfText.wrap(bold ? PdfText.BOLD : PdfText.REGULAR, size, l[1], width)) {
                if (y < MARGIN + 4) {
                    return;
                }
                PdfText.line(cs, bold ? PdfText.BOLD : PdfText.REGULAR, size, x, y, part);
                y -= lead;
            }
        }
    }

    private static float factsHeight(List<String[]> lines, float size, float width) throws IOException {
        float h = size;
        for (String[] l : lines) {
            boolean bold = l[0].equals("b");
            h += (bold ? 3 : 0) + PdfText.wrap(bold ? PdfText.BOLD : PdfText.REGULAR, size, l[1], width).size()
                    * LEAD * size / BODY;
        }
        return h;
    }
}
