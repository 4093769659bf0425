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
    static final double DEFAULT_LEVEL = 0.5;
    static final double DEFAULT_WINDOW = 1.0;

    private GreyRenderer() {
    }

    /** Renders into {@code target} when it has the image's size (no allocation per slider move), else a new image. */
    public static WritableImage render(GreyImage image, double level, double window, boolean invert,
                                       WritableImage target) {
        int w = image.width();
        int h = image.height();
        WritableImage out = target != null && (int) target.getWidth() == w && (int) target.getHeight() == h
                ? target : new WritableImage(w, h);
        out.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(),
                pixels(image, level, window, invert, null), 0, w);
        return out;
    }

    /**
     * The image's opaque ARGB pixels (premultiplied alike, since alpha is 255) with this window/level, into
     * {@code into} when it holds exactly the image's pixels, else a new array. Needs no JavaFX: the inference thread
     * draws a new image at the default look ({@link #defaultPixels}) before the result reaches the window.
     */
    public static int[] pixels(GreyImage image, double level, double window, boolean invert, int[] into) {
        float[] px = image.pixels();
        int[] out = into != null && into.length == px.length ? into : new int[px.length];
        int[] lut = lut(level, window, invert);
        for (int i = 0; i < px.length; i++) {
            // Clamping the index, not the float, picks the same entry (NaN and below 0 give 0, above 1 the last)
            // and takes a third of the time: 4 instead of 9-12 ms for a 1712x1272 radiograph.
            int k = (int) (px[i] * (LUT_SIZE - 1));
            out[i] = lut[k < 0 ? 0 : Math.min(k, LUT_SIZE - 1)];
        }
        return out;
    }

    /** The look a new non-DICOM image opens at: the full grey range, not inverted (the viewer's reset). */
    public static int[] defaultPixels(GreyImage image) {
        return pixels(image, DEFAULT_LEVEL, DEFAULT_WINDOW, false, null);
    }

    /** True when this window/level is the one {@link #defaultPixels} draws. */
    public static boolean isDefault(double level, double window, boolean invert) {
        return level == DEFAULT_LEVEL && window == DEFAULT_WINDOW && !invert;
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
