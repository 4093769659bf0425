package org.pneumolens.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.ModelFormatException;
import org.pneumolens.core.model.ModelOutputException;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.TestModels;

/**
 * Seeded mutations of small valid files (header fields, lengths, truncations, bit flips, inserted and deleted
 * slices) for every supported image format and for model files (issue 13). Each case must end in a prediction
 * or a one-line refusal ({@link ImageDecodeException}, {@link ModelFormatException}, {@link ModelOutputException});
 * any other Throwable fails the test, and the whole run sits inside a hang guard. The default run has 300 cases (50 per kind);
 * {@code -Dpneumolens.fuzz.cases=5000} (and {@code -Dpneumolens.fuzz.seed=N}) for a longer one.
 */
class HostileInputFuzzTest {
    static final int CASES = Integer.getInteger("pneumolens.fuzz.cases", 300);
    static final long SEED = Long.getLong("pneumolens.fuzz.seed", 13);
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/xray/val/PNEUMONIA").toAbsolutePath();
    /** PNG, baseline JPEG, progressive JPEG, BMP, GIF, model file. */
    private static final int KINDS = 6;
    private static final int[] INTERESTING = {0, 1, -1, 0x7FFFFFFF, 0x80000000, 0xFFFF, 46340, 16385, 40000, 0x100};

    @TempDir
    Path dir;

    /** How the cases of one kind ended. */
    static final class Counts {
        int accepted;
        int refused;
        long millis;
        long slowestMillis;
        String slowest = "";
        final List<String> escaped = new ArrayList<>();

        void time(String what, long startNanos) {
            long ms = (System.nanoTime() - startNanos) / 1_000_000;
            if (ms > slowestMillis) {
                slowestMillis = ms;
                slowest = what;
            }
        }

        @Override
        public String toString() {
            return accepted + " accepted, " + refused + " refused, " + escaped.size() + " escaped (" + millis
                    + " ms; slowest " + slowest + " " + slowestMillis + " ms)";
        }
    }

    @Test
    void mutatedImagesAndModelsGiveAPredictionOrOneLine() {
        Duration guard = Duration.ofSeconds(Math.max(120, CASES / 5));
        Map<String, Counts> counts = assertTimeoutPreemptively(guard, this::run);
        System.out.println("fuzz (" + CASES + " cases, seed " + SEED + "): " + counts);
        int total = 0;
        for (var e : counts.entrySet()) {
            assertTrue(e.getValue().escaped.isEmpty(), e.getKey() + ": " + e.getValue().escaped);
            total += e.getValue().accepted + e.getValue().refused;
            assertTrue(e.getValue().refused > 0, e.getKey() + ": no mutation was refused, the mutator is broken");
        }
        assertEquals(CASES / KINDS * KINDS, total);
    }

    private Map<String, Counts> run() throws Exception {
        PneumoModel model = TestModels.untrained(32);
        Map<String, byte[]> seeds = imageSeeds();
        Map<String, Counts> counts = new LinkedHashMap<>();
        Random r = new Random(SEED);
        int perKind = CASES / KINDS;
        for (var seed : seeds.entrySet()) {
            Counts c = new Counts();
            counts.put(seed.getKey(), c);
            long start = System.nanoTime();
            for (int i = 0; i < perKind; i++) {
                byte[] mutated = mutate(seed.getValue(), r);
                Path f = Files.write(dir.resolve("case-" + i + "." + seed.getKey()), mutated);
                long t0 = System.nanoTime();
                try {
                    GreyImage img = ImageDecoder.decodeGrey(f);
                    model.predict(img);
                    c.accepted++;
                } catch (ImageDecodeException | ModelOutputException e) {
                    oneLine(c, seed.getKey(), i, e);
                } catch (Throwable e) {
                    c.escaped.add(seed.getKey() + " case " + i + ": " + e);
                } finally {
                    c.time("case " + i, t0);
                    Files.delete(f);
                }
            }
            c.millis = (System.nanoTime() - start) / 1_000_000;
        }
        long start = System.nanoTime();
        counts.put("model", fuzzModels(model, perKind, r));
        counts.get("model").millis = (System.nanoTime() - start) / 1_000_000;
        return counts;
    }

    private static void oneLine(Counts c, String kind, int i, Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().contains("\n")) {
            c.escaped.add(kind + " case " + i + ": not one line: " + e.getMessage());
        } else {
            c.refused++;
        }
    }

    /** Model files: the zip's bytes, or one entry's content re-zipped (to get past the zip's own checks). */
    private Counts fuzzModels(PneumoModel model, int n, Random r) throws IOException {
        Path saved = dir.resolve("seed.zip");
        ModelFile.save(model.network(), model.metadata(), saved);
        byte[] zip = Files.readAllBytes(saved);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        List<String> names = new ArrayList<>(entries.keySet());
        Counts c = new Counts();
        for (int i = 0; i < n; i++) {
            byte[] mutated;
            if (i % 3 == 0) {
                mutated = mutate(zip, r);
            } else {
                Map<String, byte[]> copy = new LinkedHashMap<>(entries);
                String name = names.get(r.nextInt(names.size()));
                copy.put(name, mutate(copy.get(name), r));
                if (r.nextInt(8) == 0) {
                    copy.put(r.nextBoolean() ? "preprocessor.bin" : "../escape.bin", new byte[]{(byte) 0xAC, (byte) 0xED});
                }
                mutated = zip(copy);
            }
            Path f = Files.write(dir.resolve("case-" + i + ".zip"), mutated);
            long t0 = System.nanoTime();
            try {
                PneumoModel m = i % 2 == 0 ? ModelFile.load(f) : load(mutated);
                m.predict(new GreyImage(40, 30, new float[40 * 30]));
                c.accepted++;
            } catch (ModelFormatException | ModelOutputException e) {
                oneLine(c, "model", i, e);
            } catch (Throwable e) {
                c.escaped.add("model case " + i + ": " + e);
            } finally {
                c.time("case " + i, t0);
                Files.delete(f);
            }
        }
        return c;
    }

    private static PneumoModel load(byte[] bytes) throws ModelFormatException, IOException {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return ModelFile.load(in, "fuzzed model");
        }
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** One fixture X-ray as a 64x48 grey PNG, BMP and GIF, and as a baseline and a progressive JPEG. */
    private static Map<String, byte[]> imageSeeds() throws IOException {
        Path xray;
        try (var s = Files.list(FIXTURE)) {
            xray = s.sorted().findFirst().orElseThrow();
        }
        BufferedImage full = ImageIO.read(xray.toFile());
        BufferedImage small = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
        small.getGraphics().drawImage(full, 0, 0, 64, 48, null);
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("png", write(small, "png", false));
        seeds.put("jpeg", Files.readAllBytes(xray));
        seeds.put("progressive.jpeg", write(small, "jpeg", true));
        seeds.put("bmp", write(small, "bmp", false));
        seeds.put("gif", write(small, "gif", false));
        return seeds;
    }

    private static byte[] write(BufferedImage img, String format, boolean progressive) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter w = ImageIO.getImageWritersByFormatName(format).next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            if (progressive) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    /** One to three mutations; positions favour the first 64 bytes, where the headers are. */
    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            int at = r.nextBoolean() ? r.nextInt(Math.min(64, b.length)) : r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8)); // bit flip
                case 1 -> b[at] = (byte) new int[]{0, 0xFF, 0x7F, 0x80}[r.nextInt(4)];
                case 2 -> { // a 16- or 32-bit field, big- or little-endian, set to an edge value
                    int v = INTERESTING[r.nextInt(INTERESTING.length)];
                    int width = r.nextBoolean() ? 2 : 4;
                    boolean big = r.nextBoolean();
                    for (int j = 0; j < width && at + j < b.length; j++) {
                        int shift = 8 * (big ? width - 1 - j : j);
                        b[at + j] = (byte) (v >>> shift);
                    }
                }
                case 3 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length)); // truncation
                case 4 -> { // a slice copied elsewhere (duplicated chunks, segments)
                    int len = 1 + r.nextInt(Math.min(256, b.length));
                    int from = r.nextInt(Math.max(1, b.length - len));
                    byte[] out = new byte[b.length + len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, from, out, at, Math.min(len, b.length - from));
                    System.arraycopy(b, at, out, at + len, b.length - at);
                    b = out;
                }
                default -> { // a slice removed
                    int len = 1 + r.nextInt(Math.max(1, Math.min(256, b.length - at)));
                    byte[] out = new byte[b.length - Math.min(len, b.length - at)];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + (b.length - out.length), out, at, out.length - at);
                    b = out;
                }
            }
        }
        return b;
    }
}
