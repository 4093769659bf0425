package org.pneumolens.cli;

import org.pneumolens.TestFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict DIR --csv} and {@code report DIR --out}. */
class BatchCliTest {
    static final Path VAL = Path.of("src/test/resources/fixtures/xray/val");

    private static long images() throws Exception {
        try (var s = Files.walk(VAL)) {
            return s.filter(p -> p.toString().endsWith(".jpeg") || p.toString().endsWith(".png")).count();
        }
    }

    @Test
    void predictOverAFolderRecursesWritesOneCsvRowPerImageAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        TestFiles.copyTree(VAL, data.resolve("val"));
        Files.writeString(data.resolve("README.txt"), "not an image");
        Path csv = dir.resolve("out.csv");
        CliEndToEndTest.Result r = CliEndToEndTest.run("predict", data.toString(), "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        long n = images();
        assertEquals(n, r.out().lines().count(), r.out());
        assertTrue(r.err().contains("skipped " + data.resolve("README.txt") + ": not an image"), r.err());
        List<String> lines = Files.readString(csv, StandardCharsets.UTF_8).lines().toList();
        assertEquals(n + 1, lines.size());
        assertTrue(lines.get(0).startsWith("file,status,p_NORMAL,p_PNEUMONIA,label,verdict,"), lines.get(0));
        CliEndToEndTest.Result again = CliEndToEndTest.run("predict", data.toString(), "--csv", csv.toString());
        assertEquals(ExitCodes.BAD_INPUT, again.code());
        assertTrue(again.err().contains("--overwrite"), again.err());
        assertEquals(0, CliEndToEndTest.run("predict", data.toString(), "--csv", csv.toString(), "--overwrite").code());
    }

    @Test
    void reportWritesASummaryAndOnePagePerImage(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("report.pdf");
        CliEndToEndTest.Result r = CliEndToEndTest.run("report", VAL.toString(), "--out", pdf.toString());
        assertEquals(0, r.code(), r.err());
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            long n = images();
            assertTrue(d.getNumberOfPages() >= n + 1, "pages " + d.getNumberOfPages());
            String text = new PDFTextStripper().getText(d);
            assertTrue(text.contains("PneumoLens batch report"), text);
        }
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
}
