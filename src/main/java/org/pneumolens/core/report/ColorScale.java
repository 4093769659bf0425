package org.pneumolens.core.report;

/**
 * The Diagnose view's Grad-CAM colour map (matplotlib's "inferno", van der Walt and Smith, eleven stops linearly
 * interpolated), for reports drawn without JavaFX. Same stops as {@code app.diagnose.ColorMap}, so a printed
 * overlay and its scale match the window.
 */
public final class ColorScale {
    /** RGB at 0.0, 0.1, ..., 1.0. */
    private static final int[] STOPS = {
        0x000004, 0x160b39, 0x420a68, 0x6a176e, 0x932667, 0xbc3754,
        0xdd513a, 0xf37819, 0xfca50a, 0xf6d746, 0xfcffa4,
    };

    private ColorScale() {
    }

    /** Opaque RGB (0xRRGGBB) for a value in [0, 1]; values outside are clamped. */
    public static int rgb(double value) {
        double pos = Math.max(0, Math.min(1, value)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) pos);
        double t = pos - i;
        int a = STOPS[i];
        int b = STOPS[i + 1];
        return mix(a >> 16 & 0xff, b >> 16 & 0xff, t) << 16 | mix(a >> 8 & 0xff, b >> 8 & 0xff, t) << 8
                | mix(a & 0xff, b & 0xff, t);
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }
}
