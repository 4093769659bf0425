package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reduced JPEG decode ({@link ScaledJpegDecoder}) against ImageIO's full decode: at 1/2, 1/4 and 1/8 each pixel
 * is the mean of the full decode's 2x2, 4x4 or 8x8 block, within the rounding of the two transforms; and what
 * {@code decodeGrey(file, 224, 224)} gives through it stays close to the old path's result.
 */
class ReducedJpegTest {
    @TempDir
    Path dir;

    static Stream<Path> samples() throws IOException {
        return Files.list(Path.of("sample-images")).filter(ImageDecoder::hasImageExtension).sorted();
    }

    /** Mean and max absolute difference, in grey levels, of full blocks against the full decode's block means. */
    static double[] blockMeanError(BufferedImage full, GreyImage reduced, int factor) {
        float[] px = GreyConversion.toGrey(full).pixels();
        int w = full.getWidth();
        int bw = full.getWidth() / factor;
        int bh = full.getHeight() / factor;
        double sum = 0;
        double max = 0;
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                double mean = 0;
                for (int y = 0; y < factor; y++) {
                    for (int x = 0; x < factor; x++) {
                        mean += px[(by * factor + y) * w + bx * factor + x];
                    }
                }
                mean /= factor * factor;
                double d = Math.abs(mean - reduced.get(bx, by)) * 255;
                sum += d;
                max = Math.max(max, d);
            }
        }
        return new double[]{sum / ((double) bw * bh), max};
    }

    static BufferedImage fullDecode(Path file) throws IOException {
        return ImageDecoder.decode(file);
    }

    static GreyImage reduced(Path file, int factor) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JpegHeader h = JpegHeader.parse(bytes);
        assertNotNull(h, file + ": not handled");
        GreyImage img = ScaledJpegDecoder.decode(h, bytes, factor);
        assertNotNull(img, file + ": decode refused");
        assertEquals((h.width + factor - 1) / factor, img.width());
        assertEquals((h.height + factor - 1) / factor, img.height());
        return img;
    }

    /** Six of the eight samples are baseline JPEGs; two are progressive ({@link ProgressiveJpegDecoder}). */
    static Stream<Path> baselineSamples() throws IOException {
        return samples().filter(f -> !progressive(f));
    }

    static boolean progressive(Path f) {
        try {
            return JpegMarkers.scan(Files.readAllBytes(f), 100).progressive();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Path> progressiveSamples() throws IOException {
        return samples().filter(ReducedJpegTest::progressive);
    }

    /** The progressive decoder at a given factor: the reduction the minimum size {@code ceil(side / factor)} calls for. */
    static GreyImage progressiveReduced(byte[] bytes, int width, int height, int factor) {
        ReducedJpeg.Result r = ProgressiveJpegDecoder.decode(bytes, (width + factor - 1) / factor,
                (height + factor - 1) / factor);
        assertNotNull(r, "1/" + factor + ": decode refused");
        assertEquals(factor, r.factor());
        assertEquals((width + factor - 1) / factor, r.image().width());
        assertEquals((height + factor - 1) / factor, r.image().height());
        return r.image();
    }

    @Test
    void twoOfTheSamplesAreProgressive() throws IOException {
        assertEquals(2, progressiveSamples().count(), "the sample set changed");
    }

    @ParameterizedTest
    @MethodSource("progressiveSamples")
    void progressiveSamplesReduceToTheMeanOfTheFullDecodesBlocks(Path file) throws IOException {
        BufferedImage full = fullDecode(file);
        byte[] bytes = Files.readAllBytes(file);
        for (int factor : new int[]{8, 4, 2}) {
            double[] e = blockMeanError(full, progressiveReduced(bytes, full.getWidth(), full.getHeight(), factor),
                    factor);
            System.out.printf("%s (progressive) 1/%d: block-mean error mean %.3f max %.3f grey levels%n",
                    file.getFileName(), factor, e[0], e[1]);
            assertTrue(e[0] <= 1.5, file + " 1/" + factor + " mean abs " + e[0]);
            assertTrue(e[1] <= 12, file + " 1/" + factor + " max abs " + e[1]);
        }
    }

    /**
     * The same picture written baseline and progressive (same quality, so the same quantised coefficients, only coded
     * differently: DC and AC bands, successive approximation): the two decoders give the same reduced pixels.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 7})
    void progressiveAndBaselineCodingsOfOnePictureReduceAlike(int restart) throws IOException {
        BufferedImage img = grey(sample(), 2);
        Path base = dir.resolve("b.jpeg");
        Path prog = dir.resolve("p.jpeg");
        write(img, base, restart, false);
        write(img, prog, restart, true);
        byte[] b = Files.readAllBytes(base);
        byte[] p = Files.readAllBytes(prog);
        assertTrue(JpegMarkers.scan(p, 100).progressive());
        assertTrue(JpegMarkers.scan(p, 100).scans() > 2, "successive approximation and spectral bands");
        JpegHeader h = JpegHeader.parse(b);
        for (int factor : new int[]{8, 4, 2}) {
            GreyImage fromBaseline = ScaledJpegDecoder.decode(h, b, factor);
            GreyImage fromProgressive = progressiveReduced(p, img.getWidth(), img.getHeight(), factor);
            double[] d = diff(fromBaseline, fromProgressive);
            assertTrue(d[1] < 1e-6, "restart " + restart + " 1/" + factor + ": max " + d[1]);
        }
    }

    @Test
    void truncatedDamagedOrColourProgressiveJpegsAreLeftToImageIo() throws IOException {
        Path prog = dir.resolve("p.jpeg");
        write(grey(sample(), 2), prog, 0, true);
        byte[] p = Files.readAllBytes(prog);
        assertNotNull(ProgressiveJpegDecoder.decode(p, 100, 100));
        assertNull(ProgressiveJpegDecoder.decode(java.util.Arrays.copyOf(p, p.length - 2), 100, 100), "no EOI");
        assertNull(ProgressiveJpegDecoder.decode(java.util.Arrays.copyOf(p, p.length / 2), 100, 100), "half");
        assertNull(ProgressiveJpegDecoder.decode(p, 700, 700), "no reduction leaves 700 px");
        Path colour = dir.resolve("c.jpeg");
        write(tinted(sample()), colour, 0, true);
        assertNull(ProgressiveJpegDecoder.decode(Files.readAllBytes(colour), 100, 100), "colour");
        Path baseline = dir.resolve("b.jpeg");
        write(grey(sample(), 2), baseline, 0, false);
        assertNull(ProgressiveJpegDecoder.decode(Files.readAllBytes(baseline), 100, 100), "baseline is not its job");
    }

    @ParameterizedTest
    @MethodSource("baselineSamples")
    void everyReductionIsTheMeanOfTheFullDecodesBlocks(Path file) throws IOException {
        BufferedImage full = fullDecode(file);
        for (int factor : new int[]{8, 4, 2}) {
            double[] e = blockMeanError(full, reduced(file, factor), factor);
            System.out.printf("%s 1/%d: block-mean error mean %.3f max %.3f grey levels%n", file.getFileName(),
                    factor, e[0], e[1]);
            assertTrue(e[0] <= 1.5, file + " 1/" + factor + " mean abs " + e[0]);
            // Single pixels differ more where the full decode clamps ringing at 0 or 255 before the mean is taken.
            assertTrue(e[1] <= 12, file + " 1/" + factor + " max abs " + e[1]);
        }
    }

    /**
     * Not equal: the reduced image is a box filter of the full one, and the resize's triangle then widens it by up to
     * the reduction factor (as Pillow's {@code draft} before {@code resize} does). Sharp edges (lettering, wires)
     * move by tens of grey levels; the image as a whole by about one.
     */
    @ParameterizedTest
    @MethodSource("samples")
    void decodeGreyAt224StaysCloseToTheOldPath(Path file) throws IOException {
        GreyImage old = GreyConversion.toGreyResized(ImageDecoder.decode(file), 224, 224);
        ReducedJpeg.Result r = ReducedJpeg.read(file, 224, 224);
        assertNotNull(r, file + ": the sample should take the reduced path");
        GreyImage fast = ImageDecoder.decodeGrey(file, 224, 224);
        double[] d = diff(old, fast);
        System.out.printf("%s 224 via 1/%d: mean %.5f max %.5f (grey levels %.3f / %.3f)%n", file.getFileName(),
                r.factor(), d[0], d[1], d[0] * 255, d[1] * 255);
        assertTrue(d[0] * 255 <= 2, "mean " + d[0] * 255 + " grey levels");
        assertTrue(d[1] * 255 <= 80, "max " + d[1] * 255 + " grey levels");
    }

    static double[] diff(GreyImage a, GreyImage b) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        double sum = 0;
        double max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            double d = Math.abs(a.pixels()[i] - b.pixels()[i]);
            sum += d;
            max = Math.max(max, d);
        }
        return new double[]{sum / a.pixels().length, max};
    }

    @Test
    void theLargestReductionThatStillCoversTheTargetIsChosen() {
        assertEquals(8, ScaledJpegDecoder.factorFor(1858, 1800, 224, 224));
        assertEquals(4, ScaledJpegDecoder.factorFor(1858, 1600, 224, 224));
        assertEquals(2, ScaledJpegDecoder.factorFor(500, 1600, 224, 224));
        assertEquals(1, ScaledJpegDecoder.factorFor(446, 1600, 224, 224));
        assertEquals(8, ScaledJpegDecoder.factorFor(1785, 1785, 224, 224)); // ceil(1785 / 8) = 224
    }

    @Test
    void smallImagesAndOtherFormatsKeepTheOldPath() throws IOException {
        Path small = Path.of("src/test/resources/fixtures/xray/val/NORMAL/IM-0011-0001-0001.jpeg"); // 224x224
        assertNull(ReducedJpeg.read(small, 224, 224));
        Path png = dir.resolve("grey.png");
        ImageIO.write(new BufferedImage(800, 800, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        assertNull(ReducedJpeg.read(png, 100, 100));
        Path progressive = dir.resolve("p.jpeg");
        write(grey(sample(), 2), progressive, 0, true);
        assertNull(JpegHeader.parse(Files.readAllBytes(progressive)));
    }

    /** Restart intervals (several, so RST0-7 wrap) and 4:2:0 colour: the reduction still matches the full decode. */
    @ParameterizedTest
    @ValueSource(strings = {"grey", "grey-restart", "colour-420", "colour-420-restart"})
    void restartIntervalsAndSubsampledColourDecode(String kind) throws IOException {
        BufferedImage src = sample();
        boolean colour = kind.startsWith("colour");
        BufferedImage img = colour ? tinted(src) : grey(src, 1);
        Path f = dir.resolve(kind + ".jpeg");
        write(img, f, kind.endsWith("restart") ? 5 : 0, false);
        byte[] bytes = Files.readAllBytes(f);
        JpegHeader h = JpegHeader.parse(bytes);
        assertNotNull(h);
        assertEquals(colour ? 3 : 1, h.components.length);
        assertEquals(kind.endsWith("restart") ? 5 : 0, h.restartInterval);
        if (colour) {
            assertEquals(2, h.components[0].h, "4:2:0 luma");
            assertEquals(2, h.components[0].v, "4:2:0 luma");
            assertEquals(1, h.components[1].h);
        }
        BufferedImage full = ImageDecoder.decode(f);
        for (int factor : new int[]{8, 4, 2}) {
            GreyImage r = ScaledJpegDecoder.decode(h, bytes, factor);
            assertNotNull(r, kind + " 1/" + factor);
            double[] e = blockMeanError(full, r, factor);
            System.out.printf("%s 1/%d: mean %.3f max %.3f grey levels%n", kind, factor, e[0], e[1]);
            // Colour: the old path converts decoded RGB back to luma; the rounding of both conversions adds up.
            assertTrue(e[0] <= 1.5, kind + " 1/" + factor + " mean " + e[0]);
        }
        double[] d = diff(GreyConversion.toGreyResized(full, 150, 150), ImageDecoder.decodeGrey(f, 150, 150));
        assertTrue(d[0] * 255 <= 1.5, kind + " mean " + d[0] * 255);
    }

    @Test
    void aMissingOrMisnumberedRestartMarkerIsRefused() throws IOException {
        Path f = dir.resolve("restart.jpeg");
        write(grey(sample(), 1), f, 5, false);
        byte[] bytes = Files.readAllBytes(f);
        JpegHeader h = JpegHeader.parse(bytes);
        int rst = indexOfMarker(bytes, h.scanStart, 0xD3);
        assertTrue(rst > 0);
        byte[] wrong = bytes.clone();
        wrong[rst + 1] = (byte) 0xD4;
        assertNull(ScaledJpegDecoder.decode(JpegHeader.parse(wrong), wrong, 8));
        byte[] truncated = java.util.Arrays.copyOf(bytes, rst);
        assertNull(ScaledJpegDecoder.decode(JpegHeader.parse(truncated), truncated, 4));
    }

    static int indexOfMarker(byte[] b, int from, int code) {
        for (int i = from; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        return -1;
    }

    static BufferedImage sample() throws IOException {
        return ImageIO.read(Path.of("sample-images/PNEUMONIA_person148_virus_298.jpeg").toFile());
    }

    /** An 8-bit grey copy, every {@code step}-th pixel. */
    static BufferedImage grey(BufferedImage src, int step) {
        BufferedImage g = new BufferedImage(src.getWidth() / step, src.getHeight() / step,
                BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < g.getHeight(); y++) {
            for (int x = 0; x < g.getWidth(); x++) {
                g.getRaster().setSample(x, y, 0, src.getRaster().getSample(x * step, y * step, 0));
            }
        }
        return g;
    }

    /** A colour image (so that the chroma planes are not flat), 1/2 size, odd sides. */
    static BufferedImage tinted(BufferedImage src) {
        int w = src.getWidth() / 2 - 3;
        int h = src.getHeight() / 2 - 5;
        BufferedImage c = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = src.getRaster().getSample(2 * x, 2 * y, 0);
                int r = Math.min(255, v + x % 40);
                int b = Math.max(0, v - y % 30);
                c.setRGB(x, y, r << 16 | v << 8 | b);
            }
        }
        return c;
    }

    /** ImageIO's JPEG writer (4:2:0 for colour), with a DRI segment when {@code restart > 0}. */
    static void write(BufferedImage img, Path f, int restart, boolean progressive) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        if (progressive) {
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), p);
        if (restart > 0) {
            String format = "javax_imageio_jpeg_image_1.0";
            IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
            IIOMetadataNode seq = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", String.valueOf(restart));
            seq.insertBefore(dri, seq.getFirstChild());
            meta.setFromTree(format, root);
        }
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, List.of(), meta), p);
        } finally {
            w.dispose();
        }
    }
}
