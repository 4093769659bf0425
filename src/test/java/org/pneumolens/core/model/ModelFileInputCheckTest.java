package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.check.Gaussian;
import org.pneumolens.core.check.ImageSignals;
import org.pneumolens.core.check.InputCheck;

/** Model files with and without an input check ({@value InputCheck#ENTRY}). */
class ModelFileInputCheckTest {
    @TempDir
    Path dir;

    static InputCheck check() {
        Random rnd = new Random(1);
        return check(256);
    }

    /** A check with random densities of the given network-feature width (PneumoNet's is 256). */
    static InputCheck check(int width) {
        Random rnd = new Random(1);
        float[][] f = new float[40][width];
        float[][] p = new float[40][ImageSignals.PIXEL_FEATURES];
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < width; j++) f[i][j] = (float) rnd.nextGaussian();
            for (int j = 0; j < p[i].length; j++) p[i][j] = (float) rnd.nextGaussian();
        }
        return new InputCheck(InputCheck.FORMAT_VERSION, InputCheck.COMBINED, Gaussian.fit(f), Gaussian.fit(p), 1.5,
                2.5, 3.25, new InputCheck.FitSummary(40, 40, 0.995, 1, "2026-01-01T00:00:00Z"));
    }

    @Test
    void aCheckIsSavedAndLoadedWithTheModel() throws Exception {
        PneumoModel model = TestModels.untrained(32).withInputCheck(check());
        Path file = dir.resolve("checked.zip");
        ModelFile.save(model, file);
        PneumoModel loaded = ModelFile.load(file);
        assertEquals(check(), loaded.inputCheck().orElseThrow());
        assertEquals(model.network().params(), loaded.network().params());
    }

    @Test
    void aCheckFittedForAnotherNetworkIsRefused() throws Exception {
        Path file = dir.resolve("mismatch.zip");
        ModelFile.save(TestModels.untrained(32).withInputCheck(check(64)), file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("fitted for 64 network features"), e.getMessage());
    }

    @Test
    void aModelWithoutACheckStillLoadsAndSaysSo() throws Exception {
        Path file = dir.resolve("plain.zip");
        ModelFile.save(TestModels.untrained(32), file);
        PneumoModel loaded = ModelFile.load(file);
        assertTrue(loaded.inputCheck().isEmpty());
        ModelFile.save(loaded, dir.resolve("again.zip"));
        assertTrue(ModelFile.load(dir.resolve("again.zip")).inputCheck().isEmpty());
    }

    @Test
    void aDamagedCheckEntryIsAModelFormatErrorNamingTheFile() throws Exception {
        Path good = dir.resolve("plain.zip");
        ModelFile.save(TestModels.untrained(32), good);
        Path bad = dir.resolve("bad.zip");
        copyWithEntry(good, bad, "{\"formatVersion\": 1, \"method\": \"combined\", \"features\": {\"mean\": [1e400]}}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(bad));
        assertTrue(e.getMessage().startsWith("bad.zip: "), e.getMessage());
    }

    private static void copyWithEntry(Path from, Path to, String json) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from));
             OutputStream os = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(os)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(InputCheck.ENTRY));
            out.write(json.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
