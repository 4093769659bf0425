package org.pneumolens.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.PneumoModel;

/** The bundled model's stored check on the fixture radiographs (none of them refused) and on generated pictures. */
class BundledInputCheckTest {
    static PneumoModel model;

    @BeforeAll
    static void load() throws Exception {
        model = BundledModel.load();
    }

    @Test
    void theBundledModelCarriesAFittedCheck() {
        InputCheck c = model.inputCheck().orElseThrow();
        assertEquals(InputCheck.COMBINED, c.method());
        assertEquals(256, c.features().dims()); // PneumoNet's global-average-pool width
    }

    @Test
    void everyFixtureRadiographIsAccepted() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/fixtures/xray"))) {
            files = s.filter(Files::isRegularFile).filter(ImageDecoder::hasImageExtension).sorted().toList();
        }
        assertTrue(files.size() >= 40, "fixtures: " + files.size());
        for (Path f : files) {
            CheckResult r = Screening.predict(model, f).check();
            assertEquals(CheckStatus.OK, r.status(), f.getFileName() + ": " + r.reasons());
        }
    }

    @Test
    void generatedGreyPicturesAreRefusedByTheLearnedScore() {
        for (var img : List.of(SyntheticImages.noise(512, 512, 4, false),
                SyntheticImages.gradient(640, 480, Color.BLACK, Color.WHITE), SyntheticImages.text(800, 600))) {
            CheckResult r = Screening.predict(model, img, ImageDecoder.toGrey(img)).check();
            assertEquals(CheckStatus.NOT_CHEST_XRAY, r.status());
            assertTrue(r.score() > r.threshold(), "score " + r.score() + " limit " + r.threshold());
        }
    }
}
