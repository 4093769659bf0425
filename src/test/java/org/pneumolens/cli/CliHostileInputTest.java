package org.pneumolens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.TestModels;

/** The command line against careless and hostile input (issue 13). */
class CliHostileInputTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/xray").toAbsolutePath();

    @TempDir
    Path dir;

    private static CliEndToEndTest.Result run(String... args) {
        return CliEndToEndTest.run(args);
    }

    private static Path fixture(String cls, int index) throws IOException {
        try (var s = Files.list(FIXTURES.resolve("val").resolve(cls))) {
            return s.sorted().toList().get(index);
        }
    }

    @Test
    void atFileArgumentsAreNotExpanded() throws IOException {
        Path args = Files.writeString(dir.resolve("args"), "--model evil.zip\n");
        Path image = Files.copy(fixture("NORMAL", 0), dir.resolve("@x.jpeg"));
        CliEndToEndTest.Result r = run("predict", "@" + args, image.toString());
        assertFalse(r.err().contains("evil.zip"), "the planted argument file was read: " + r.err());
        assertTrue(r.err().contains("@" + args + ": file not found"), r.err());
        assertEquals(1, r.out().lines().count(), "the image named @x.jpeg is predicted: " + r.out());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
    }

    @Test
    void oneBadFileNeverEndsTheBatch() throws IOException {
        Path pnm = Files.write(dir.resolve("pnm.jpeg"), "P5\n1 1\n255\n\0\0\0\0\0\0\0\0".getBytes());
        byte[] good = Files.readAllBytes(fixture("NORMAL", 0));
        Path cut = Files.write(dir.resolve("cut.jpeg"), java.util.Arrays.copyOf(good, good.length / 3));
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        List<Path> files = List.of(fixture("NORMAL", 0), pnm, cut, folder, dir.resolve("gone.png"),
                fixture("PNEUMONIA", 0));
        String[] argv = java.util.stream.Stream.concat(java.util.stream.Stream.of("predict", "--json"),
                files.stream().map(Path::toString)).toArray(String[]::new);
        CliEndToEndTest.Result r = run(argv);
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals(2, r.out().lines().count(), r.out());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(4, errors.size(), r.err());
        for (int i = 0; i < 4; i++) {
            assertTrue(errors.get(i).startsWith("error: " + files.get(i + 1) + ": "), errors.get(i));
        }
        assertTrue(r.err().contains("predicted 2 of 6 files; 4 could not be read"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void lostOutputIsAFailure() throws IOException {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        for (String[] args : List.of(new String[]{"predict", fixture("NORMAL", 0).toString()},
                new String[]{"evaluate", "--data", FIXTURES.resolve("val").toString(), "--json"})) {
            StringWriter err = new StringWriter();
            int code = PneumoLensCli.run(new PrintWriter(broken), new PrintWriter(err), args);
            assertEquals(ExitCodes.BAD_INPUT, code, err.toString());
            assertTrue(err.toString().contains("could not be written to standard output"), err.toString());
        }
    }

    @Test
    void aModelWhoseOutputsOverflowIsRefusedOnLoad() throws IOException {
        PneumoModel model = TestModels.untrained(32);
        model.network().params().assign(3e38f); // every weight near Float.MAX_VALUE: outputs overflow to NaN
        Path f = dir.resolve("overflow.zip");
        ModelFile.save(model.network(), model.metadata(), f);
        for (String cmd : List.of("predict", "evaluate")) {
            CliEndToEndTest.Result r = cmd.equals("predict")
                    ? run("predict", "--model", f.toString(), fixture("NORMAL", 0).toString())
                    : run("evaluate", "--model", f.toString(), "--data", FIXTURES.resolve("val").toString(), "--json");
            assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
            assertTrue(r.err().contains("not probabilities"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void trainChecksItsTargetBeforeTraining() throws IOException {
        Path existing = Files.writeString(dir.resolve("good-model.zip"), "a previous good model");
        String data = FIXTURES.resolve("train").toString();
        for (String out : List.of(existing.toString(), dir.toString(), existing.resolve("m.zip").toString(), "")) {
            CliEndToEndTest.Result r = run("train", "--data", data, "--epochs", "1", "--size", "32", "--out", out);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), out + ": " + r.err());
            assertTrue(r.err().startsWith("error: the output"), r.err());
            assertFalse(r.out().contains("epoch "), "no training started: " + r.out());
        }
        assertEquals("a previous good model", Files.readString(existing));
    }
}
