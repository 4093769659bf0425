package org.pneumolens.app.diagnose;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Window/level presets for the viewer, in the 0-255 display range of an 8-bit radiograph (not Hounsfield units:
 * JPEG and PNG chest films carry no calibration). A model the toolbar's preset box shows; more can be added, e.g.
 * the window centre/width a DICOM header suggests.
 */
public final class WindowPresets {
    /** Display values 0..255 of the image as stored. */
    public static final int MAX = 255;

    /** @param window width of the shown range, 1..255; @param level its centre, 0..255 */
    public record Preset(String name, int window, int level) {
        public Preset {
            if (window < 1 || window > MAX || level < 0 || level > MAX) {
                throw new IllegalArgumentException("preset " + name + " out of 0-255: W " + window + " L " + level);
            }
        }

        /** As fractions of the full range, what the viewer's properties hold. */
        public double windowFraction() {
            return window / (double) MAX;
        }

        public double levelFraction() {
            return level / (double) MAX;
        }

        @Override
        public String toString() {
            return name + " (W " + window + ", L " + level + ")";
        }
    }

    /** The whole range, as the image is stored. */
    public static final Preset DEFAULT = new Preset("Default", 255, 128);

    private final ObservableList<Preset> presets = FXCollections.observableArrayList(List.of(DEFAULT,
            // The lung fields are the film's dark part: spread the lower grey values.
            new Preset("Lung", 160, 90),
            // Mediastinum and heart borders: the middle greys.
            new Preset("Soft tissue", 110, 150),
            // Ribs, clavicles and spine: the brightest values.
            new Preset("Bone", 100, 200)));

    public ObservableList<Preset> list() {
        return presets;
    }

    /** Adds presets from another source (e.g. a DICOM header's window centre/width); they come after these. */
    public void add(Preset preset) {
        presets.add(preset);
    }
}
