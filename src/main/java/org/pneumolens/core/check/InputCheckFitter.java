package org.pneumolens.core.check;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.model.PneumoModel;

/**
 * Fits a model's {@link InputCheck}: the two densities on the training images' features, the scales and the
 * threshold on the validation images' scores (a high quantile, so that about {@code 1 - quantile} of real
 * radiographs are refused by the learned score).
 */
public final class InputCheckFitter {
    /** Refuses about 0.5 % of validation radiographs by the learned score (1 of 329 on the bundled data). */
    public static final double DEFAULT_QUANTILE = 0.995;

    private InputCheckFitter() {
    }

    /** The fitted check and the scans it came from (for reports: what the check says of each image). */
    public record Fit(InputCheck check, Screening.Scan train, Screening.Scan val) {
    }

    public static Fit fit(PneumoModel model, ImageSet train, ImageSet val, BooleanSupplier cancelled,
                          IntConsumer progress) throws InterruptedException {
        Screening.Scan t = Screening.scan(model, train.images(), cancelled, progress);
        Screening.Scan v = Screening.scan(model, val.images(), cancelled, done -> progress.accept(train.size() + done));
        return new Fit(fit(t.samples(), v.samples(), InputCheck.COMBINED, DEFAULT_QUANTILE), t, v);
    }

    /** Fits on already scanned images (at least two of each). */
    public static InputCheck fit(List<Screening.Sample> train, List<Screening.Sample> val, String method,
                                 double quantile) {
        if (train.size() < 2 || val.size() < 2) {
            throw new IllegalArgumentException("an input check needs at least two training and two validation "
                    + "images (got " + train.size() + " and " + val.size() + ")");
        }
        Gaussian features = Gaussian.fit(train.stream().map(Screening.Sample::features).toArray(float[][]::new));
        Gaussian pixels = Gaussian.fit(train.stream().map(s -> s.signals().pixelFeatures()).toArray(float[][]::new));
        double fScale = median(val.stream().mapToDouble(s -> features.distance(s.features())).toArray());
        double pScale = median(val.stream().mapToDouble(s -> pixels.distance(s.signals().pixelFeatures())).toArray());
        InputCheck unset = new InputCheck(InputCheck.FORMAT_VERSION, method, features, pixels, fScale, pScale, 1,
                null);
        double[] scores = val.stream().mapToDouble(s -> unset.score(s.features(), s.signals().pixelFeatures()))
                .toArray();
        double threshold = quantile(scores, quantile);
        int refused = (int) Arrays.stream(scores).filter(s -> s > threshold).count();
        return unset.withMethod(method, threshold, new InputCheck.FitSummary(train.size(), val.size(), quantile,
                refused, Instant.now().toString()));
    }

    /** The value at rank ceil(q·n) of the sorted values (q = 1: the largest). */
    public static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(q * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }
}
