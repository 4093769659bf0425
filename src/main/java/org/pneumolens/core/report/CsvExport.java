package org.pneumolens.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.dicom.DicomHeader;

/**
 * A batch as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote, CR or
 * LF, quotes doubled; UTF-8 without a byte order mark), one row per file with the fields of {@code predict --json}:
 * file, one probability per class, label (empty when refused), verdict, the input check, the source and, only when
 * asked, the DICOM patient identifiers. Failed files have a row too, with the reason in {@code error}.
 *
 * <p>Cells that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) get a leading
 * apostrophe: file names and DICOM fields come from outside.
 */
public final class CsvExport {
    private static final List<String> PHI = List.of("patientName", "patientId", "patientBirthDate", "institution");

    private CsvExport() {
    }

    /** The header row for a model with these classes. */
    public static List<String> columns(List<String> classes, boolean showPhi) {
        List<String> c = new ArrayList<>(List.of("file", "status"));
        classes.forEach(k -> c.add("p_" + k));
        c.addAll(List.of("label", "verdict", "inputCheck_status", "inputCheck_score", "inputCheck_threshold",
                "inputCheck_reasons", "source_format", "source_width", "source_height", "source_modality",
                "source_bodyPart", "source_viewPosition", "source_patientAge", "source_patientSex",
                "source_studyDate"));
        if (showPhi) {
            PHI.forEach(k -> c.add("source_" + k));
        }
        c.add("error");
        return c;
    }

    public static void write(OutputStream out, List<String> classes, Iterable<ImageResult> results, boolean showPhi)
            throws IOException {
        Rows rows = rows(out, classes, showPhi);
        for (ImageResult r : results) {
            rows.add(r);
        }
        rows.flush();
    }

    /** The header row now, then one row per {@link Rows#add}: for a batch that keeps no results (predict --csv). */
    public static Rows rows(OutputStream out, List<String> classes, boolean showPhi) throws IOException {
        Rows rows = new Rows(new OutputStreamWriter(out, StandardCharsets.UTF_8), List.copyOf(classes), showPhi);
        row(rows.writer, columns(classes, showPhi));
        return rows;
    }

    /** Rows written as results come; {@link #flush} at the end. */
    public static final class Rows {
        private final Writer writer;
        private final List<String> classes;
        private final boolean showPhi;
        private int count;

        private Rows(Writer writer, List<String> classes, boolean showPhi) {
            this.writer = writer;
            this.classes = classes;
            this.showPhi = showPhi;
        }

        public void add(ImageResult r) throws IOException {
            row(writer, cells(r, classes, showPhi));
            count++;
        }

        /** Rows added so far (the header not counted). */
        public int count() {
            return count;
        }

        public void flush() throws IOException {
            writer.flush();
        }
    }

    static List<String> cells(ImageResult r, List<String> classes, boolean showPhi) {
        List<String> c = new ArrayList<>();
        c.add(r.file().toString());
        c.add(r.outcome() == ImageResult.Outcome.DONE ? "done" : "failed");
        for (String k : classes) {
            c.add(r.prediction() == null ? "" : number(r.prediction().probability(k), 6));
        }
        CheckResult check = r.check();
        c.add(check != null && check.ok() ? r.prediction().label() : "");
        c.add(r.verdict().name());
        c.add(check == null ? "" : check.status().id());
        c.add(check == null ? "" : number(check.score(), 4));
        c.add(check == null ? "" : number(check.threshold(), 4));
        c.add(check == null ? "" : String.join("; ", check.reasons()));
        SourceFacts s = r.source();
        DicomHeader h = s == null ? null : s.header();
        c.add(s == null ? "" : s.format());
        c.add(s == null ? "" : Integer.toString(s.width()));
        c.add(s == null ? "" : Integer.toString(s.height()));
        c.add(h == null ? "" : blank(h.modality()));
        c.add(h == null ? "" : blank(h.bodyPart()));
        c.add(h == null ? "" : blank(h.viewPosition()));
        c.add(h == null ? "" : blank(h.patientAge()));
        c.add(h == null ? "" : blank(h.patientSex()));
        c.add(h == null ? "" : blank(h.studyDate()));
        if (showPhi) {
            c.add(h == null ? "" : blank(h.patientName()));
            c.add(h == null ? "" : blank(h.patientId()));
            c.add(h == null ? "" : blank(h.patientBirthDate()));
            c.add(h == null ? "" : blank(h.institution()));
        }
        c.add(r.error() == null ? "" : r.error());
        return c;
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }

    private static String number(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "";
    }

    private static void row(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(defuse(cells.get(i))));
        }
        w.write("\r\n");
    }

    /** A leading apostrophe for cells a spreadsheet would evaluate (CSV injection). */
    static String defuse(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('\n') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
