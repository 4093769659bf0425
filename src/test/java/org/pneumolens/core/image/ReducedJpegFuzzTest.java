package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded truncations, bit flips and header byte changes of the baseline samples and of a restart-interval and a
 * 4:2:0 colour file, through the reduced JPEG decoder itself (no exception of any kind may leave {@link JpegHeader}
 * or {@link ScaledJpegDecoder}; an image, when given, has the right size and pixels in [0, 1]) and through
 * {@code decodeGrey(file, 224, 224)} (an image or an {@link ImageDecodeException}), all inside a hang guard.
 * {@code -Dpneumolens.fuzz.cases=N} for a longer run.
 */
class ReducedJpegFuzzTest {
    static final int CASES = Integer.getInteger("pneumolens.fuzz.cases", 300);
    static final long SEED = Long.getLong("pneumolens.fuzz.seed", 17);

    @TempDir
    Path dir;

    @Test
    void mutatedJpegsGiveAnImageOrNullOrOneLine() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path f : ReducedJpegTest.baselineSamples().toList()) {
            seeds.add(Files.readAllBytes(f));
        }
        Path restart = dir.resolve("restart.jpeg");
        ReducedJpegTest.write(ReducedJpegTest.grey(ReducedJpegTest.sample(), 3), restart, 3, false);
        seeds.add(Files.readAllBytes(restart));
        Path colour = dir.resolve("colour.jpeg");
        ReducedJpegTest.write(ReducedJpegTest.tinted(ReducedJpegTest.grey(ReducedJpegTest.sample(), 1)), colour, 0,
                false);
        seeds.add(Files.readAllBytes(colour));
        int[] outcome = assertTimeoutPreemptively(Duration.ofSeconds(Math.max(120, CASES / 3)), () -> run(seeds));
        System.out.printf("reduced JPEG fuzz (%d cases, seed %d): %d decoded reduced, %d left to ImageIO, "
                + "%d images and %d refusals from decodeGrey%n", CASES, SEED, outcome[0], outcome[1], outcome[2],
                outcome[3]);
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "the mutator should give both outcomes");
    }

    private int[] run(List<byte[]> seeds) throws IOException {
        Random r = new Random(SEED);
        int[] outcome = new int[4];
        List<String> escaped = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            byte[] seed = seeds.get(i % seeds.size());
            byte[] m = mutate(seed, r);
            int factor = new int[]{2, 4, 8}[r.nextInt(3)];
            try {
                JpegHeader h = JpegHeader.parse(m);
                GreyImage img = h == null || (long) h.width * h.height > ImageLimits.MAX_PIXELS ? null
                        : ScaledJpegDecoder.decode(h, m, factor);
                if (img == null) {
                    outcome[1]++;
                } else {
                    outcome[0]++;
                    assertEquals((h.width + factor - 1) / factor, img.width());
                    for (float v : img.pixels()) {
                        assertTrue(v >= 0 && v <= 1, "pixel " + v);
                    }
                }
            } catch (Throwable e) {
                escaped.add("case " + i + " (decoder): " + e);
            }
            throughDecodeGrey(m, i, outcome, escaped);
        }
        assertTrue(escaped.isEmpty(), escaped.toString());
        return outcome;
    }

    /**
     * The same for grey progressive JPEGs (the two progressive samples and a generated one with restart markers)
     * through {@link ProgressiveJpegDecoder}, at every factor, then through {@code decodeGrey}.
     */
    @Test
    void mutatedProgressiveJpegsGiveAnImageOrNullOrOneLine() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path f : ReducedJpegTest.progressiveSamples().toList()) {
            seeds.add(Files.readAllBytes(f));
        }
        Path restart = dir.resolve("restart.jpeg");
        ReducedJpegTest.write(ReducedJpegTest.grey(ReducedJpegTest.sample(), 3), restart, 3, true);
        seeds.add(Files.readAllBytes(restart));
        int[] outcome = assertTimeoutPreemptively(Duration.ofSeconds(Math.max(120, CASES / 3)),
                () -> runProgressive(seeds));
        System.out.printf("progressive JPEG fuzz (%d cases, seed %d): %d decoded reduced, %d left to ImageIO, "
                + "%d images and %d refusals from decodeGrey%n", CASES, SEED, outcome[0], outcome[1], outcome[2],
                outcome[3]);
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "the mutator should give both outcomes");
    }

    private int[] runProgressive(List<byte[]> seeds) throws IOException {
        Random r = new Random(SEED + 1);
        int[] outcome = new int[4];
        List<String> escaped = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            byte[] m = mutate(seeds.get(i % seeds.size()), r);
            int min = new int[]{60, 130, 240}[r.nextInt(3)];
            try {
                ReducedJpeg.Result res = ProgressiveJpegDecoder.decode(m, min, min);
                if (res == null) {
                    outcome[1]++;
                } else {
                    outcome[0]++;
                    assertEquals((res.width() + res.factor() - 1) / res.factor(), res.image().width());
                    assertTrue(res.image().width() >= min && res.image().height() >= min);
                    for (float v : res.image().pixels()) {
                        assertTrue(v >= 0 && v <= 1, "pixel " + v);
                    }
                }
            } catch (Throwable e) {
                escaped.add("case " + i + " (decoder): " + e);
            }
            throughDecodeGrey(m, i, outcome, escaped);
        }
        assertTrue(escaped.isEmpty(), escaped.toString());
        return outcome;
    }

    /**
     * The mutated bytes as a file through {@code decodeGrey(file, 224, 224)}: an image of that size (counted in
     * {@code outcome[2]}) or a one-line {@link ImageDecodeException} ({@code outcome[3]}); anything else escaped.
     */
    private void throughDecodeGrey(byte[] m, int i, int[] outcome, List<String> escaped) throws IOException {
        Path f = Files.write(dir.resolve("case" + i + ".jpeg"), m);
        try {
            assertEquals(224, ImageDecoder.decodeGrey(f, 224, 224).width());
            outcome[2]++;
        } catch (ImageDecodeException e) {
            assertTrue(!e.getMessage().contains("\n"), "one line");
            outcome[3]++;
        } catch (Throwable e) {
            escaped.add("case " + i + " (decodeGrey): " + e);
        } finally {
            Files.delete(f);
        }
    }

    /** One of: a truncation, 1-8 bit flips anywhere, 1-4 random bytes in the header, a deleted slice. */
    static byte[] mutate(byte[] seed, Random r) {
        byte[] m = seed.clone();
        switch (r.nextInt(4)) {
            case 0 -> m = Arrays.copyOf(seed, 1 + r.nextInt(seed.length - 1));
            case 1 -> {
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    int at = r.nextInt(m.length);
                    m[at] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 2 -> {
                int header = Math.min(m.length, 1200);
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    m[2 + r.nextInt(header - 2)] = (byte) r.nextInt(256);
                }
            }
            default -> {
                int from = r.nextInt(m.length);
                int len = Math.min(m.length - from, 1 + r.nextInt(64));
                byte[] out = new byte[m.length - len];
                System.arraycopy(m, 0, out, 0, from);
                System.arraycopy(m, from + len, out, from, m.length - from - len);
                m = out;
            }
        }
        return m;
    }
}
