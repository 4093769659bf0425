package org.pneumolens.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.image.Resampler;
import org.pneumolens.core.model.PneumoModel;

/**
 * How cost grows (the {@code --growth} figures): predict time for one image against its size, made by upscaling a
 * sample radiograph to a given number of megapixels (aspect kept) and saving it as a grey JPEG, as a scanner would.
 * Training time against dataset size is {@link EpochBench} at several fractions; memory against the number of
 * worklist images is {@link BatchBench#worklist} in a probe process.
 */
public final class GrowthBench {
    private GrowthBench() {
    }

    /** The sample resized to about {@code megapixels} million pixels, aspect kept, as a grey JPEG in {@code dir}. */
    public static Path upscaled(Path sample, double megapixels, Path dir) throws IOException, ImageDecodeException {
        GreyImage grey = ImageDecoder.decodeGrey(sample);
        double scale = Math.sqrt(megapixels * 1e6 / ((double) grey.width() * grey.height()));
        int w = (int) Math.round(grey.width() * scale);
        int h = (int) Math.round(grey.height() * scale);
        Path out = dir.resolve(String.format(java.util.Locale.ROOT, "%gmp.jpeg", megapixels));
        Files.write(out, BatchBench.jpeg(Resampler.resize(grey, w, h), BufferedImage.TYPE_BYTE_GRAY));
        return out;
    }

    /**
     * Median milliseconds of {@link Screening#predict(PneumoModel, Path)} on {@code file}, what {@code predict FILE}
     * does for one image: read, decode, resize, one forward pass, the input check.
     */
    public static double predictMillisP50(PneumoModel model, Path file, int warmup, int repeats)
            throws ImageDecodeException {
        for (int i = 0; i < warmup; i++) {
            Screening.predict(model, file);
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            Screening.ScreenedFile s = Screening.predict(model, file);
            times.add(Stats.millis(t0, System.nanoTime()));
            if (s.prediction() == null) { // keeps the result observably used
                throw new IllegalStateException("no prediction");
            }
        }
        return Stats.median(times);
    }
}
