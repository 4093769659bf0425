package org.pneumolens.core.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;

/** The viewer's pixel pipeline on the corpus and on small hand-made files whose output can be worked out. */
class DicomPipelineTest {
    @TempDir
    Path dir;

    private static DicomImage corpus(String name) throws IOException {
        return DicomDecoder.decode(DicomCorpusTest.DIR.resolve(name));
    }

    @Test
    void theLinearWindowFollowsThePs3Formula() {
        Window identity = new Window(128, 256);
        for (int x = 0; x < 256; x++) {
            assertEquals(x, identity.apply(x), 1e-9);
        }
        Window w = new Window(700, 400);
        assertEquals(0, w.apply(500), 1e-9); // x <= c - 0.5 - (w-1)/2 = 500
        assertEquals(127.5, w.apply(699.5), 1e-9);
        assertEquals(255, w.apply(899.5), 1e-9); // x > c - 0.5 + (w-1)/2 = 899
    }

    @Test
    void twelveBitFileHasItsRescaleAndWindowPresets() throws IOException {
        DicomImage img = corpus("W12_explicit_le.dcm");
        assertEquals(12, img.bitsStored());
        assertEquals(0.5, img.rescaleSlope());
        assertEquals(-100, img.rescaleIntercept());
        assertEquals(-100 + 0.5 * 4000, img.modalityValue(4000), 1e-9);
        assertEquals(2, img.windows().size());
        assertEquals(new Window(700, 400, Window.Function.LINEAR, "NARROW"), img.defaultWindow());
        assertEquals("WIDE", img.windows().get(1).explanation());
        byte[] narrow = img.render();
        byte[] wide = img.render(img.windows().get(1));
        assertNotEquals(java.util.Arrays.toString(narrow), java.util.Arrays.toString(wide));
        // each pixel by hand: stored -> modality -> window -> 8 bits
        for (int i = 0; i < narrow.length; i += 97) {
            double m = img.storedValue(i) * 0.5 - 100;
            long expected = Math.round(Math.max(0, Math.min(255, new Window(700, 400).apply(m))));
            assertEquals(expected, narrow[i] & 0xff, "pixel " + i);
        }
    }

    @Test
    void monochrome1IsInvertedOnceAfterTheVoiStep() throws IOException {
        DicomImage m1 = corpus("M1_explicit_le.dcm"); // MONOCHROME1 with Presentation LUT Shape INVERSE
        assertTrue(m1.inverted());
        byte[] out = m1.render();
        for (int i = 0; i < out.length; i++) {
            assertEquals(255 - m1.storedValue(i), out[i] & 0xff);
        }
        byte[] px = {0, 10, (byte) 200, (byte) 255};
        byte[] mono1 = TestDicom.explicitLe().imagePixelModule(2, 2, 8, "MONOCHROME1")
                .element(Tags.PIXEL_DATA, "OB", px).bytes();
        assertArrayEquals(new byte[] {(byte) 255, (byte) 245, 55, 0}, DicomDecoder.decode(mono1, "m").render());
        byte[] inverse = TestDicom.explicitLe().str(Tags.PRESENTATION_LUT_SHAPE, "CS", "INVERSE")
                .imagePixelModule(2, 2, 8, "MONOCHROME2").element(Tags.PIXEL_DATA, "OB", px).bytes();
        assertArrayEquals(new byte[] {(byte) 255, (byte) 245, 55, 0}, DicomDecoder.decode(inverse, "i").render());
        byte[] identity = TestDicom.explicitLe().str(Tags.PRESENTATION_LUT_SHAPE, "CS", "IDENTITY")
                .imagePixelModule(2, 2, 8, "MONOCHROME2").element(Tags.PIXEL_DATA, "OB", px).bytes();
        assertArrayEquals(px, DicomDecoder.decode(identity, "i").render());
    }

    @Test
    void withoutAWindowDeepImagesSpanTheirMinimumToMaximum() throws IOException {
        byte[] px = new byte[8];
        int[] values = {1000, 1500, 2000, 3000};
        for (int i = 0; i < 4; i++) {
            px[2 * i] = (byte) values[i];
            px[2 * i + 1] = (byte) (values[i] >> 8);
        }
        byte[] f = TestDicom.explicitLe().imagePixelModule(2, 2, 16, "MONOCHROME2")
                .element(Tags.PIXEL_DATA, "OW", px).bytes();
        DicomImage img = DicomDecoder.decode(f, "m");
        assertEquals("min/max", img.defaultWindow().explanation());
        byte[] out = img.render();
        assertEquals(0, out[0] & 0xff);
        assertEquals(64, out[1] & 0xff); // 500 / 2000 * 255 = 63.75
        assertEquals(128, out[2] & 0xff); // 127.5, rounded half up
        assertEquals(255, out[3] & 0xff);
    }

    @Test
    void bitsStoredAndHighBitMaskTheWord() throws IOException {
        // 10 bits stored at bits 11..2 of a 16-bit word, with junk in the bits around them; signed
        int[] values = {-512, -1, 0, 511};
        byte[] px = new byte[8];
        for (int i = 0; i < 4; i++) {
            int word = ((values[i] & 0x3FF) << 2) | 0xF003;
            px[2 * i] = (byte) word;
            px[2 * i + 1] = (byte) (word >> 8);
        }
        byte[] f = TestDicom.explicitLe().us(Tags.SAMPLES_PER_PIXEL, 1).str(Tags.PHOTOMETRIC, "CS", "MONOCHROME2")
                .us(Tags.ROWS, 2).us(Tags.COLUMNS, 2).us(Tags.BITS_ALLOCATED, 16).us(Tags.BITS_STORED, 10)
                .us(Tags.HIGH_BIT, 11).us(Tags.PIXEL_REPRESENTATION, 1).element(Tags.PIXEL_DATA, "OW", px).bytes();
        DicomImage img = DicomDecoder.decode(f, "b");
        for (int i = 0; i < 4; i++) {
            assertEquals(values[i], img.storedValue(i));
        }
    }

    @Test
    void voiLutAndSignedPixelsComeThrough() throws IOException {
        DicomImage img = corpus("S16_voilut_explicit_le.dcm");
        assertTrue(img.signed());
        assertTrue(img.windows().isEmpty());
        assertEquals(4096, img.voiLut().table().length);
        assertEquals(-2000, img.voiLut().firstMapped());
        assertEquals(null, img.defaultWindow());
    }

    @Test
    void multiFrameAndColourFilesSaySo() throws IOException {
        assertTrue(corpus("MF3_jpeg_lossless_sv1_no_bot.dcm").notes().get(0).contains("(3 frames): the first frame"));
        assertTrue(corpus("pydicom_SC_rgb_rle.dcm").notes().get(0).contains("colour image (RGB) converted to grey"));
        assertTrue(corpus("A_rle.dcm").notes().isEmpty());
    }

    @Test
    void imageDecoderRoutesDicomByExtensionAndByPreamble() throws IOException {
        GreyImage png = ImageDecoder.decodeGrey(DicomCorpusTest.DIR.resolve("A_source.png"));
        GreyImage dcm = ImageDecoder.decodeGrey(DicomCorpusTest.DIR.resolve("A_jpeg_lossless.dcm"));
        assertArrayEquals(png.pixels(), dcm.pixels());
        Path bare = dir.resolve("IM000001");
        Files.copy(DicomCorpusTest.DIR.resolve("A_rle.dcm"), bare);
        assertArrayEquals(png.pixels(), ImageDecoder.decodeGrey(bare).pixels());
        GreyImage small = ImageDecoder.decodeGrey(DicomCorpusTest.DIR.resolve("A_deflated.dcm"), 64, 48);
        assertEquals(64 * 48, small.pixels().length);
    }

    @Test
    void datasetScannerTakesDicomFilesWithAnExtensionOrAPreamble() throws Exception {
        Path normal = Files.createDirectories(dir.resolve("data/NORMAL"));
        Path pneumonia = Files.createDirectories(dir.resolve("data/PNEUMONIA"));
        Files.copy(DicomCorpusTest.DIR.resolve("A_explicit_le.dcm"), normal.resolve("a.dcm"));
        Files.copy(DicomCorpusTest.DIR.resolve("A_rle.dcm"), normal.resolve("IM0002"));
        Files.copy(DicomCorpusTest.DIR.resolve("B_source.png"), pneumonia.resolve("b.png"));
        Files.copy(DicomCorpusTest.DIR.resolve("B_deflated.dcm"), pneumonia.resolve("b2.DICOM"));
        Files.writeString(pneumonia.resolve("README"), "not an image");
        ImageSet set = DatasetScanner.scan(dir.resolve("data"));
        assertEquals(4, set.images().size(), set.images().toString());
        assertEquals(1, set.skipped().size(), set.skipped().toString());
        assertTrue(set.skipped().get(0).path().endsWith("README"));
    }
}
