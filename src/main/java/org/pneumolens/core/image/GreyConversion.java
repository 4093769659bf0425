package org.pneumolens.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Converts a decoded {@link BufferedImage} to grey in [0, 1]. 16-bit samples keep their full range; colour is
 * reduced with Rec. 601 luma weights (chest X-rays saved as RGB have three equal channels, so this is exact for
 * them).
 *
 * <p>Grey JPEGs and PNGs, nearly every radiograph, are read straight from the raster's backing array rather than
 * row by row through {@link Raster#getSamples} into an int buffer: ~15% less time on the sample X-rays (median
 * 5.4 to 4.5 ms, most of the rest being the allocation of the float image itself). The values are bit for bit
 * those of the generic path, which every other layout still takes.
 */
final class GreyConversion {
    private GreyConversion() {
    }

    static GreyImage toGrey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster raster = img.getRaster();
        ColorModel cm = img.getColorModel();
        DataBuffer buffer = raster.getDataBuffer();
        int transfer = buffer.getDataType();
        boolean grey = raster.getNumBands() == 1 && !(cm instanceof IndexColorModel)
                && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT);
        // One sample per array element is only guaranteed by a component layout; 1-, 2- and 4-bit grey PNGs pack
        // several pixels into a byte (MultiPixelPackedSampleModel) and take the generic way.
        boolean plainArray = raster.getSampleModel() instanceof ComponentSampleModel
                && (buffer instanceof DataBufferByte || buffer instanceof DataBufferUShort);
        float[] out = new float[w * h];
        if (!grey) {
            colourToGrey(img, out);
        } else if (plainArray) {
            backingArrayToGrey(raster, cm, out);
        } else {
            samplesToGrey(raster, cm, out);
        }
        return new GreyImage(w, h, out);
    }

    /**
     * Decoded image to grey and resized in one go ({@link Resampler#resize(int, int, Resampler.RowSource, int, int)}):
     * plain 8-bit grey rasters, nearly every radiograph, are read row by row from their backing array and never
     * become a full-size float image; any other layout is converted whole and then resized. Same floats either way.
     */
    static GreyImage toGreyResized(BufferedImage img, int outW, int outH) {
        Raster raster = img.getRaster();
        ColorModel cm = img.getColorModel();
        DataBuffer buffer = raster.getDataBuffer();
        boolean greyBytes = raster.getNumBands() == 1 && !(cm instanceof IndexColorModel)
                && buffer instanceof DataBufferByte && raster.getSampleModel() instanceof ComponentSampleModel;
        if (!greyBytes || (img.getWidth() == outW && img.getHeight() == outH)) {
            return Resampler.resize(toGrey(img), outW, outH);
        }
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        int stride = sm.getScanlineStride();
        int pixelStride = sm.getPixelStride();
        int bank = sm.getBankIndices()[0];
        int origin = origin(raster, sm, bank);
        byte[] data = ((DataBufferByte) buffer).getData(bank);
        float[] level = levels(256, (1 << cm.getComponentSize(0)) - 1);
        int w = raster.getWidth();
        return Resampler.resize(w, raster.getHeight(), (y, dst) -> {
            int in = origin + y * stride;
            for (int x = 0; x < w; x++) {
                dst[x] = level[data[in + x * pixelStride] & 0xff];
            }
        }, outW, outH);
    }

    /** Where the raster's top-left sample sits in its buffer (a raster may be a window onto a larger buffer). */
    private static int origin(Raster raster, ComponentSampleModel sm, int bank) {
        return raster.getDataBuffer().getOffsets()[bank] + sm.getBandOffsets()[0]
                + (raster.getMinY() - raster.getSampleModelTranslateY()) * sm.getScanlineStride()
                + (raster.getMinX() - raster.getSampleModelTranslateX()) * sm.getPixelStride();
    }

    /** Single-band byte or ushort rasters, read from the array behind them. */
    private static void backingArrayToGrey(Raster raster, ColorModel cm, float[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        float max = (1 << cm.getComponentSize(0)) - 1;
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        int stride = sm.getScanlineStride();
        int pixelStride = sm.getPixelStride();
        int bank = sm.getBankIndices()[0];
        int origin = origin(raster, sm, bank);
        if (raster.getDataBuffer() instanceof DataBufferByte bytes) {
            byte[] data = bytes.getData(bank);
            float[] level = levels(256, max);
            for (int y = 0; y < h; y++) {
                int in = origin + y * stride;
                int o = y * w;
                for (int x = 0; x < w; x++) {
                    out[o + x] = level[data[in + x * pixelStride] & 0xff];
                }
            }
        } else {
            short[] data = ((DataBufferUShort) raster.getDataBuffer()).getData(bank);
            float[] level = levels(65536, max);
            for (int y = 0; y < h; y++) {
                int in = origin + y * stride;
                int o = y * w;
                for (int x = 0; x < w; x++) {
                    out[o + x] = level[data[in + x * pixelStride] & 0xffff];
                }
            }
        }
    }

    /**
     * Every possible sample value divided by {@code max}, exactly as the generic path computes it. A table lookup
     * per pixel is about three times faster than a division per pixel, which the JIT does not vectorise here.
     */
    private static float[] levels(int count, float max) {
        float[] level = new float[count];
        for (int v = 0; v < count; v++) {
            level[v] = v / max;
        }
        return level;
    }

    private static void samplesToGrey(Raster raster, ColorModel cm, float[] out) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        float max = (1 << cm.getComponentSize(0)) - 1;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = row[x] / max;
            }
        }
    }

    /** Palette, RGB(A), CMYK converted by the reader, BGR...: through the colour model. */
    private static void colourToGrey(BufferedImage img, float[] out) {
        int w = img.getWidth();
        int h = img.getHeight();
        RgbBytes direct = RgbBytes.of(img); // plain sRGB bytes: the same values without getRGB's per-pixel cost
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            if (direct != null) {
                direct.row(y, argb);
            } else {
                img.getRGB(0, y, w, 1, argb, 0, w);
            }
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                out[y * w + x] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
            }
        }
    }
}
