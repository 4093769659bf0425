package org.pneumolens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;

/** calibrate and card on a model trained on the fixtures, and the calibration fields of predict and evaluate. */
class CalibrateCardCliTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/xray");
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("small.zip");
        CliEndToEndTest.Result r = CliEndToEndTest.run("train", "--data", FIXTURES.resolve("train").toString(), "--val",
                FIXTURES.resolve("val").toString(), "--epochs", "1", "--batch", "16", "--size", "32", "--out",
                model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("borderline band") && r.out().contains("ECE floor"), r.out());
    }

    @Test
    void ensembleCombinesMembersAndCalibratesTheAverage() throws Exception {
        Path out = dir.resolve("pair.zip");
        CliEndToEndTest.Result r = CliEndToEndTest.run("ensemble", "--member", model.toString(), "--member",
                model.toString(), "--val", FIXTURES.resolve("val").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ensemble of 2 networks") && r.out().contains("borderline band"), r.out());
        PneumoModel single = ModelFile.load(model);
        PneumoModel pair = ModelFile.load(out);
        assertEquals(2, pair.members().size());
        assertEquals(2, pair.metadata().ensemble().training().size());
        float[][] in = {new float[32 * 32]};
        assertEquals(single.output(in).getDouble(0, 1), pair.output(in).getDouble(0, 1), 1e-6,
                "two copies of one network average to that network");
        assertTrue(pair.inputCheck().isPresent(), "the first member's input check is kept");

        CliEndToEndTest.Result one = CliEndToEndTest.run("ensemble", "--member", model.toString(), "--val",
                FIXTURES.resolve("val").toString(), "--out", dir.resolve("one.zip").toString());
        assertNotEquals(0, one.code());
        assertTrue(one.err().contains("at least two"), one.err());
    }

    @Test
    void calibrateKeepsTheWeightsAndRefusesToOverwrite() throws Exception {
        Path out = dir.resolve("recalibrated.zip");
        String[] args = {"calibrate", "--model", model.toString(), "--val", FIXTURES.resolve("train").toString(),
                "--out", out.toString()};
        CliEndToEndTest.Result r = CliEndToEndTest.run(args);
        assertEquals(0, r.code(), r.err());
        for (String figure : new String[]{"AUC", "accuracy", "sensitivity", "specificity", "cross-fitted",
                "in-sample", "borderline band"}) {
            assertTrue(r.out().contains(figure), figure + " in " + r.out());
        }
        PneumoModel before = ModelFile.load(model);
        PneumoModel after = ModelFile.load(out);
        assertEquals(before.network().params(), after.network().params(), "same weights");
        assertEquals(before.inputCheck().orElseThrow().threshold(), after.inputCheck().orElseThrow().threshold());
        assertTrue(after.metadata().calibration().valSource().contains("train"));
        assertNotEquals(before.metadata().calibration(), after.metadata().calibration());

        long size = Files.size(out);
        CliEndToEndTest.Result again = CliEndToEndTest.run(args);
        assertNotEquals(0, again.code());
        assertTrue(again.err().contains("overwrite") || again.err().contains("exists"), again.err());
        assertEquals(size, Files.size(out));
    }

    @Test
    void predictAndEvaluateReportTheCalibration() {
        Path image = FIXTURES.resolve("val/PNEUMONIA/person41_virus_88.jpeg");
        CliEndToEndTest.Result p = CliEndToEndTest.run("predict", "--model", model.toString(), "--json", image.toString());
        assertEquals(0, p.code(), p.err());
        JsonObject o = JsonParser.parseString(p.out().trim()).getAsJsonObject();
        assertTrue(o.get("borderline").isJsonPrimitive() && o.get("borderline").getAsJsonPrimitive().isBoolean(), p.out());
        CliEndToEndTest.Result text = CliEndToEndTest.run("predict", "--model", model.toString(), image.toString());
        assertTrue(text.out().contains("operating point"), text.out());
        assertFalse(text.out().contains("100.0 %") || text.out().contains(" 0.0 %"), text.out());

        CliEndToEndTest.Result e = CliEndToEndTest.run("evaluate", "--model", model.toString(), "--data",
                FIXTURES.resolve("val").toString(), "--json");
        assertEquals(0, e.code(), e.err());
        JsonObject j = JsonParser.parseString(e.out().trim()).getAsJsonObject();
        for (String k : new String[]{"ece", "eceCrossFit", "eceRaw", "borderline", "band", "calibration"}) {
            assertTrue(j.has(k), k + " in " + e.out());
        }
        int inside = j.get("borderline").getAsInt();
        assertTrue(inside >= 0 && inside <= j.get("n").getAsInt());
    }

    @Test
    void cardWritesTheDocumentAndBothCharts() throws Exception {
        Path out = dir.resolve("card");
        CliEndToEndTest.Result r = CliEndToEndTest.run("card", "--model", model.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(out.resolve("card.md"));
        assertTrue(md.startsWith("# Model card: "), md);
        for (String section : new String[]{"## Intended use", "## Data", "## Model", "## Training settings",
                "## Validation figures", "## Calibration", "## Operating point and borderline band", "## Input check",
                "## Limits"}) {
            assertTrue(md.contains(section), section);
        }
        assertTrue(md.contains("small.zip"), "the file by name");
        assertTrue(md.contains("ECE has a floor"), "the ECE's sampling floor");
        assertFalse(md.contains(FIXTURES.toAbsolutePath().toString()) || md.contains(dir.toString()),
                "no path in the card:\n" + md);
        assertTrue(md.contains("folder train"), "describes its own training data:\n" + md);
        for (String png : new String[]{"reliability.png", "roc.png"}) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertEquals(480, img.getWidth(), png);
        }
    }
}
