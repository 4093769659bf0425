package org.pneumolens.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.image.Resampler;

/**
 * {@code decode_ms_p50}: file to grey image to 150x150, per image, like the reference's
 * {@code Image.open(f).convert('L').resize((150, 150), BILINEAR)} (Pillow's bilinear is antialiased when shrinking,
 * and so is {@link Resampler}; {@code ImageDecoder.decodeGrey(file, w, h)} gives the same floats as decoding and
 * then resizing, without a full-size float image; a large baseline JPEG is first decoded at 1/2-1/8 scale, like
 * Pillow's {@code draft}, unless {@code -Dpneumolens.jpeg.reduced=false}: decision 0014). No warm-up, as in the
 * reference: the repeats include the first,
 * cold decode.
 */
public final class DecodeBench {
    private DecodeBench() {
    }

    public static double decodeMillisP50(List<Path> samples, int repeats, int size) throws ImageDecodeException {
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < repeats; r++) { // sorted(files) * repeats: every file once, then again
            for (Path f : samples) {
                long t0 = System.nanoTime();
                GreyImage small = ImageDecoder.decodeGrey(f, size, size);
                times.add(Stats.millis(t0, System.nanoTime()));
                if (small.width() != size) {
                    throw new IllegalStateException("resize returned " + small.width() + " px");
                }
            }
        }
        return Stats.median(times);
    }
}
