package org.pneumolens.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.check.CheckStatus;
import org.pneumolens.core.dicom.DicomDecoder;
import org.pneumolens.core.dicom.DicomHeader;
import org.pneumolens.core.model.Prediction;

class CsvExportTest {
    static final List<String> CLASSES = List.of("NORMAL", "PNEUMONIA");
    static final Path DICOM = Path.of("src/test/resources/fixtures/dicom/B_jpeg_lossless.dcm");

    static List<ImageResult> results() throws Exception {
        DicomHeader h = DicomDecoder.readHeader(DICOM);
        Prediction pneu = new Prediction(CLASSES, new double[]{0.2, 0.8}, "PNEUMONIA", 0.5, "PNEUMONIA");
        Prediction norm = new Prediction(CLASSES, new double[]{0.9, 0.1}, "NORMAL", 0.5, "PNEUMONIA");
        CheckResult ok = new CheckResult(CheckStatus.OK, 1.25, 3.5, List.of());
        CheckResult refused = new CheckResult(CheckStatus.NOT_CHEST_XRAY, 9.0, 3.5,
                List.of("colour photo, \"not\" grey", "second\nline"));
        return List.of(
                new ImageResult(0, DICOM, ImageResult.Outcome.DONE, pneu, ok, SourceFacts.dicom(256, 256, h), null, null),
                new ImageResult(1, Path.of("dir, with comma", "=cmd.png"), ImageResult.Outcome.DONE, norm, refused,
                        new SourceFacts("png", 640, 480, null), null, null),
                new ImageResult(2, Path.of("bad.jpeg"), ImageResult.Outcome.FAILED, null, null, null, null,
                        "bad.jpeg: not a JPEG \"file\""));
    }

    private static String csv(boolean showPhi) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvExport.write(out, CLASSES, results(), showPhi);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsThroughAnRfc4180Parser() throws Exception {
        String text = csv(false);
        assertTrue(text.endsWith("\r\n"));
        List<List<String>> rows = Rfc4180.parse(text);
        List<String> head = rows.get(0);
        assertEquals(CsvExport.columns(CLASSES, false), head);
        assertEquals(4, rows.size());
        for (List<String> r : rows) {
            assertEquals(head.size(), r.size(), r.toString());
        }
        List<String> d = rows.get(1);
        assertEquals(DICOM.toString(), d.get(head.indexOf("file")));
        assertEquals("0.800000", d.get(head.indexOf("p_PNEUMONIA")));
        assertEquals("0.200000", d.get(head.indexOf("p_NORMAL")));
        assertEquals("PNEUMONIA", d.get(head.indexOf("label")));
        assertEquals("PNEUMONIA", d.get(head.indexOf("verdict")));
        assertEquals("ok", d.get(head.indexOf("inputCheck_status")));
        assertEquals("3.5000", d.get(head.indexOf("inputCheck_threshold")));
        assertEquals("dicom", d.get(head.indexOf("source_format")));
        assertEquals("DX", d.get(head.indexOf("source_modality")));
        assertEquals("CHEST", d.get(head.indexOf("source_bodyPart")));
        assertEquals("PA", d.get(head.indexOf("source_viewPosition")));
        List<String> refused = rows.get(2);
        assertEquals(Path.of("dir, with comma", "=cmd.png").toString(), refused.get(head.indexOf("file")));
        assertEquals("", refused.get(head.indexOf("label")));
        assertEquals("NOT_JUDGED", refused.get(head.indexOf("verdict")));
        assertEquals("colour photo, \"not\" grey; second\nline", refused.get(head.indexOf("inputCheck_reasons")));
        List<String> failed = rows.get(3);
        assertEquals("failed", failed.get(head.indexOf("status")));
        assertEquals("FAILED", failed.get(head.indexOf("verdict")));
        assertEquals("bad.jpeg: not a JPEG \"file\"", failed.get(head.indexOf("error")));
    }

    @Test
    void identifiersOnlyWhenAsked() throws Exception {
        String hidden = csv(false);
        assertFalse(hidden.contains("Testperson") || hidden.contains("PL-TEST") || hidden.contains("Hospital"), hidden);
        List<List<String>> rows = Rfc4180.parse(csv(true));
        List<String> head = rows.get(0);
        assertEquals("Testperson Synthetic", rows.get(1).get(head.indexOf("source_patientName")));
        assertFalse(rows.get(1).get(head.indexOf("source_patientId")).isEmpty());
    }

    @Test
    void formulaCellsAreDefused() {
        assertEquals("'=1+1", CsvExport.defuse("=1+1"));
        assertEquals("'@x", CsvExport.defuse("@x"));
        assertEquals("a=b", CsvExport.defuse("a=b"));
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, nothing after a closing quote. */
    static final class Rfc4180 {
        static List<List<String>> parse(String s) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            int i = 0;
            boolean fieldStart = true;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (fieldStart && c == '"') {
                    i++;
                    while (true) {
                        if (i >= s.length()) {
                            throw new IllegalArgumentException("unterminated quote");
                        }
                        char q = s.charAt(i++);
                        if (q == '"') {
                            if (i < s.length() && s.charAt(i) == '"') {
                                f.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            f.append(q);
                        }
                    }
                    fieldStart = false;
                    if (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != '\r') {
                        throw new IllegalArgumentException("text after a closing quote at " + i);
                    }
                    continue;
                }
                if (c == ',') {
                    row.add(f.toString());
                    f.setLength(0);
                    fieldStart = true;
                    i++;
                } else if (c == '\r') {
                    if (i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
                        throw new IllegalArgumentException("CR without LF at " + i);
                    }
                    row.add(f.toString());
                    f.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    fieldStart = true;
                    i += 2;
                } else if (c == '"' || c == '\n') {
                    throw new IllegalArgumentException("bare " + (c == '"' ? "quote" : "LF") + " at " + i);
                } else {
                    f.append(c);
                    fieldStart = false;
                    i++;
                }
            }
            if (!row.isEmpty() || f.length() > 0) {
                throw new IllegalArgumentException("last record not ended by CRLF");
            }
            return rows;
        }
    }
}
