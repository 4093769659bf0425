package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Window/level numbers, presets and drag sensitivity, without a window. */
class WindowLevelTest {
    @Test
    void aDragOfOneScreenWidthCoversTheWholeRange() {
        assertEquals(1.0, XrayViewer.dragFraction(1440, 1440), 1e-12);
        assertEquals(160 / 1440.0, XrayViewer.dragFraction(160, 1440), 1e-12);
        assertEquals(0.5, XrayViewer.dragFraction(100, 50), 1e-12, "a tiny screen does not make it jumpy");
    }

    @Test
    void displayValuesAndFractionsRoundTrip() {
        for (int v = 0; v <= 255; v++) {
            assertEquals(v, WindowLevelFields.toDisplay(WindowLevelFields.toFraction(v)));
        }
        assertEquals(255, WindowLevelFields.toDisplay(1.7), "clamped");
    }

    @Test
    void presetsStayInTheDisplayRangeAndTheListTakesMore() {
        WindowPresets presets = new WindowPresets();
        assertEquals(WindowPresets.DEFAULT, presets.list().get(0));
        assertEquals(1.0, WindowPresets.DEFAULT.windowFraction(), 1e-12);
        presets.add(new WindowPresets.Preset("DICOM 1", 200, 100));
        assertEquals("DICOM 1", presets.list().get(presets.list().size() - 1).name());
        assertThrows(IllegalArgumentException.class, () -> new WindowPresets.Preset("bad", 0, 300));
    }
}
