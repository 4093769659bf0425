package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;

class PneumoModelTest {
    @Test
    void analyseGivesTheSamePredictionAndMapsAsTheSeparateCalls() throws Exception {
        PneumoModel model = TestModels.untrained(64);
        Path dir = Path.of("src/test/resources/fixtures/xray/val/PNEUMONIA").toAbsolutePath();
        Path file;
        try (var s = Files.list(dir)) {
            file = s.sorted().findFirst().orElseThrow();
        }
        GreyImage image = ImageDecoder.decodeGrey(file);
        PneumoModel.Analysis a = model.analyse(image);
        Prediction p = model.predict(image);
        assertArrayEquals(p.probabilities(), a.prediction().probabilities(), 1e-6);
        assertEquals(p.label(), a.prediction().label());
        assertEquals(2, a.maps().size());
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(model.gradCam(image, c).values(), a.maps().get(c).values(), 1e-5f);
        }
    }
}
