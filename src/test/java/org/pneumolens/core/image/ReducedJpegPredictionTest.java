package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;

/**
 * The bundled model on the eight samples (baseline and progressive), fed {@code decodeGrey(file, 224, 224)} through
 * the reduced JPEG decode and through the old full decode: the same verdict, and calibrated P(PNEUMONIA) within 0.02.
 */
class ReducedJpegPredictionTest {
    private static final double TOLERANCE = 0.02;

    @Test
    void theVerdictAndProbabilityAreThoseOfTheFullDecode() throws Exception {
        PneumoModel model = BundledModel.load();
        int size = model.preprocessing().datasetSize();
        List<Path> files = ReducedJpegTest.samples().toList();
        double worst = 0;
        for (Path f : files) {
            assertNotNull(ReducedJpeg.read(f, size, size), f + " should take the reduced path");
            Prediction old = model.predict(GreyConversion.toGreyResized(ImageDecoder.decode(f), size, size));
            Prediction fast = model.predict(ImageDecoder.decodeGrey(f, size, size));
            double d = Math.abs(old.probability("PNEUMONIA") - fast.probability("PNEUMONIA"));
            worst = Math.max(worst, d);
            System.out.printf("%s P(PNEUMONIA) old %.5f reduced %.5f (diff %.5f) %s/%s%n", f.getFileName(),
                    old.probability("PNEUMONIA"), fast.probability("PNEUMONIA"), d, old.label(), fast.label());
            assertEquals(old.label(), fast.label(), f.toString());
            assertEquals(old.probability("PNEUMONIA"), fast.probability("PNEUMONIA"), TOLERANCE, f.toString());
        }
        System.out.printf("max P(PNEUMONIA) difference over %d samples: %.5f%n", files.size(), worst);
    }

}
