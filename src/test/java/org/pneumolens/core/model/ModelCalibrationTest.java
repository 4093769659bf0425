package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.calibration.Calibration;

/** The calibration stored in a model file: applied in the one prediction path, validated on load, optional. */
class ModelCalibrationTest {
    static final int SIZE = 32;
    static PneumoModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeModel() throws ModelFormatException {
        model = TestModels.untrained(SIZE);
    }

    private static Calibration temperature(double slope, double low, double high) {
        return new Calibration(Calibration.TEMPERATURE, slope, 0, "folder val", null,
                new Calibration.Band(low, high, 500, 5, 95, 0.02), List.of(), List.of(), List.of());
    }

    private static PneumoModel calibrated(Calibration c, double threshold) throws ModelFormatException {
        return model.withMetadata(model.metadata().withCalibration(c, threshold, model.metadata().valMetrics()));
    }

    @Test
    void predictionsAreCalibratedAndKeepTheRawSoftmax() throws ModelFormatException {
        PneumoModel m = calibrated(temperature(0.5, 0.3, 0.45), 0.4);
        Prediction p = m.label(new double[]{0.1, 0.9}); // z = ln 9; calibrated sigmoid(ln 9 / 2) = 0.75
        assertEquals(0.75, p.probability("PNEUMONIA"), 1e-12);
        assertEquals(0.25, p.probability("NORMAL"), 1e-12);
        assertArrayEquals(new double[]{0.1, 0.9}, p.rawProbabilities());
        assertEquals("PNEUMONIA", p.label());
        assertFalse(p.borderline());
        Prediction near = m.label(new double[]{0.6, 0.4}); // calibrated 0.4495: inside [0.3, 0.45]
        assertTrue(near.borderline());
        assertEquals("PNEUMONIA", near.label(), "the threshold still decides the label; the band flags it");
        assertFalse(m.label(new double[]{0.9, 0.1}).borderline());
    }

    @Test
    void aCalibrationSurvivesSaveAndLoad() throws IOException {
        PneumoModel m = calibrated(temperature(0.5, 0.3, 0.45), 0.4);
        Path f = dir.resolve("c.zip");
        ModelFile.save(m, f);
        PneumoModel back = ModelFile.load(f);
        assertEquals(m.metadata().calibration(), back.metadata().calibration());
        assertEquals(m.label(new double[]{0.3, 0.7}).probability("PNEUMONIA"),
                back.label(new double[]{0.3, 0.7}).probability("PNEUMONIA"));
    }

    @Test
    void aFileMadeBeforeCalibrationLoadsWithTheIdentity() throws IOException {
        Path f = dir.resolve("old.zip");
        ModelFile.save(model, f);
        rewriteMetadata(f, json -> json.replace("\"formatVersion\": " + ModelMetadata.FORMAT_VERSION,
                "\"formatVersion\": 1"));
        PneumoModel old = ModelFile.load(f);
        assertNull(old.metadata().calibration());
        assertTrue(old.calibration().isIdentity());
        assertNull(old.calibration().band());
        Prediction p = old.label(new double[]{0.2, 0.8});
        assertArrayEquals(new double[]{0.2, 0.8}, p.probabilities());
        assertFalse(p.borderline());
    }

    @Test
    void aBrokenCalibrationRefusesTheFile() throws IOException {
        PneumoModel m = calibrated(temperature(0.5, 0.3, 0.45), 0.4);
        Path f = dir.resolve("c.zip");
        ModelFile.save(m, f);
        for (String[] edit : new String[][]{{"\"slope\": 0.5", "\"slope\": -0.5"}, {"\"slope\": 0.5", "\"slope\": NaN"},
                {"\"high\": 0.45", "\"high\": 0.35"}, {"\"method\": \"temperature\"", "\"method\": \"isotonic\""}}) {
            Path g = dir.resolve("bad.zip");
            Files.copy(f, g, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            rewriteMetadata(g, json -> {
                assertTrue(json.contains(edit[0]), json);
                return json.replace(edit[0], edit[1]);
            });
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(g), edit[1]);
            assertTrue(e.getMessage().contains("calibration") || e.getMessage().contains("band"), e.getMessage());
        }
    }

    private static void rewriteMetadata(Path f, java.util.function.UnaryOperator<String> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(bytes));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(f))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                byte[] data = in.readAllBytes();
                if (e.getName().equals(ModelFile.METADATA_ENTRY)) {
                    data = edit.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.write(data);
                out.closeEntry();
            }
        }
    }
}
