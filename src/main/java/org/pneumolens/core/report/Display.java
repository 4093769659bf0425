package org.pneumolens.core.report;

import java.util.Locale;

/**
 * How a radiograph is shown: intensities in [level - window/2, level + window/2] stretched over black..white (the
 * image's grey values are in [0, 1]), optionally inverted, with the Grad-CAM overlay at {@code opacity}.
 */
public record Display(double window, double level, boolean inverted, double opacity) {
    public Display {
        if (!(window > 0) || !Double.isFinite(level) || !(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("window > 0, finite level, opacity in [0, 1]");
        }
    }

    /** The full range, not inverted, the overlay at the Diagnose view's default opacity. */
    public static Display standard() {
        return new Display(1, 0.5, false, 0.7);
    }

    /** The displayed grey (0 black, 1 white) of an image value. */
    public double apply(double v) {
        double t = Math.max(0, Math.min(1, (v - (level - window / 2)) / window));
        return inverted ? 1 - t : t;
    }

    public String describe() {
        return String.format(Locale.ROOT, "window %.2f, level %.2f, %s", window, level,
                inverted ? "inverted" : "not inverted");
    }
}
