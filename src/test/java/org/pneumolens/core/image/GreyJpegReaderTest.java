package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files take the quick grey-JPEG path; that its pixels are right is {@link DecodeEquivalenceTest}'s job. */
class GreyJpegReaderTest {
    @TempDir
    Path dir;

    @Test
    void greySampleRadiographsTakeTheQuickPath() throws IOException {
        try (var files = Files.list(Path.of("sample-images"))) {
            for (Path f : files.filter(ImageDecoder::hasImageExtension).toList()) {
                BufferedImage img = GreyJpegReader.read(f);
                assertNotNull(img, f + " should be read by the quick path");
                assertEquals(1, img.getRaster().getNumBands(), f.toString());
            }
        }
    }

    /**
     * The claim the quick path rests on: ImageIO's first choice for a grey JPEG is TwelveMonkeys' reader, and it hands
     * the decoding to the JDK reader, so skipping it changes no pixel. Re-checked for each TwelveMonkeys upgrade.
     */
    @Test
    void theQuickPathGivesTwelveMonkeysPixels() throws IOException {
        try (var files = Files.list(Path.of("sample-images"))) {
            for (Path f : files.filter(ImageDecoder::hasImageExtension).toList()) {
                BufferedImage general;
                try (ImageInputStream in = ImageIO.createImageInputStream(f.toFile())) {
                    ImageReader reader = ImageIO.getImageReaders(in).next();
                    assertTrue(reader.getClass().getName().startsWith("com.twelvemonkeys."), reader.getClass().getName());
                    reader.setInput(in);
                    general = reader.read(0);
                    reader.dispose();
                }
                BufferedImage quick = GreyJpegReader.read(f);
                assertEquals(general.getWidth(), quick.getWidth(), f.toString());
                assertEquals(general.getHeight(), quick.getHeight(), f.toString());
                assertArrayEquals(general.getRaster().getPixels(0, 0, general.getWidth(), general.getHeight(),
                        (int[]) null), quick.getRaster().getPixels(0, 0, quick.getWidth(), quick.getHeight(), (int[]) null),
                        f.toString());
            }
        }
    }

    @Test
    void colourJpegsPngsAndDamagedJpegsAreLeftToTheGeneralPath() throws IOException {
        Path colour = Path.of("src/test/resources/fixtures/xray/train/NORMAL/IM-0115-0001.jpeg");
        assertNull(GreyJpegReader.read(colour), "3-component JPEG");

        BufferedImage grey = noise(400, 300);
        Path png = dir.resolve("grey.png");
        assertTrue(ImageIO.write(grey, "png", png.toFile()));
        assertNull(GreyJpegReader.read(png), "PNG");

        Path jpeg = dir.resolve("grey.jpeg");
        assertTrue(ImageIO.write(grey, "jpeg", jpeg.toFile()));
        assertNotNull(GreyJpegReader.read(jpeg), "the intact grey JPEG");
        byte[] bytes = Files.readAllBytes(jpeg);
        Path cut = Files.write(dir.resolve("cut.jpeg"), Arrays.copyOf(bytes, bytes.length / 3));
        assertNull(GreyJpegReader.read(cut), "truncated grey JPEG: its warning must reach the general path's check");
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Random rnd = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, rnd.nextInt(256));
            }
        }
        return img;
    }
}
