package org.pneumolens.core.dicom;

import java.util.Locale;

/**
 * A VOI window (PS3.3 C.11.2.1.2) over modality values: center and width, and how values inside it are mapped.
 *
 * @param explanation the header's Window Center &amp; Width Explanation, or a description such as "min/max"
 */
public record Window(double center, double width, Function function, String explanation) {
    /** VOI LUT Function: LINEAR is the default. */
    public enum Function { LINEAR, LINEAR_EXACT, SIGMOID }

    public Window {
        if (!Double.isFinite(center) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("window center and width must be finite");
        }
        if (width < (function == Function.LINEAR ? 1 : Double.MIN_VALUE)) {
            throw new IllegalArgumentException("window width " + width + " is too small");
        }
    }

    public Window(double center, double width) {
        this(center, width, Function.LINEAR, null);
    }

    /** The modality value {@code x} mapped to [0, 255] (not yet rounded). */
    public double apply(double x) {
        return switch (function) {
            case LINEAR -> {
                double low = center - 0.5 - (width - 1) / 2;
                double high = center - 0.5 + (width - 1) / 2;
                if (x <= low) {
                    yield 0;
                }
                if (x > high) {
                    yield 255;
                }
                yield ((x - (center - 0.5)) / (width - 1) + 0.5) * 255;
            }
            case LINEAR_EXACT -> Math.max(0, Math.min(255, ((x - center) / width + 0.5) * 255));
            case SIGMOID -> 255 / (1 + Math.exp(-4 * (x - center) / width));
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "C %.6g / W %.6g", center, width)
                + (function == Function.LINEAR ? "" : " " + function) + (explanation == null ? "" : " (" + explanation + ")");
    }
}
