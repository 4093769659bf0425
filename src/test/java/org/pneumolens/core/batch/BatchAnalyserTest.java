package org.pneumolens.core.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.PneumoModel;

class BatchAnalyserTest {
    static final Path XRAY = Path.of("src/test/resources/fixtures/xray");
    static final Path DICOM = Path.of("src/test/resources/fixtures/dicom");
    static PneumoModel model;

    @BeforeAll
    static void load() throws Exception {
        model = BundledModel.load();
    }

    static List<Path> someImages(int n) throws Exception {
        try (Stream<Path> s = Files.walk(XRAY)) {
            return s.filter(p -> p.toString().endsWith(".jpeg") || p.toString().endsWith(".png")).sorted()
                    .limit(n).toList();
        }
    }

    private static List<ImageResult> run(List<Path> files, BatchAnalyser.Options o) throws Exception {
        List<ImageResult> out = new ArrayList<>();
        new BatchAnalyser(model, o).run(files, () -> false, out::add);
        return out;
    }

    @Test
    void eachFileGetsTheSameAnswerAsScreeningOneByOneInOrderAndBadFilesDoNotStopTheBatch(@TempDir Path dir)
            throws Exception {
        List<Path> files = new ArrayList<>(someImages(5));
        Path broken = Files.write(dir.resolve("broken.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        files.add(2, broken);
        files.add(DICOM.resolve("B_jpeg_lossless.dcm"));
        List<ImageResult> results = run(files, new BatchAnalyser.Options(2, 3, 0));
        assertEquals(files.size(), results.size());
        for (int i = 0; i < files.size(); i++) {
            ImageResult r = results.get(i);
            assertEquals(i, r.index());
            assertEquals(files.get(i), r.file());
            if (files.get(i).equals(broken)) {
                assertEquals(ImageResult.Outcome.FAILED, r.outcome());
                assertEquals(Verdict.FAILED, r.verdict());
                assertTrue(r.error().contains("broken.png"), r.error());
                continue;
            }
            assertEquals(ImageResult.Outcome.DONE, r.outcome(), r.error());
            Screening.ScreenedFile one = Screening.predict(model, files.get(i));
            assertArrayEquals(one.prediction().probabilities(), r.prediction().probabilities(), 1e-4);
            assertEquals(one.prediction().label(), r.prediction().label());
            assertEquals(one.check().status(), r.check().status());
            assertEquals(one.check().score(), r.check().score(), 1e-3);
            assertEquals(one.image().width(), r.source().width());
            assertNull(r.thumbnail());
        }
        assertEquals("dicom", results.get(files.size() - 1).source().format());
        assertEquals("DX", results.get(files.size() - 1).source().header().modality());
    }

    /**
     * Full-size grey JPEGs (baseline and progressive) take the reduced decode (issue 17): the verdict and check
     * status of the full decode, P(PNEUMONIA) within 0.02, the file's own size, a thumbnail of the asked size; and
     * the same probabilities and check score (within float summation order) as the Diagnose view's analysis and the
     * report's page of that file, which take their network input from the same place.
     */
    @Test
    void fullSizeSamplesGetTheVerdictOfTheFullDecodeAndOneProbabilityEverywhere() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("sample-images"))) {
            files = s.filter(p -> p.toString().endsWith(".jpeg")).sorted().toList();
        }
        List<ImageResult> results = run(files, new BatchAnalyser.Options(2, 4, 96));
        assertEquals(0, org.pneumolens.core.engine.ChannelsLastForward.batchBufferBytes(),
                "the batch's reused map buffers are freed when it ends");
        for (int i = 0; i < files.size(); i++) {
            ImageResult r = results.get(i);
            String f = files.get(i).toString();
            assertEquals(ImageResult.Outcome.DONE, r.outcome(), r.error());
            BufferedImage decoded = org.pneumolens.core.image.ImageDecoder.decode(files.get(i));
            org.pneumolens.core.image.GreyImage grey = org.pneumolens.core.image.ImageDecoder.toGrey(decoded);
            Screening.Screened full = Screening.predict(model, decoded, grey); // no file: the full decode's input
            assertEquals(full.prediction().label(), r.prediction().label(), f);
            assertArrayEquals(full.prediction().probabilities(), r.prediction().probabilities(), 0.02);
            assertEquals(full.check().status(), r.check().status(), f);
            Screening.ScreenedFile page = Screening.predict(model, files.get(i));
            assertArrayEquals(page.prediction().probabilities(), r.prediction().probabilities(), 1e-5, f);
            assertEquals(page.check().score(), r.check().score(), 1e-5, f);
            Screening.Diagnosed view = Screening.diagnose(model, files.get(i), decoded, grey);
            assertArrayEquals(view.analysis().prediction().probabilities(), r.prediction().probabilities(), 1e-5, f);
            assertEquals(view.check().score(), r.check().score(), 1e-5, f);
            assertEquals(grey.width(), r.source().width());
            assertEquals(grey.height(), r.source().height());
            BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(r.thumbnail()));
            assertEquals(96, Math.max(thumb.getWidth(), thumb.getHeight()));
        }
    }

    /** The fixtures (224-px RGB dataset JPEGs) and the full-size grey samples, with a DICOM file. */
    static List<Path> fixturesAndSamples() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> fixtures = Files.walk(XRAY); Stream<Path> samples = Files.list(Path.of("sample-images"))) {
            Stream.concat(fixtures, samples).filter(org.pneumolens.core.image.ImageDecoder::hasImageExtension)
                    .sorted().forEach(files::add);
        }
        files.add(DICOM.resolve("B_jpeg_lossless.dcm"));
        return files;
    }

    /**
     * With the reduced JPEG decode off (its own difference is measured above and in ReducedJpegPredictionTest), the
     * batched pipeline gives exactly the per-file figures of the old path.
     */
    @Test
    void batchedPassesGiveThePerFileFiguresOfTheOldPath() throws Exception {
        String before = System.getProperty("pneumolens.jpeg.reduced");
        System.setProperty("pneumolens.jpeg.reduced", "false");
        try {
            batchedPassesMatchTheOldPath();
        } finally {
            if (before == null) {
                System.clearProperty("pneumolens.jpeg.reduced");
            } else {
                System.setProperty("pneumolens.jpeg.reduced", before);
            }
        }
    }

    private void batchedPassesMatchTheOldPath() throws Exception {
        List<Path> files = fixturesAndSamples();
        List<ImageResult> results = run(files, new BatchAnalyser.Options(2, 8, 96));
        assertEquals(files.size(), results.size());
        for (int i = 0; i < files.size(); i++) {
            ImageResult r = results.get(i);
            assertEquals(ImageResult.Outcome.DONE, r.outcome(), r.error());
            // The old path: full-size grey image, resized, one forward pass per file, and its own thumbnail.
            java.awt.image.BufferedImage decoded = org.pneumolens.core.image.ImageDecoder.decode(files.get(i));
            org.pneumolens.core.image.GreyImage grey = org.pneumolens.core.image.ImageDecoder.toGrey(decoded);
            Screening.Screened one = Screening.predict(model, decoded, grey);
            assertArrayEquals(one.prediction().probabilities(), r.prediction().probabilities(), 1e-5, files.get(i)
                    .toString());
            assertEquals(one.check().status(), r.check().status(), files.get(i).toString());
            assertEquals(one.check().score(), r.check().score(), 1e-5, files.get(i).toString());
            assertEquals(grey.width(), r.source().width());
            assertEquals(grey.height(), r.source().height());
            assertArrayEquals(Thumbnails.png(grey, 96), r.thumbnail(), files.get(i).toString());
        }
    }

    @Test
    void aBatchedForwardPassGivesEachImageTheFeaturesAndProbabilitiesOfItsOwnPass() throws Exception {
        List<Path> files = someImages(6);
        float[][] inputs = new float[files.size()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = model.preprocessing().toInput(org.pneumolens.core.image.ImageDecoder.decodeGrey(files.get(i)));
        }
        PneumoModel.Forward batched = model.forward(inputs);
        for (int i = 0; i < inputs.length; i++) {
            PneumoModel.Forward alone = model.forward(new float[][]{inputs[i]});
            assertArrayEquals(alone.probabilities()[0], batched.probabilities()[i], 1e-5);
            assertArrayEquals(alone.features()[0], batched.features()[i], 1e-5f);
        }
    }

    @Test
    void thumbnailsAreSmallPngs() throws Exception {
        List<ImageResult> results = run(someImages(2), new BatchAnalyser.Options(1, 4, 96));
        for (ImageResult r : results) {
            assertNotNull(r.thumbnail());
            BufferedImage t = ImageIO.read(new ByteArrayInputStream(r.thumbnail()));
            assertEquals(96, Math.max(t.getWidth(), t.getHeight()));
        }
    }

    @Test
    void cancellingStopsBeforeTheEndAndSaysSo() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.addAll(someImages(3));
        }
        List<ImageResult> out = new ArrayList<>();
        BatchAnalyser.Summary s = new BatchAnalyser(model, new BatchAnalyser.Options(1, 2, 0)).run(files,
                () -> out.size() >= 4, out::add);
        assertTrue(s.cancelled());
        assertTrue(out.size() < files.size(), "results: " + out.size());
    }

    @Test
    void progressCountsUpToTheTotal() throws Exception {
        List<BatchProgress> seen = new ArrayList<>();
        List<Path> files = someImages(5);
        new BatchAnalyser(model, new BatchAnalyser.Options(2, 2, 0)).run(files, () -> false,
                new BatchAnalyser.Listener() {
                    @Override
                    public void result(ImageResult result) {
                    }

                    @Override
                    public void progress(BatchProgress p) {
                        seen.add(p);
                    }
                });
        BatchProgress last = seen.get(seen.size() - 1);
        assertEquals(5, last.done());
        assertEquals(5, last.total());
        assertEquals(0, last.secondsLeft(), 1e-9);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).done() > seen.get(i - 1).done());
        }
    }

    @Test
    void progressEstimatesTimeLeftFromTheRate() {
        BatchProgress p = BatchProgress.of(10, 40, 5);
        assertEquals(2.0, p.imagesPerSecond(), 1e-9);
        assertEquals(15.0, p.secondsLeft(), 1e-9);
        assertTrue(Double.isNaN(BatchProgress.of(0, 40, 0).secondsLeft()));
    }

    @Test
    void foldersRecurseAndNonImagesAreSkippedWithAReason(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Path img = Files.copy(someImages(1).get(0), sub.resolve("x.jpeg"));
        Path noExt = Files.copy(someImages(1).get(0), dir.resolve("scan0001"));
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.writeString(Files.createDirectories(dir.resolve(".cache")).resolve("y.png"), "hidden");
        Path given = Files.writeString(tmp.resolve("given.txt"), "named on purpose");
        BatchInputs.Expanded e = BatchInputs.expand(List.of(dir, given));
        assertEquals(List.of(img, noExt, given), e.files());
        assertEquals(1, e.skipped().size());
        assertTrue(e.skipped().get(0).reason().startsWith("not an image"), e.skipped().get(0).reason());
    }
}
