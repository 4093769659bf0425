package org.pneumolens.core.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;

/** Damaged and crafted files: each is refused with one line naming the file, never a stray exception. */
class HostileDicomTest {
    @TempDir
    Path dir;

    private String refusal(byte[] file) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DicomDecoder.decode(file, "x.dcm"));
        String m = e.getMessage();
        assertTrue(m.startsWith("x.dcm: "), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void aWellFormedTestFileDecodes() throws IOException {
        byte[] px = new byte[12];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 20);
        }
        DicomImage img = DicomDecoder.decode(TestDicom.image(4, 3, px), "ok.dcm");
        assertArrayEquals(px, img.render()); // 8-bit, no window: shown as stored
    }

    @ParameterizedTest
    @ValueSource(strings = {"A_explicit_le.dcm", "A_implicit_le.dcm", "A_explicit_be.dcm", "A_deflated.dcm",
            "A_jpeg_baseline.dcm", "A_jpeg_lossless_sv1.dcm", "A_rle.dcm", "A_j2k_lossless.dcm", "MF3_rle.dcm",
            "S16_voilut_explicit_le.dcm"})
    void truncatedCopiesAreRefused(String name) throws IOException {
        byte[] full = Files.readAllBytes(DicomCorpusTest.DIR.resolve(name));
        for (double keep : new double[] {0.02, 0.1, 0.5, 0.9, 0.99}) {
            int n = Math.max(133, (int) (full.length * keep));
            String m = refusal(Arrays.copyOf(full, n));
            assertTrue(m.contains("truncated") || m.contains("damaged"), name + " cut to " + n + ": " + m);
        }
    }

    @Test
    void aLengthBeyondTheFileIsRefused() {
        byte[] f = TestDicom.explicitLe().str(Tags.MODALITY, "CS", "CR").header(Tags.PATIENT_NAME, "PN", 60000)
                .raw(new byte[10]).bytes();
        assertTrue(refusal(f).contains("declares 60000 bytes but only 10 remain"));
    }

    @Test
    void anUndefinedLengthWhereNotAllowedIsRefused() {
        byte[] f = TestDicom.explicitLe().header(0x00420011, "OB", TestDicom.UNDEFINED).raw(new byte[64]).bytes();
        assertTrue(refusal(f).contains("undefined length (0xFFFFFFFF)"));
        byte[] fragment = TestDicom.explicitLe().imagePixelModule(2, 2, 8, "MONOCHROME2")
                .header(Tags.PIXEL_DATA, "OB", TestDicom.UNDEFINED).item(Tags.ITEM, 0)
                .item(Tags.ITEM, TestDicom.UNDEFINED).raw(new byte[16]).bytes();
        assertTrue(refusal(fragment).contains("fragment declares an undefined length"));
    }

    @Test
    void aTwoGigabytePixelDataLengthIsRefusedWithoutAllocatingIt() {
        byte[] f = TestDicom.explicitLe().imagePixelModule(46341, 46341, 8, "MONOCHROME2")
                .header(Tags.PIXEL_DATA, "OB", 0x80000000L).raw(new byte[100]).bytes();
        assertTrue(refusal(f).contains("declares 2147483648 bytes"), refusal(f));
        byte[] huge = TestDicom.explicitLe().imagePixelModule(65535, 65535, 16, "MONOCHROME2")
                .element(Tags.PIXEL_DATA, "OW", new byte[64]).bytes();
        assertTrue(refusal(huge).contains("larger than the"), refusal(huge));
        byte[] shortPixels = TestDicom.explicitLe().imagePixelModule(100, 100, 16, "MONOCHROME2")
                .element(Tags.PIXEL_DATA, "OW", new byte[64]).bytes();
        assertTrue(refusal(shortPixels).contains("fewer than the 20000"), refusal(shortPixels));
    }

    @Test
    void sequencesNestedAHundredDeepAreRefused() {
        TestDicom undefined = TestDicom.explicitLe();
        for (int i = 0; i < 100; i++) {
            undefined.header(0x00081115, "SQ", TestDicom.UNDEFINED).item(Tags.ITEM, TestDicom.UNDEFINED);
        }
        for (int i = 0; i < 100; i++) {
            undefined.item(Tags.ITEM_DELIMITATION, 0).item(Tags.SEQUENCE_DELIMITATION, 0);
        }
        assertTrue(refusal(undefined.bytes()).contains("nested more than " + DicomParser.MAX_DEPTH));
        // the same with defined lengths, built from the inside out
        byte[] inner = new byte[0];
        for (int i = 0; i < 100; i++) {
            byte[] item = new TestDicom().item(Tags.ITEM, inner.length + 12L)
                    .header(0x00081115, "SQ", inner.length).raw(inner).bytes();
            inner = item;
        }
        byte[] defined = TestDicom.explicitLe().header(0x00081115, "SQ", inner.length).raw(inner).bytes();
        assertTrue(refusal(defined).contains("nested more than"));
    }

    @Test
    void aNonDicomFileNamedDcmIsRefused() throws IOException {
        Path png = dir.resolve("photo.dcm");
        Files.write(png, Files.readAllBytes(DicomCorpusTest.DIR.resolve("A_source.png")));
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(png));
        assertEquals(png + ": not a DICOM file (no \"DICM\" marker at byte 128)", e.getMessage());
        Path text = dir.resolve("notes.dicom");
        Files.writeString(text, "hello ".repeat(100));
        assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(text));
    }

    @Test
    void aDeflateBombStopsAtTheCap() throws IOException {
        byte[] zeros = new byte[4 << 20];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(zeros);
        deflater.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!deflater.finished()) {
            z.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        byte[] f = TestDicom.withMeta(TransferSyntax.DEFLATED_LE.uid()).raw(z.toByteArray()).bytes();
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomParser.parse(f, 1 << 20));
        assertEquals("deflated data set inflates to more than 1 MiB", e.getMessage());
        // within the cap, the zeros inflate but are no data set
        assertTrue(refusal(f).contains("damaged"), refusal(f));
    }

    @Test
    void damagedRleIsRefused() {
        byte[] rle = new byte[64 + 4];
        rle[0] = 1; // one segment
        rle[4] = (byte) 200; // starting past the end
        byte[] f = TestDicom.withMeta(TransferSyntax.RLE.uid()).imagePixelModule(2, 2, 8, "MONOCHROME2")
                .header(Tags.PIXEL_DATA, "OB", TestDicom.UNDEFINED).item(Tags.ITEM, 0).item(Tags.ITEM, rle.length)
                .raw(rle).item(Tags.SEQUENCE_DELIMITATION, 0).bytes();
        assertTrue(refusal(f).contains("damaged RLE data"));
    }

    @Test
    void randomlyCorruptedFilesDecodeOrFailWithOneLine() throws IOException {
        Random random = new Random(14);
        for (String name : new String[] {"A_explicit_le.dcm", "A_implicit_le.dcm", "A_deflated.dcm", "A_rle.dcm",
                "A_jpeg_lossless_sv1.dcm", "A_j2k_lossless.dcm", "S16_voilut_explicit_le.dcm", "MF3_rle.dcm"}) {
            byte[] original = Files.readAllBytes(DicomCorpusTest.DIR.resolve(name));
            for (int round = 0; round < 25; round++) {
                byte[] f = original.clone();
                int headerEnd = Math.min(f.length, 1200); // mostly the header, where the structure is
                for (int k = 0; k < 4; k++) {
                    int at = 128 + random.nextInt(headerEnd - 128);
                    f[at] = (byte) random.nextInt(256);
                }
                try {
                    DicomImage img = DicomDecoder.decode(f, "x.dcm");
                    assertEquals(img.width() * img.height(), img.render().length);
                } catch (ImageDecodeException e) {
                    assertFalse(e.getMessage().contains("\n"), e.getMessage());
                }
            }
        }
    }
}
