package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    static final int SIZE = 32;
    static PneumoModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeModel() throws ModelFormatException {
        model = TestModels.untrained(SIZE);
    }

    private static float[][] randomInputs(int n) {
        Random r = new Random(3);
        float[][] in = new float[n][SIZE * SIZE];
        for (float[] x : in) for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return in;
    }

    @Test
    void saveLoadRoundTripGivesIdenticalOutputsAndMetadata() throws IOException {
        Path f = dir.resolve("m.zip");
        ModelFile.save(model.network(), model.metadata(), f);
        PneumoModel back = ModelFile.load(f);
        float[][] in = randomInputs(4);
        assertArrayEquals(model.output(in).ravel().toFloatVector(), back.output(in).ravel().toFloatVector(), 0f);
        assertEquals(model.metadata().classes(), back.metadata().classes());
        assertEquals(model.metadata().threshold(), back.metadata().threshold());
        assertEquals(model.metadata().input(), back.metadata().input());
        assertArrayEquals(model.metadata().valMetrics().confusion()[1], back.metadata().valMetrics().confusion()[1]);
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file left behind");
        }
    }

    @Test
    void saveReplacesAnExistingModelAtomically() throws IOException {
        Path f = dir.resolve("m.zip");
        Files.writeString(f, "old content");
        ModelFile.save(model.network(), model.metadata(), f);
        assertEquals(model.metadata().name(), ModelFile.load(f).metadata().name());
    }

    @Test
    void plainDl4jZipWithoutMetadataIsRefused() throws IOException {
        Path f = dir.resolve("plain.zip");
        ModelSerializer.writeModel(model.network(), f.toFile(), false);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("not a PneumoLens model"), e.getMessage());
    }

    @Test
    void nonZipAndMissingFilesAreRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("model.zip"), "hello");
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFile.load(text)).getMessage()
                .contains("not a zip"));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFile.load(dir.resolve("none.zip")))
                .getMessage().contains("not found"));
    }

    @Test
    void metadataThatDoesNotFitTheNetworkIsRefused() throws IOException {
        // Three classes named, but the network has two outputs.
        ModelMetadata wrongClasses = TestModels.metadata(SIZE, List.of("A", "B", "C"), 0.5);
        Path f = dir.resolve("wrong-classes.zip");
        ModelFile.save(model.network(), wrongClasses, f);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(f));
        assertTrue(e.getMessage().contains("2 outputs") && e.getMessage().contains("3 classes"), e.getMessage());

        // The network was built for 32 px with global pooling, so a wrong size is caught by the metadata checks
        // on the values themselves: threshold outside (0, 1) and a newer format version.
        Path g = dir.resolve("bad-threshold.zip");
        ModelFile.save(model.network(), TestModels.metadata(SIZE, List.of("NORMAL", "PNEUMONIA"), 1.5), g);
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFile.load(g)).getMessage().contains("threshold"));

        Path h = dir.resolve("future.zip");
        ModelFile.save(model.network(), model.metadata(), h);
        rewriteMetadata(h, json -> json.replace("\"formatVersion\": " + ModelMetadata.FORMAT_VERSION, "\"formatVersion\": 99"));
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFile.load(h)).getMessage().contains("newer"));
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

    @Test
    void aModelWrittenBeforeLabelSmoothingWasRecordedReadsAsTrainedWithoutIt() throws IOException {
        Path f = dir.resolve("old.zip");
        ModelFile.save(model.network(), model.metadata(), f);
        rewriteMetadata(f, json -> {
            String old = json.replaceAll(",\\s*\"labelSmoothing\"\\s*:\\s*[0-9.eE-]+", "");
            assertTrue(!old.contains("labelSmoothing") && json.contains("labelSmoothing"), json);
            return old;
        });
        assertEquals(0.0, ModelFile.load(f).metadata().training().labelSmoothing());
    }

    @Test
    void labelUsesTheStoredThreshold() throws ModelFormatException {
        PneumoModel m = PneumoModel.checked(model.network(),
                TestModels.metadata(SIZE, List.of("NORMAL", "PNEUMONIA"), 0.8), "t");
        assertEquals("NORMAL", m.label(new double[]{0.25, 0.75}).label());
        assertEquals("PNEUMONIA", m.label(new double[]{0.2, 0.8}).label());
    }

    @Test
    void outputsThatAreNotProbabilitiesAreAnErrorNotALabel() {
        for (double[] p : new double[][]{{Double.NaN, Double.NaN}, {0.0, 0.0}, {36.9, -207.4},
                {Double.POSITIVE_INFINITY, 0}}) {
            assertThrows(ModelOutputException.class, () -> model.label(p), java.util.Arrays.toString(p));
        }
        assertEquals("NORMAL", model.label(new double[]{0.6, 0.4}).label());
    }
}
