package org.pneumolens.app.diagnose;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.pneumolens.core.image.GreyImage;

/**
 * Draws a grey image with a window/level and optional inversion, the way radiology viewers adjust contrast:
 * intensities in [level - window/2, level + window/2] are stretched over black..white, the rest clipped.
 * A 4096-entry lookup table keeps 16-bit images' detail while making a re-render a table lookup per pixel.
 */
public final class GreyRenderer {
    private static final int LUT_SIZE = 4096;

    private GreyRenderer() {
    }

    /** Renders into {@code target} when it has the image's size (no allocation per slider move), else a new image. */
    public static WritableImage render(GreyImage image, double level, double window, boolean invert,
                                       WritableImage target) {
        int w = image.width();
        int h = image.height();
        WritableImage out = target != null && (int) target.getWidth() == w && (int) target.getHeight() == h
                ? target : new WritableImage(w, h);
        int[] lut = lut(level, window, invert);
        float[] px = image.pixels();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            int base = y * w;
            for (int x = 0; x < w; x++) {
                row[x] = lut[(int) (Math.max(0f, Math.min(1f, px[base + x])) * (LUT_SIZE - 1))];
            }
            out.getPixelWriter().setPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
        }
        return out;
    }

    static int[] lut(double level, double window, boolean invert) {
        double win = Math.max(1e-3, window);
        double lo = level - win / 2;
        int[] lut = new int[LUT_SIZE];
        for (int i = 0; i < LUT_SIZE; i++) {
            double v = (i / (double) (LUT_SIZE - 1) - lo) / win;
            v = Math.max(0, Math.min(1, v));
            if (invert) {
                v = 1 - v;
            }
            int g = (int) Math.round(v * 255);
            lut[i] = 0xff000000 | g << 16 | g << 8 | g;
        }
        return lut;
    }
}
