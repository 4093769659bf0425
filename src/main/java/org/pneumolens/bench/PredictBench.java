package org.pneumolens.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.GradCam;
import org.pneumolens.core.model.PneumoModel;

/**
 * {@code predict_gradcam_ms_p50}: what the Diagnose view waits for after an image is dropped, i.e. a full-resolution
 * file decoded, then classified and mapped with Grad-CAM for every class in one {@link PneumoModel#analyse} call,
 * the same call the app makes.
 */
public final class PredictBench {
    private PredictBench() {
    }

    public static double predictGradCamMillisP50(PneumoModel model, List<Path> samples, int warmupPasses, int repeats)
            throws ImageDecodeException {
        for (int w = 0; w < warmupPasses; w++) {
            for (Path f : samples) {
                predictAndMap(model, f);
            }
        }
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (Path f : samples) {
                long t0 = System.nanoTime();
                predictAndMap(model, f);
                times.add(Stats.millis(t0, System.nanoTime()));
            }
        }
        return Stats.median(times);
    }

    static GradCam.Heatmap predictAndMap(PneumoModel model, Path file) throws ImageDecodeException {
        GreyImage image = ImageDecoder.decodeGrey(file);
        // What the Diagnose tab runs for a dropped image: probabilities and a map for every class.
        PneumoModel.Analysis a = model.analyse(image);
        GradCam.Heatmap map = a.maps().get(a.prediction().labelIndex());
        if (map.values().length != map.width() * map.height()) { // keeps the result observably used
            throw new IllegalStateException("malformed Grad-CAM map");
        }
        return map;
    }
}
