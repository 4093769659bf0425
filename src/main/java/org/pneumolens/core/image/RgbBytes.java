package org.pneumolens.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Direct reading of a plain 8-bit sRGB image with interleaved bytes ({@code TYPE_3BYTE_BGR}, what ImageIO's JPEG
 * reader gives for colour JPEGs such as the 224-px dataset files): {@code getRGB} per pixel was most of the batch
 * decoding thread's time on those files. For exactly these images {@code getRGB} only repacks the bytes (no colour
 * conversion, opaque), so {@link #rgb} gives the same value; anything else (other colour spaces, alpha, palettes,
 * 16-bit, packed ints) answers null from {@link #of} and keeps the {@code getRGB} path.
 */
public final class RgbBytes {
    private final byte[] data;
    private final int origin;
    private final int scanline;
    private final int pixel;
    private final int r;
    private final int g;
    private final int b;

    private RgbBytes(byte[] data, int origin, int scanline, int pixel, int r, int g, int b) {
        this.data = data;
        this.origin = origin;
        this.scanline = scanline;
        this.pixel = pixel;
        this.r = r;
        this.g = g;
        this.b = b;
    }

    /** The direct reader of {@code img}, or null if it is not a plain opaque 8-bit sRGB byte-interleaved image. */
    public static RgbBytes of(BufferedImage img) {
        Raster raster = img.getRaster();
        DataBuffer buffer = raster.getDataBuffer();
        if (!(img.getColorModel() instanceof ComponentColorModel cm) || cm.hasAlpha() || !cm.getColorSpace().isCS_sRGB()
                || cm.getNumComponents() != 3 || raster.getNumBands() != 3 || !(buffer instanceof DataBufferByte bytes)
                || bytes.getNumBanks() != 1 || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel sm)) {
            return null;
        }
        for (int c = 0; c < 3; c++) {
            if (cm.getComponentSize(c) != 8) {
                return null;
            }
        }
        int[] offsets = sm.getBandOffsets();
        // The raster may be a child window onto a larger buffer: its (0, 0) is the sample model's (-tx, -ty).
        // (getOffset(x, y) would add band 0's offset, so the stride arithmetic is done here.)
        int origin = buffer.getOffset() - raster.getSampleModelTranslateY() * sm.getScanlineStride()
                - raster.getSampleModelTranslateX() * sm.getPixelStride();
        return new RgbBytes(bytes.getData(), origin, sm.getScanlineStride(), sm.getPixelStride(), offsets[0],
                offsets[1], offsets[2]);
    }

    /** Row {@code y} as {@code 0xRRGGBB} values into {@code out}, one per pixel of the row. */
    public void row(int y, int[] out) {
        for (int x = 0; x < out.length; x++) {
            out[x] = rgb(x, y);
        }
    }

    /** {@code 0xRRGGBB} of pixel (x, y), as {@code getRGB} gives it without the alpha byte. */
    public int rgb(int x, int y) {
        int at = origin + y * scanline + x * pixel;
        return (data[at + r] & 0xff) << 16 | (data[at + g] & 0xff) << 8 | (data[at + b] & 0xff);
    }
}
