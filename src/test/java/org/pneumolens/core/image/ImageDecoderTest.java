package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDecoderTest {
    @TempDir
    Path dir;

    /** A 40x30 test card: left half dark (0.2), right half bright (0.8). */
    private static int grey(int x) {
        return x < 20 ? 51 : 204;
    }

    private Path write(BufferedImage img, String format, String name) throws IOException {
        Path f = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, f.toFile()), "no writer for " + format);
        return f;
    }

    private static BufferedImage card(int type) {
        BufferedImage img = new BufferedImage(40, 30, type);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                int g = grey(x);
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    // Raw sample values: setRGB would convert through the linear grey colour space.
                    img.getRaster().setSample(x, y, 0, g);
                } else {
                    img.setRGB(x, y, 0xff000000 | g << 16 | g << 8 | g);
                }
            }
        }
        return img;
    }

    private static void assertCard(GreyImage g, float tolerance) {
        assertEquals(40, g.width());
        assertEquals(30, g.height());
        assertEquals(0.2f, g.get(5, 15), tolerance);
        assertEquals(0.8f, g.get(35, 15), tolerance);
    }

    @ParameterizedTest
    @CsvSource({"png,8-bit grey", "png,rgb", "jpeg,grey", "jpeg,rgb", "bmp,rgb", "gif,palette", "png,palette"})
    void decodesEachFormatToTheSameGreyValues(String format, String kind) throws IOException {
        BufferedImage img = switch (kind) {
            case "8-bit grey", "grey" -> card(BufferedImage.TYPE_BYTE_GRAY);
            case "palette" -> palette();
            default -> card(BufferedImage.TYPE_INT_RGB);
        };
        Path f = write(img, format, "card." + format);
        // JPEG is lossy, and its chroma subsampling blurs the sharp edge a little; sample away from the edge.
        assertCard(ImageDecoder.decodeGrey(f), format.equals("jpeg") ? 0.03f : 0.005f);
    }

    private static BufferedImage palette() {
        byte[] r = {51, (byte) 204};
        IndexColorModel cm = new IndexColorModel(1, 2, r, r, r);
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_BINARY, cm);
        WritableRaster raster = img.getRaster();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                raster.setSample(x, y, 0, x < 20 ? 0 : 1);
            }
        }
        return img;
    }

    @Test
    void sixteenBitPngKeepsItsFullRange() throws IOException {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = img.getRaster();
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                // 16-bit values that would all collapse to 0 if only the high byte were read as 8-bit.
                raster.setSample(x, y, 0, x < 20 ? 100 : 65535);
            }
        }
        GreyImage g = ImageDecoder.decodeGrey(write(img, "png", "sixteen.png"));
        assertEquals(100 / 65535f, g.get(5, 5), 1e-6);
        assertEquals(1f, g.get(30, 5), 1e-6);
    }

    @Test
    void emptyFileIsRefusedWithAClearMessage() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.png"));
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(f));
        assertTrue(e.getMessage().contains("empty.png") && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void textNamedPngIsNotAnImage() throws IOException {
        Path f = Files.writeString(dir.resolve("text.png"), "not an image");
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(f));
        assertTrue(e.getMessage().contains("not a supported image"), e.getMessage());
    }

    @Test
    void truncatedJpegIsReportedAsDamaged() throws IOException {
        Path full = write(noisyCard(), "jpeg", "full.jpeg");
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.jpeg"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(cut));
        assertTrue(e.getMessage().contains("damaged or truncated"), e.getMessage());
    }

    private static BufferedImage noisyCard() {
        BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY);
        java.util.Random rnd = new java.util.Random(1);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                img.getRaster().setSample(x, y, 0, rnd.nextInt(256));
            }
        }
        return img;
    }

    @Test
    void missingFileAndFolderAreRefused() throws IOException {
        assertTrue(assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(dir.resolve("nope.png")))
                .getMessage().contains("not found"));
        Path sub = Files.createDirectory(dir.resolve("folder.png"));
        assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(sub));
    }

    @Test
    void realRadiographFixtureDecodes() throws IOException {
        Path f = Path.of("src/test/resources/fixtures/xray/train/NORMAL").toAbsolutePath();
        try (var s = Files.list(f)) {
            Path first = s.filter(ImageDecoder::hasImageExtension).sorted().findFirst().orElseThrow();
            GreyImage g = ImageDecoder.decodeGrey(first);
            assertEquals(224, g.width());
            assertEquals(224, g.height());
        }
    }
}
