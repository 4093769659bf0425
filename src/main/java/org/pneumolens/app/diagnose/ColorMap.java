package org.pneumolens.app.diagnose;

/**
 * Matplotlib's "inferno" colour map (van der Walt and Smith), sampled at eleven points and linearly
 * interpolated. Perceptually uniform and readable in greyscale print, unlike the rainbow "jet" map Grad-CAM
 * papers often use, which invents edges where the saliency is smooth.
 */
public final class ColorMap {
    /** RGB at 0.0, 0.1, ..., 1.0. */
    private static final int[] STOPS = {
        0x000004, 0x160b39, 0x420a68, 0x6a176e, 0x932667, 0xbc3754,
        0xdd513a, 0xf37819, 0xfca50a, 0xf6d746, 0xfcffa4,
    };
    private static final int[] LUT = new int[256];

    static {
        for (int i = 0; i < LUT.length; i++) {
            LUT[i] = interpolate(i / 255.0);
        }
    }

    private ColorMap() {
    }

    /** Opaque RGB (0xRRGGBB) for a value in [0, 1]; values outside are clamped. */
    public static int rgb(double value) {
        int i = (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
        return LUT[i];
    }

    /** The stops the legend draws, RGB, evenly spaced from 0 to 1. */
    public static int[] stops() {
        return STOPS.clone();
    }

    private static int interpolate(double v) {
        double pos = v * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) pos);
        double t = pos - i;
        int a = STOPS[i];
        int b = STOPS[i + 1];
        int r = mix(a >> 16 & 0xff, b >> 16 & 0xff, t);
        int g = mix(a >> 8 & 0xff, b >> 8 & 0xff, t);
        int bl = mix(a & 0xff, b & 0xff, t);
        return r << 16 | g << 8 | bl;
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
