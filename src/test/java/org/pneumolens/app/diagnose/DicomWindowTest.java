package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.dicom.DicomDecoder;
import org.pneumolens.core.dicom.DicomHeader;
import org.pneumolens.core.dicom.DicomImage;
import org.pneumolens.core.dicom.Window;

/** DICOM windows in the file's own units, header presets, and the header rows: no toolkit. */
class DicomWindowTest {
    static Path dicom(String name) {
        try {
            return Path.of(DicomWindowTest.class.getResource("/fixtures/dicom/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a12BitFileOpensAtItsHeadersFirstWindowInItsOwnUnitsWithTheOthersAsPresets() throws Exception {
        DicomImage d = DicomDecoder.decode(dicom("W12_explicit_le.dcm")); // windows C700/W400 NARROW, C900/W1800 WIDE
        WindowScale scale = WindowScale.of(d);
        WindowPresets presets = new WindowPresets();

        presets.useDicom(d, scale);

        WindowPresets.Preset first = presets.list().get(0);
        assertEquals("Header: NARROW", first.name());
        assertEquals("Header: WIDE", presets.list().get(1).name());
        assertEquals("Full range", presets.list().get(2).name());
        assertEquals(List.of("Lung", "Soft tissue", "Bone"), presets.list().subList(3, 6).stream()
                .map(WindowPresets.Preset::name).toList());
        assertEquals("Header: NARROW (W 400, L 700)", first.toString());
        Window w = DicomRendering.window(d, scale, first.levelFraction(), first.windowFraction());
        assertEquals(700, w.center(), 1e-9, "level fraction and back: the header's centre");
        assertEquals(400, w.width(), 1e-9);
        assertEquals(400, WindowLevelFields.toValue(scale, first.windowFraction(), true), "the field shows file units");
        assertEquals(700, WindowLevelFields.toValue(scale, first.levelFraction(), false));
        assertTrue(scale.high() - scale.low() > 1800, "every header window fits on the sliders: " + scale);
        // The model's view and the viewer's first render are the same pixels.
        assertTrue(java.util.Arrays.equals(d.render(), d.render(w)));
    }

    @Test
    void standardPresetsFallOnThe8BitDefaultOfAnUnwindowedFile() throws Exception {
        DicomImage d = DicomDecoder.decode(dicom("A_explicit_le.dcm")); // 8-bit, no window: 0..255 as stored
        WindowPresets presets = new WindowPresets();
        presets.useDicom(d, WindowScale.of(d));

        WindowPresets.Preset lung = presets.list().stream().filter(p -> p.name().equals("Lung")).findFirst()
                .orElseThrow();
        assertEquals(160 * 256 / 255.0, lung.window(), 1e-9);
    }

    @Test
    void patientIdentifiersAgeAndSexAreHiddenUntilAsked() throws Exception {
        DicomHeader h = DicomDecoder.readHeader(dicom("FULL_person148_jpeg_lossless_sv1.dcm"));

        List<String> hidden = DicomHeaderRows.of(h, false).stream().map(DicomHeader.Field::label).toList();
        List<String> shown = DicomHeaderRows.of(h, true).stream().map(DicomHeader.Field::label).toList();

        assertTrue(hidden.containsAll(List.of("Modality", "Body part", "View position", "Study date", "Manufacturer",
                "Pixel spacing", "Transfer syntax")), hidden.toString());
        for (String id : List.of("Patient name", "Patient ID", "Age", "Sex", "Institution")) {
            assertFalse(hidden.contains(id), id + " hidden by default");
        }
        assertTrue(shown.containsAll(List.of("Patient name", "Patient ID", "Age", "Sex")), shown.toString());
        assertTrue(DicomHeaderRows.hidesSomething(h));
    }
}
