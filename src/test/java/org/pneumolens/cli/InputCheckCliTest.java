package org.pneumolens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.model.ModelFile;

/** The input-check contract of predict, evaluate and fit-check, with the bundled model's stored check. */
class InputCheckCliTest {
    static final Path FIXTURES = CliEndToEndTest.FIXTURES;

    @TempDir
    Path dir;

    private Path uniform() throws Exception {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
        Path f = dir.resolve("grey.png");
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    private static Path fixture() throws Exception {
        try (var s = Files.list(FIXTURES.resolve("val/NORMAL"))) {
            return s.sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void predictJsonCarriesTheCheckAndRefusedImagesGetNoLabel() throws Exception {
        CliEndToEndTest.Result r = CliEndToEndTest.run("predict", "--json", uniform().toString(), fixture().toString());
        assertEquals(0, r.code(), r.err()); // a refusal is an answer, not an error
        List<String> lines = r.out().lines().toList();
        JsonObject refused = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        JsonObject c = refused.getAsJsonObject("inputCheck");
        assertEquals("not_chest_xray", c.get("status").getAsString());
        assertTrue(c.get("score").getAsDouble() > c.get("threshold").getAsDouble());
        assertTrue(c.getAsJsonArray("reasons").get(0).getAsString().startsWith("uniform image"));
        assertTrue(refused.get("label").isJsonNull());
        assertTrue(refused.getAsJsonObject("probabilities").has("PNEUMONIA"));
        JsonObject accepted = JsonParser.parseString(lines.get(1)).getAsJsonObject();
        assertEquals("ok", accepted.getAsJsonObject("inputCheck").get("status").getAsString());
        assertTrue(accepted.getAsJsonObject("probabilities").has(accepted.get("label").getAsString()));
    }

    @Test
    void predictTextSaysNotJudged() throws Exception {
        CliEndToEndTest.Result r = CliEndToEndTest.run("predict", uniform().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("grey.png: not judged: uniform image"), r.out());
    }

    @Test
    void evaluateJsonCountsFlaggedImages() {
        CliEndToEndTest.Result r = CliEndToEndTest.run("evaluate", "--json", "--data", FIXTURES.resolve("val").toString());
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        assertEquals(0, o.get("flagged").getAsInt());
        assertEquals(10, o.get("n").getAsInt());
    }

    @Test
    void trainReportsRefusedImagesPerClassLeavesThemOutAndFitsTheNewModelsCheck() throws Exception {
        Path data = dir.resolve("data");
        for (String c : List.of("NORMAL", "PNEUMONIA")) {
            Files.createDirectories(data.resolve(c));
            try (var s = Files.list(FIXTURES.resolve("train").resolve(c))) {
                for (Path f : s.toList()) Files.copy(f, data.resolve(c).resolve(f.getFileName()));
            }
        }
        Files.move(uniform(), data.resolve("NORMAL/grey.png")); // a blank picture posing as a NORMAL radiograph
        Path out = dir.resolve("trained.zip");
        CliEndToEndTest.Result r = CliEndToEndTest.run("train", "--data", data.toString(), "--val",
                FIXTURES.resolve("val").toString(), "--epochs", "1", "--batch", "16", "--size", "32", "--drop-flagged",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("train refused 1 {NORMAL=1, PNEUMONIA=0}, left out"), r.out());
        assertTrue(r.out().contains("refused grey.png: uniform image"), r.out());
        assertTrue(r.out().contains("input check: threshold"), r.out());
        assertEquals(32, ModelFile.load(out).inputCheck().orElseThrow().fit().trainImages());
    }

    @Test
    void fitCheckWritesAModelWithACheckAndTheSameWeights() throws Exception {
        Path out = dir.resolve("refit.zip");
        CliEndToEndTest.Result r = CliEndToEndTest.run("fit-check", "--data", FIXTURES.resolve("train").toString(),
                "--val", FIXTURES.resolve("val").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("val refused:"), r.out());
        var refit = ModelFile.load(out);
        assertEquals(32, refit.inputCheck().orElseThrow().fit().trainImages());
        assertEquals(org.pneumolens.core.model.BundledModel.load().network().params(), refit.network().params());
    }
}
