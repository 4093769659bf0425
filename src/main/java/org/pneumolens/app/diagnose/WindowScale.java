package org.pneumolens.app.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.pneumolens.core.dicom.DicomImage;
import org.pneumolens.core.dicom.Window;

/**
 * The units the viewer's window and level are shown in: the 0-255 display values of an 8-bit image, or a DICOM
 * file's own modality values (e.g. the 0-4095 of a 12-bit radiograph after its rescale). The viewer's window and
 * level properties hold fractions of this range; the fields and presets speak its units.
 *
 * @param low  the smallest value the level can take
 * @param high the largest
 * @param minWidth the narrowest window
 */
public record WindowScale(double low, double high, double minWidth) {
    /** An 8-bit image: display values 0..255, windows of at least 5. */
    public static final WindowScale BYTE = new WindowScale(0, WindowPresets.MAX, 5);

    public WindowScale {
        if (!(high > low) || !(minWidth > 0)) {
            throw new IllegalArgumentException("empty window scale " + low + ".." + high);
        }
    }

    /**
     * A DICOM image's scale: from its smallest to its largest modality value, widened to hold every window its
     * header suggests (so each is reachable on the sliders).
     */
    public static WindowScale of(DicomImage dicom) {
        List<Window> windows = new ArrayList<>(dicom.windows());
        windows.add(dicom.minMaxWindow());
        if (dicom.defaultWindow() != null) {
            windows.add(dicom.defaultWindow());
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Window w : windows) {
            lo = Math.min(lo, w.center() - w.width() / 2);
            hi = Math.max(hi, w.center() + w.width() / 2);
        }
        return new WindowScale(lo, Math.max(hi, lo + 1), 1);
    }

    public double span() {
        return high - low;
    }

    public double levelValue(double fraction) {
        return low + fraction * span();
    }

    public double widthValue(double fraction) {
        return fraction * span();
    }

    public double levelFraction(double value) {
        return clamp((value - low) / span());
    }

    public double widthFraction(double value) {
        return Math.max(minWidthFraction(), clamp(value / span()));
    }

    /** The narrowest window as a fraction: the window slider's minimum. */
    public double minWidthFraction() {
        return Math.min(1, minWidth / span());
    }

    private static double clamp(double f) {
        return Math.max(0, Math.min(1, f));
    }
}
