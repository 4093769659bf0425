package org.pneumolens.core.check;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.image.Resampler;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;

/**
 * What the input check adds to a prediction; not a test. Usage: {@code InputCheckTiming MODEL IMAGE_DIR}.
 * Per image (decoded once): median of plain {@code predict}, of {@code Screening.predict} (prediction with the
 * check, one forward pass) and of the check's own work (signals and the two distances).
 */
public final class InputCheckTiming {
    public static void main(String[] args) throws Exception {
        PneumoModel model = ModelFile.load(Path.of(args[0]));
        InputCheck check = model.inputCheck().orElseThrow();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[1]))) {
            files = s.filter(ImageDecoder::hasImageExtension).sorted().toList();
        }
        int reps = 40;
        double[] plain = new double[files.size() * reps];
        double[] screened = new double[plain.length];
        double[] own = new double[plain.length];
        int k = 0;
        for (int round = -1; round < reps; round++) { // round -1 warms up
            for (Path f : files) {
                BufferedImage img = ImageDecoder.decode(f);
                GreyImage grey = ImageDecoder.toGrey(img);
                long t0 = System.nanoTime();
                model.predict(grey);
                long t1 = System.nanoTime();
                Screening.predict(model, img, grey);
                long t2 = System.nanoTime();
                GreyImage ds = Resampler.resize(grey, 224, 224);
                long t3 = System.nanoTime();
                ImageSignals sig = ImageSignals.of(img, grey.width(), grey.height(), ds);
                check.check(sig, new float[check.features().dims()]);
                long t4 = System.nanoTime();
                if (round >= 0) {
                    plain[k] = (t1 - t0) / 1e6;
                    screened[k] = (t2 - t1) / 1e6;
                    own[k++] = (t4 - t3) / 1e6;
                }
            }
        }
        // The forward pass alone, same input, interleaved: output() against forward() (which also returns features).
        float[][] input = {model.preprocessing().toInput(ImageDecoder.decodeGrey(files.get(0)))};
        double[] out = new double[200];
        double[] fwd = new double[200];
        for (int i = -20; i < 200; i++) {
            long t0 = System.nanoTime();
            model.output(input);
            long t1 = System.nanoTime();
            model.forward(input);
            long t2 = System.nanoTime();
            if (i >= 0) {
                out[i] = (t1 - t0) / 1e6;
                fwd[i] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "forward pass x 200: median output() %.2f ms, forward() with features %.2f ms%n",
                median(out), median(fwd));
        System.out.printf(Locale.ROOT, "%d images x %d: median predict %.2f ms, predict with check %.2f ms "
                        + "(difference %.2f ms), signals + distances alone %.2f ms%n", files.size(), reps,
                median(plain), median(screened), median(screened) - median(plain), median(own));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
