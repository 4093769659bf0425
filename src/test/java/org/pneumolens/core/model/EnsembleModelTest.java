package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.image.GreyImage;

/** Model files holding several networks: averaged outputs, a round trip, and files whose members do not add up. */
class EnsembleModelTest {
    static final int SIZE = 32;
    static PneumoModel a;
    static PneumoModel b;
    static PneumoModel both;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeModels() throws ModelFormatException {
        a = TestModels.untrained(SIZE);
        MultiLayerNetwork other = Architectures.pneumoNet(SIZE, 2, 1e-3, 2, null);
        b = PneumoModel.checked(other, TestModels.metadata(SIZE, List.of("NORMAL", "PNEUMONIA"), 0.5), "b");
        both = PneumoModel.ensemble(List.of(a, b), "pair");
    }

    private static float[][] inputs(int n) {
        Random r = new Random(5);
        float[][] in = new float[n][SIZE * SIZE];
        for (float[] x : in) for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return in;
    }

    @Test
    void outputsAreTheMembersMeanInProbabilitySpace() {
        float[][] in = inputs(3);
        float[] pa = a.output(in).ravel().toFloatVector();
        float[] pb = b.output(in).ravel().toFloatVector();
        float[] mean = new float[pa.length];
        for (int i = 0; i < mean.length; i++) mean[i] = (pa[i] + pb[i]) / 2;
        assertNotEquals(pa[0], pb[0], "differently seeded members give different outputs");
        assertArrayEquals(mean, both.output(in).ravel().toFloatVector(), 1e-6f);
        double[][] batched = both.probabilities(in.length, i -> in[i]);
        assertEquals(mean[1], batched[0][1], 1e-6);
        assertArrayEquals(mean, flat(both.forward(in).probabilities()), 1e-6f);
        assertArrayEquals(a.forward(in).features()[0], both.forward(in).features()[0], 0f,
                "features (for the input check) come from the first member");
        assertEquals(2, both.metadata().memberCount());
        assertEquals(2, both.metadata().ensemble().training().size());
    }

    private static float[] flat(double[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < rows[i].length; c++) out[i * rows[i].length + c] = (float) rows[i][c];
        }
        return out;
    }

    @Test
    void analyseAveragesProbabilitiesAndMaps() {
        GreyImage img = new GreyImage(SIZE, SIZE, inputs(1)[0].clone());
        PneumoModel.Analysis pair = both.analyse(img);
        double pa = a.analyse(img).prediction().rawProbabilities()[1];
        double pb = b.analyse(img).prediction().rawProbabilities()[1];
        assertEquals((pa + pb) / 2, pair.prediction().rawProbabilities()[1], 1e-6);
        assertEquals(2, pair.maps().size());
        float top = 0;
        for (float v : pair.maps().get(pair.prediction().labelIndex()).values()) top = Math.max(top, v);
        assertTrue(top == 0f || Math.abs(top - 1f) < 1e-6, "the predicted class's map has strength 1: " + top);
    }

    @Test
    void roundTripKeepsEveryMember() throws IOException {
        Path f = dir.resolve("pair.zip");
        ModelFile.save(both, f);
        PneumoModel back = ModelFile.load(f);
        assertEquals(2, back.members().size());
        float[][] in = inputs(2);
        assertArrayEquals(both.output(in).ravel().toFloatVector(), back.output(in).ravel().toFloatVector(), 0f);
        assertTrue(entries(Files.readAllBytes(f)).containsKey("member-2/coefficients.bin"));
        try (var in2 = Files.newInputStream(f)) {
            assertEquals(2, ModelFile.load(in2, "stream").members().size(), "a stream reads every member too");
        }
    }

    @Test
    void aMissingOrExtraMemberRefusesTheFile() throws IOException {
        Path f = dir.resolve("pair.zip");
        ModelFile.save(both, f);
        Map<String, byte[]> entries = entries(Files.readAllBytes(f));

        Map<String, byte[]> stripped = new LinkedHashMap<>(entries);
        stripped.remove("member-2/configuration.json");
        stripped.remove("member-2/coefficients.bin");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> load(stripped));
        assertTrue(e.getMessage().contains("metadata describes 2"), e.getMessage());

        Map<String, byte[]> half = new LinkedHashMap<>(entries);
        half.remove("member-2/coefficients.bin");
        e = assertThrows(ModelFormatException.class, () -> load(half));
        assertTrue(e.getMessage().contains("member-2/coefficients.bin"), e.getMessage());

        Map<String, byte[]> gap = new LinkedHashMap<>();
        entries.forEach((k, v) -> gap.put(k.replace("member-2/", "member-3/"), v));
        e = assertThrows(ModelFormatException.class, () -> load(gap));
        assertTrue(e.getMessage().contains("member 3 but not member 2"), e.getMessage());

        Map<String, byte[]> sixth = new LinkedHashMap<>(entries);
        sixth.put("member-6/configuration.json", entries.get("configuration.json"));
        e = assertThrows(ModelFormatException.class, () -> load(sixth));
        assertTrue(e.getMessage().contains("does not read"), e.getMessage());
    }

    @Test
    void membersMustShareInputAndClasses() throws ModelFormatException {
        PneumoModel bigger = TestModels.untrained(40);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> PneumoModel.ensemble(List.of(a, bigger), "mixed"));
        assertTrue(e.getMessage().contains("same classes"), e.getMessage());
        assertThrows(ModelFormatException.class,
                () -> PneumoModel.ensemble(List.of(both, both, both), "seven"), "at most five networks");
    }

    private static PneumoModel load(Map<String, byte[]> entries) throws ModelFormatException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return ModelFile.load(new ByteArrayInputStream(bytes.toByteArray()), "crafted");
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
