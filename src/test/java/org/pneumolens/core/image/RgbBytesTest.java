package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** {@link RgbBytes} gives exactly {@code getRGB}'s colour for the images it takes, and refuses every other kind. */
class RgbBytesTest {
    static BufferedImage noisy(int type, int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xff000000 | r.nextInt(1 << 24));
            }
        }
        return img;
    }

    static void assertSameAsGetRgb(BufferedImage img) {
        RgbBytes d = RgbBytes.of(img);
        assertNotNull(d, "should be read directly");
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertEquals(img.getRGB(x, y) & 0xffffff, d.rgb(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void bgrBytesTheirWindowsAndRgbOrderMatchGetRgb() {
        BufferedImage bgr = noisy(BufferedImage.TYPE_3BYTE_BGR, 37, 23, 1);
        assertSameAsGetRgb(bgr);
        assertSameAsGetRgb(bgr.getSubimage(5, 7, 20, 11)); // a child raster onto the same buffer
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = java.awt.image.Raster.createWritableRaster(
                new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, 19, 13, 3, 19 * 3, new int[]{0, 1, 2}), null);
        BufferedImage rgb = new BufferedImage(cm, raster, false, null);
        Random r = new Random(2);
        for (int y = 0; y < 13; y++) {
            for (int x = 0; x < 19; x++) {
                rgb.setRGB(x, y, 0xff000000 | r.nextInt(1 << 24));
            }
        }
        assertSameAsGetRgb(rgb);
    }

    @Test
    void aColourJpegAsImageIoDecodesItIsReadDirectly() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(noisy(BufferedImage.TYPE_INT_RGB, 64, 48, 3), "jpeg", out);
        assertSameAsGetRgb(ImageIO.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void otherLayoutsKeepGetRgb() {
        for (int type : new int[]{BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_INT_ARGB}) {
            assertNull(RgbBytes.of(new BufferedImage(8, 8, type)), "type " + type);
        }
        ComponentColorModel linear = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB), false,
                false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        BufferedImage img = new BufferedImage(linear, linear.createCompatibleWritableRaster(8, 8), false, null);
        assertNull(RgbBytes.of(img), "another colour space: getRGB converts");
    }
}
