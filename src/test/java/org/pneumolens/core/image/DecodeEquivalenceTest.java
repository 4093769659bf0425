package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast decode and resize (issue 6) must give the pixels of the straightforward code they replaced, kept in
 * {@link ReferencePipeline}: same size, every pixel within 1e-4 on the [0, 1] scale.
 */
class DecodeEquivalenceTest {
    private static final float TOLERANCE = 1e-4f;

    @TempDir
    Path dir;

    /** The 42 dataset fixtures (RGB JPEGs, 224x224) and the full-resolution samples (grey JPEGs, 1-4 MP). */
    static Stream<Path> realImages() throws IOException {
        Stream<Path> fixtures = Files.walk(Path.of("src/test/resources/fixtures/xray"));
        Stream<Path> samples = Files.list(Path.of("sample-images"));
        return Stream.concat(fixtures, samples).filter(ImageDecoder::hasImageExtension).sorted();
    }

    @ParameterizedTest
    @MethodSource("realImages")
    void realImagesDecodeAndResizeToTheReferencePixels(Path file) throws IOException {
        GreyImage expected = ReferencePipeline.decodeGrey(file);
        GreyImage actual = ImageDecoder.decodeGrey(file);
        assertSame(expected, actual, file + " decoded");
        // The benchmark's size and the dataset size of Preprocessing.
        assertSame(ReferencePipeline.resize(expected, 150, 150), Resampler.resize(actual, 150, 150), file + " at 150");
        assertSame(ReferencePipeline.resize(expected, 224, 224), Resampler.resize(actual, 224, 224), file + " at 224");
        // Decoded and resized in one go, without the full-size float image (decodeGrey(file, w, h) when no reduced
        // JPEG decode applies; that one is compared with this path in ReducedJpegTest).
        BufferedImage decoded = ImageDecoder.decode(file);
        assertSame(ReferencePipeline.resize(expected, 150, 150), GreyConversion.toGreyResized(decoded, 150, 150),
                file + " fused 150");
        assertSame(ReferencePipeline.resize(expected, 224, 224), GreyConversion.toGreyResized(decoded, 224, 224),
                file + " fused 224");
        assertSame(ReferencePipeline.resize(expected, 7, 300), GreyConversion.toGreyResized(decoded, 7, 300),
                file + " fused 7x300");
    }

    @ParameterizedTest
    @CsvSource({"8-bit grey,png", "16-bit grey,png", "rgb,png", "argb,png", "palette,png", "grey,jpeg", "rgb,jpeg",
            "rgb,bmp", "palette,gif"})
    void generatedFilesOfEachKindDecodeToTheReferencePixels(String kind, String format) throws IOException {
        BufferedImage img = noise(kind, 123, 77);
        Path f = dir.resolve(kind.replace(' ', '-') + "." + format);
        assertTrue(ImageIO.write(img, format, f.toFile()), "no writer for " + kind + " " + format);
        assertSame(ReferencePipeline.decodeGrey(f), ImageDecoder.decodeGrey(f), kind + " " + format);
        assertSame(ReferencePipeline.resize(ReferencePipeline.decodeGrey(f), 40, 90), ImageDecoder.decodeGrey(f, 40, 90),
                kind + " " + format + " fused");
    }

    /**
     * Layouts a file rarely gives but a {@link BufferedImage} can have: a window onto a larger raster, a band of an
     * interleaved raster, and grey packed several pixels to a byte. The fast path must read the right samples or
     * leave such images to the generic one.
     */
    @ParameterizedTest
    @CsvSource({"8-bit grey", "16-bit grey", "rgb"})
    void subImagesConvertToTheReferencePixels(String kind) {
        BufferedImage whole = noise(kind, 90, 60);
        BufferedImage window = whole.getSubimage(13, 7, 50, 40);
        assertSame(ReferencePipeline.toGrey(window), ImageDecoder.toGrey(window), kind + " sub-image");
        assertSame(ReferencePipeline.resize(ReferencePipeline.toGrey(window), 20, 15),
                GreyConversion.toGreyResized(window, 20, 15), kind + " sub-image fused");
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "2"})
    void oneBandOfAnInterleavedRasterConvertsToTheReferencePixels(int band) {
        BufferedImage rgb = noise("3-byte bgr", 64, 48);
        WritableRaster oneBand = rgb.getRaster().createWritableChild(0, 0, 64, 48, 0, 0, new int[]{band});
        ColorModel greyModel = ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false).getColorModel();
        BufferedImage img = new BufferedImage(greyModel, oneBand, false, null);
        assertSame(ReferencePipeline.toGrey(img), ImageDecoder.toGrey(img), "band " + band);
        assertSame(ReferencePipeline.resize(ReferencePipeline.toGrey(img), 30, 20),
                GreyConversion.toGreyResized(img, 30, 20), "band " + band + " fused");
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "4"})
    void packedGreyConvertsToTheReferencePixels(int bits) {
        // How the PNG reader represents 1-, 2- and 4-bit grey.
        BufferedImage img = ImageTypeSpecifier.createGrayscale(bits, DataBuffer.TYPE_BYTE, false)
                .createBufferedImage(37, 23);
        Random rnd = new Random(bits);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                img.getRaster().setSample(x, y, 0, rnd.nextInt(1 << bits));
            }
        }
        assertSame(ReferencePipeline.toGrey(img), ImageDecoder.toGrey(img), bits + "-bit grey");
    }

    @ParameterizedTest
    @CsvSource({"2088,1840,150,150", "1198,1032,150,150", "300,170,224,224", "224,224,112,112", "50,40,224,224",
            "400,30,64,64", "30,400,64,64", "1,300,1,10", "300,1,10,1", "7,9,7,9", "100,100,10,133"})
    void resizeMatchesTheReference(int inW, int inH, int outW, int outH) {
        Random rnd = new Random(inW * 31L + inH);
        float[] px = new float[inW * inH];
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextFloat();
        }
        GreyImage src = new GreyImage(inW, inH, px);
        assertSame(ReferencePipeline.resize(src, outW, outH), Resampler.resize(src, outW, outH),
                inW + "x" + inH + " to " + outW + "x" + outH);
    }

    private static void assertSame(GreyImage expected, GreyImage actual, String what) {
        assertEquals(expected.width(), actual.width(), what + ": width");
        assertEquals(expected.height(), actual.height(), what + ": height");
        float worst = 0;
        int at = -1;
        for (int i = 0; i < expected.pixels().length; i++) {
            float d = Math.abs(expected.pixels()[i] - actual.pixels()[i]);
            if (!(d <= worst)) { // also catches NaN
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= TOLERANCE, what + ": pixel " + at + " differs by " + worst);
    }

    /** Random content, so that a misplaced row, column or channel cannot go unnoticed. */
    private static BufferedImage noise(String kind, int w, int h) {
        Random rnd = new Random(kind.hashCode());
        BufferedImage img = switch (kind) {
            case "8-bit grey", "grey" -> new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            case "16-bit grey" -> new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
            case "argb" -> new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            case "3-byte bgr" -> new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            case "palette" -> new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, palette(rnd));
            default -> new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        };
        WritableRaster r = img.getRaster();
        int values = img.getColorModel() instanceof IndexColorModel icm ? icm.getMapSize()
                : 1 << img.getColorModel().getComponentSize(0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < r.getNumBands(); b++) {
                    // Alpha kept opaque: PNG and getRGB treat transparency differently, not the subject here.
                    r.setSample(x, y, b, b == 3 ? 255 : rnd.nextInt(values));
                }
            }
        }
        return img;
    }

    private static IndexColorModel palette(Random rnd) {
        byte[] r = new byte[16];
        byte[] g = new byte[16];
        byte[] b = new byte[16];
        rnd.nextBytes(r);
        rnd.nextBytes(g);
        rnd.nextBytes(b);
        return new IndexColorModel(4, 16, r, g, b);
    }
}
