package org.pneumolens.core.image;

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
