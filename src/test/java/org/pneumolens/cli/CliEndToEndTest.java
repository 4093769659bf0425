package org.pneumolens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it, on the fixture images: train a small model, then predict and evaluate. */
class CliEndToEndTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/xray").toAbsolutePath();

    @TempDir
    static Path dir;
    static Path model;
    static Result trained;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PneumoLensCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void trainSmallModel() {
        model = dir.resolve("small.zip");
        trained = run("train", "--data", FIXTURES.resolve("train").toString(), "--val", FIXTURES.resolve("val").toString(),
                "--epochs", "2", "--batch", "16", "--size", "32", "--label-smoothing", "0.05", "--out", model.toString());
    }

    @Test
    void trainPrintsOneLinePerEpochAndSavesAModel() throws IOException {
        assertEquals(0, trained.code(), trained.err());
        assertEquals(2, trained.out().lines().filter(l -> l.startsWith("epoch ")).count(), trained.out());
        assertTrue(trained.out().contains("threshold"));
        assertTrue(Files.size(model) > 0);
        assertEquals(0.05, org.pneumolens.core.model.ModelFile.load(model).metadata().training().labelSmoothing(), 1e-12,
                "the model records the label smoothing it was trained with");
    }

    @Test
    void predictJsonGivesOneParsableObjectPerImage() throws IOException {
        List<Path> images;
        try (Stream<Path> s = Files.list(FIXTURES.resolve("val/PNEUMONIA"))) {
            images = s.sorted().limit(3).toList();
        }
        String[] args = Stream.concat(Stream.of("predict", "--model", model.toString(), "--json"),
                images.stream().map(Path::toString)).toArray(String[]::new);
        Result r = run(args);
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            assertEquals(images.get(i).toString(), o.get("file").getAsString());
            JsonObject p = o.getAsJsonObject("probabilities");
            double sum = p.get("NORMAL").getAsDouble() + p.get("PNEUMONIA").getAsDouble();
            assertEquals(1.0, sum, 1e-4);
            assertTrue(p.has(o.get("label").getAsString()));
        }
    }

    @Test
    void evaluateJsonHasTheContractKeysAndConsistentFigures() {
        Result r = run("evaluate", "--data", FIXTURES.resolve("val").toString(), "--model", model.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out().trim()).getAsJsonObject();
        for (String k : List.of("n", "accuracy", "sensitivity", "specificity", "auc", "threshold", "confusion",
                "positiveClass")) {
            assertTrue(o.has(k), k);
        }
        assertEquals(10, o.get("n").getAsInt());
        assertEquals("PNEUMONIA", o.get("positiveClass").getAsString());
        var c = o.getAsJsonArray("confusion");
        int tn = c.get(0).getAsJsonArray().get(0).getAsInt();
        int fp = c.get(0).getAsJsonArray().get(1).getAsInt();
        int fn = c.get(1).getAsJsonArray().get(0).getAsInt();
        int tp = c.get(1).getAsJsonArray().get(1).getAsInt();
        assertEquals(4, tn + fp, "4 NORMAL images in the fixture val set");
        assertEquals(6, fn + tp, "6 PNEUMONIA images in the fixture val set");
        assertEquals((tn + tp) / 10.0, o.get("accuracy").getAsDouble(), 1e-9);
    }

    @Test
    void badFilesGiveAMessageAndANonZeroExitWithoutAStackTrace() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path text = Files.writeString(dir.resolve("text.png"), "not an image");
        for (Path f : List.of(empty, text, dir.resolve("missing.png"))) {
            Result r = run("predict", "--model", model.toString(), f.toString());
            assertEquals(ExitCodes.BAD_INPUT, r.code(), f.toString());
            assertTrue(r.err().startsWith("error: " + f + ": "), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    @Test
    void wrongModelFileAndBadFolderAreUserErrors() throws IOException {
        Path notModel = Files.writeString(dir.resolve("model.zip"), "hello");
        Result r = run("predict", "--model", notModel.toString(), FIXTURES.resolve("val/NORMAL").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("not a PneumoLens model"), r.err());

        Result e = run("evaluate", "--data", dir.resolve("nowhere").toString(), "--model", model.toString());
        assertEquals(ExitCodes.BAD_INPUT, e.code());
        assertTrue(e.err().contains("not found"), e.err());
        assertFalse(e.err().contains("\tat "));
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        Result r = run("evaluate");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--data"), r.err());
    }
}
