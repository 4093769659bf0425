package org.pneumolens.core.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.GradCam;
import org.pneumolens.core.model.PneumoModel;

/** The Diagnose view's one-pass analysis gives what its two passes (check, then Grad-CAM) gave. */
class ScreeningDiagnoseTest {
    static PneumoModel model;

    @BeforeAll
    static void load() throws Exception {
        model = BundledModel.load();
    }

    static List<Path> images() throws Exception {
        try (Stream<Path> fixtures = Files.walk(Path.of("src/test/resources/fixtures/xray"));
             Stream<Path> samples = Files.list(Path.of("sample-images"))) {
            // every fourth fixture and all full-size samples: both sizes, a few seconds
            List<Path> f = fixtures.filter(ImageDecoder::hasImageExtension).sorted().toList();
            return Stream.concat(Stream.iterate(0, i -> i < f.size(), i -> i + 4).map(f::get),
                    samples.filter(ImageDecoder::hasImageExtension).sorted()).toList();
        }
    }

    @Test
    void onePassGivesTheMapsOfAnalyseAndTheCheckOfItsOwnPass() throws Exception {
        for (Path file : images()) {
            BufferedImage decoded = ImageDecoder.decode(file);
            GreyImage grey = ImageDecoder.toGrey(decoded);
            Screening.Diagnosed d = Screening.diagnose(model, decoded, grey);
            PneumoModel.Analysis old = model.analyse(grey);
            assertArrayEquals(old.prediction().probabilities(), d.analysis().prediction().probabilities(), 0.0,
                    file.toString());
            assertEquals(old.maps().size(), d.analysis().maps().size());
            for (int c = 0; c < old.maps().size(); c++) {
                GradCam.Heatmap a = old.maps().get(c);
                GradCam.Heatmap b = d.analysis().maps().get(c);
                assertArrayEquals(a.values(), b.values(), 0f, file + " class " + c);
                assertEquals(a.scale(), b.scale(), 0f);
                assertEquals(a.strength(), b.strength(), 0f);
            }
            float[] input = model.preprocessing().toInput(grey);
            assertArrayEquals(model.forward(new float[][]{input}).features()[0], d.analysis().features(), 1e-5f,
                    file.toString());
            CheckResult twoPasses = Screening.check(model, decoded, grey);
            assertEquals(twoPasses.status(), d.check().status(), file.toString());
            assertEquals(twoPasses.score(), d.check().score(), 1e-5, file.toString());
            assertEquals(twoPasses.reasons(), d.check().reasons(), file.toString());
        }
    }
}
