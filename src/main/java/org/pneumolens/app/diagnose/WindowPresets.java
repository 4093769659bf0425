package org.pneumolens.app.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pneumolens.core.dicom.DicomImage;
import org.pneumolens.core.dicom.Window;

/**
 * Window/level presets for the viewer. For JPEG and PNG films they are in the 0-255 display range of an 8-bit
 * radiograph (not Hounsfield units: those files carry no calibration). For a DICOM file the list starts with the
 * windows its header suggests (the first is the one it opens with), in the file's own units, then the full range
 * and the standard ones, placed where they would fall on the file's default presentation. A model the toolbar's
 * preset box shows.
 */
public final class WindowPresets {
    /** Display values 0..255 of the image as stored. */
    public static final int MAX = 255;

    /**
     * @param window width of the shown range in {@code scale}'s units (1..255 for an 8-bit image)
     * @param level  its centre
     */
    public record Preset(String name, double window, double level, WindowScale scale) {
        public Preset {
            if (scale == WindowScale.BYTE && (window < 1 || window > MAX || level < 0 || level > MAX)) {
                throw new IllegalArgumentException("preset " + name + " out of 0-255: W " + window + " L " + level);
            }
            if (!(window > 0) || !Double.isFinite(level)) {
                throw new IllegalArgumentException("preset " + name + ": W " + window + " L " + level);
            }
        }

        /** A preset in the 0-255 display values of an 8-bit image. */
        public Preset(String name, int window, int level) {
            this(name, window, level, WindowScale.BYTE);
        }

        /** As fractions of the scale, what the viewer's properties hold. */
        public double windowFraction() {
            return scale.widthFraction(window);
        }

        public double levelFraction() {
            return scale.levelFraction(level);
        }

        @Override
        public String toString() {
            return name + " (W " + number(window) + ", L " + number(level) + ")";
        }
    }

    /** The whole range, as the image is stored. */
    public static final Preset DEFAULT = new Preset("Default", 255, 128);

    private static final List<Preset> STANDARD = List.of(DEFAULT,
            // The lung fields are the film's dark part: spread the lower grey values.
            new Preset("Lung", 160, 90),
            // Mediastinum and heart borders: the middle greys.
            new Preset("Soft tissue", 110, 150),
            // Ribs, clavicles and spine: the brightest values.
            new Preset("Bone", 100, 200));

    private final ObservableList<Preset> presets = FXCollections.observableArrayList(STANDARD);

    public ObservableList<Preset> list() {
        return presets;
    }

    /** Adds presets from another source (e.g. a DICOM header's window centre/width); they come after these. */
    public void add(Preset preset) {
        presets.add(preset);
    }

    /** The standard presets, for an image that is not DICOM. */
    public void useStandard() {
        presets.setAll(STANDARD);
    }

    /**
     * The presets of a DICOM image in its own units, the header's first window first (the initial window). With no
     * window in the header the first is the one the file is shown with by default (its value range).
     */
    public void useDicom(DicomImage dicom, WindowScale scale) {
        List<Preset> out = new ArrayList<>();
        int n = 1;
        for (Window w : dicom.windows()) {
            String name = w.explanation() == null || w.explanation().isBlank() ? "Header window " + n
                    : "Header: " + w.explanation().strip();
            out.add(new Preset(name, w.width(), w.center(), scale));
            n++;
        }
        Window minMax = dicom.minMaxWindow();
        Window initial = dicom.defaultWindow();
        if (out.isEmpty() && initial != null
                && (initial.center() != minMax.center() || initial.width() != minMax.width())) {
            out.add(new Preset("File default", initial.width(), initial.center(), scale));
        }
        out.add(new Preset("Full range", minMax.width(), minMax.center(), scale));
        // The standard presets where they fall on the file's default presentation (0..255 of its default window).
        Window base = dicom.defaultWindow() != null ? dicom.defaultWindow() : minMax;
        double low = base.center() - base.width() / 2;
        for (Preset p : STANDARD.subList(1, STANDARD.size())) {
            out.add(new Preset(p.name(), p.window() / MAX * base.width(), low + p.level() / MAX * base.width(), scale));
        }
        presets.setAll(out);
    }

    /** Whole numbers without decimals, others with up to four significant digits. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
