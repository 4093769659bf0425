package org.pneumolens.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pneumolens.core.image.ImageDecodeException;

/**
 * Every file of the corpus made by dcmtk, gdcm and pydicom (src/test/scripts/make_dicom_corpus.py) against their
 * decode of it: stored values exactly for lossless syntaxes, within a few grey levels for lossy ones (two JPEG
 * decoders need not agree to the bit), the 8-bit presentation against pydicom's modality and VOI LUT within one
 * level (rounding), and a one-line refusal where the manifest expects one.
 */
class DicomCorpusTest {
    static final Path DIR = Path.of("src/test/resources/fixtures/dicom");
    /** Lossy frames: the largest difference to dcmtk/gdcm's decode, in stored levels, and the mean. */
    private static final int LOSSY_MAX = 4;
    private static final double LOSSY_MEAN = 0.5;

    record Entry(String file, String syntax, String expect, boolean lossless, String stored, String render) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Entry> manifest() throws IOException {
        return Files.readAllLines(DIR.resolve("manifest.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\t"))
                .map(f -> new Entry(f[0], f[1], f[2], f[3].equals("lossless"), f[4], f[5]));
    }

    static Stream<Entry> decoded() throws IOException {
        return manifest().filter(e -> e.expect().equals("decode"));
    }

    static Stream<Entry> refused() throws IOException {
        return manifest().filter(e -> e.expect().equals("refuse"));
    }

    @ParameterizedTest
    @MethodSource("decoded")
    void decodesToTheReferenceToolsStoredValues(Entry e) throws IOException {
        DicomImage img = DicomDecoder.decode(DIR.resolve(e.file()));
        assertEquals(e.syntax(), img.header().transferSyntax().uid(), "transfer syntax");
        if (e.stored().equals("-")) {
            assertTrue(img.width() > 0 && img.height() > 0);
            return;
        }
        Raster ref = ImageIO.read(DIR.resolve(e.stored()).toFile()).getRaster();
        assertEquals(ref.getWidth(), img.width(), "width");
        assertEquals(ref.getHeight(), img.height(), "height");
        int offset = img.signed() ? 32768 : 0; // signed references are stored shifted into 0..65535
        long sum = 0;
        int max = 0;
        int[] row = new int[img.width()];
        for (int y = 0; y < img.height(); y++) {
            ref.getSamples(0, y, img.width(), 1, 0, row);
            for (int x = 0; x < img.width(); x++) {
                int d = Math.abs(img.storedValue(y * img.width() + x) + offset - row[x]);
                max = Math.max(max, d);
                sum += d;
            }
        }
        double mean = (double) sum / (img.width() * img.height());
        if (e.lossless()) {
            assertEquals(0, max, e.file() + ": lossless, so identical to the reference (mean diff " + mean + ")");
        } else {
            assertTrue(max <= LOSSY_MAX && mean <= LOSSY_MEAN, e.file() + ": max diff " + max + ", mean " + mean);
        }
    }

    @ParameterizedTest
    @MethodSource("decoded")
    void rendersAsPydicomsModalityAndVoiLut(Entry e) throws IOException {
        if (e.render().equals("-")) {
            return;
        }
        DicomImage img = DicomDecoder.decode(DIR.resolve(e.file()));
        Raster ref = ImageIO.read(DIR.resolve(e.render()).toFile()).getRaster();
        byte[] out = img.render();
        int[] row = new int[img.width()];
        int max = 0;
        for (int y = 0; y < img.height(); y++) {
            ref.getSamples(0, y, img.width(), 1, 0, row);
            for (int x = 0; x < img.width(); x++) {
                max = Math.max(max, Math.abs((out[y * img.width() + x] & 0xff) - row[x]));
            }
        }
        assertTrue(max <= 1, e.file() + ": rendering differs from pydicom's by up to " + max);
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithOneLine(Entry e) {
        ImageDecodeException ex = assertThrows(ImageDecodeException.class,
                () -> DicomDecoder.decode(DIR.resolve(e.file())));
        String m = ex.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith(DIR.resolve(e.file()) + ": "), m);
        if (e.syntax().equals(TransferSyntax.JPEG_EXTENDED.uid())) {
            assertTrue(m.contains("compressed with 12-bit JPEG Extended") && m.contains("cannot decode"), m);
        } else if (e.syntax().startsWith("1.2.840.10008.1.2.4.8")) {
            assertTrue(m.contains("compressed with JPEG-LS") && m.contains("PneumoLens cannot decode"), m);
        } else {
            assertTrue(m.contains("holds no image"), m);
        }
    }
}
