package org.pneumolens.core.check;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A fitted input check: decides whether an image looks like the chest radiographs a model was trained on.
 * Two kinds of evidence:
 * <ul>
 *   <li>image rules, fixed facts about radiographs measured on the decoded file: grey (colour channels equal),
 *   not uniform, enough contrast, many grey levels, bounded edge density, not tiny, not an extreme strip. Their
 *   limits sit well outside what any of the 5,197 training images shows (see the model card);</li>
 *   <li>a learned score: Mahalanobis distances to the training images, of the network's penultimate features
 *   (global-average-pool output) and of low-resolution pixel statistics ({@link ImageSignals#pixelFeatures()}),
 *   each divided by its median on the validation images and combined by the larger of the two; refused above a
 *   threshold set on validation images.</li>
 * </ul>
 * Immutable; stored in a model file as the JSON entry {@value #ENTRY}.
 *
 * @param method    which learned score decides: {@code features}, {@code pixels} or {@code combined}
 * @param featureScale validation median of the feature distance (the unit of the combined score)
 * @param pixelScale   validation median of the pixel-statistics distance
 * @param fit       how the check was fitted, for the model card
 */
public record InputCheck(int formatVersion, String method, Gaussian features, Gaussian pixels, double featureScale,
                         double pixelScale, double threshold, FitSummary fit) {
    public static final String ENTRY = "pneumolens-inputcheck.json";
    public static final int FORMAT_VERSION = 1;
    public static final String FEATURES = "features";
    public static final String PIXELS = "pixels";
    public static final String COMBINED = "combined";
    /** Bounds the entry a hostile model file may carry (the fitted check is well under 1 MB). */
    public static final int MAX_JSON_BYTES = 8 << 20;

    // Image rules. The training images are 224x224, so that is the smallest size accepted.
    static final int MIN_SHORT_SIDE = 224;
    static final double MAX_ASPECT = 2.5;
    static final double MAX_COLOUR_SHARE = 0.05;
    static final double MAX_MEAN_CHROMA = 0.03;
    static final double MIN_STD = 0.02;
    static final double MIN_RANGE = 0.12;
    static final double MIN_ENTROPY = 3.0;
    // Edge density: the training images span 0.010 to 0.056; half the smoothest and twice the busiest.
    static final double MIN_EDGES = 0.005;
    static final double MAX_EDGES = 0.10;

    private static final Gson GSON = new GsonBuilder().create();

    /**
     * @param trainImages images the densities were fitted on
     * @param valImages   images the threshold was set on
     * @param quantile    the validation quantile the threshold is
     * @param valRefused  validation images refused by the learned score at that threshold
     */
    public record FitSummary(int trainImages, int valImages, double quantile, int valRefused, String createdAt) {
    }

    public InputCheck {
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            throw new IllegalArgumentException("input check format " + formatVersion + " is not supported (this "
                    + "version reads up to " + FORMAT_VERSION + ")");
        }
        if (!(FEATURES.equals(method) || PIXELS.equals(method) || COMBINED.equals(method))) {
            throw new IllegalArgumentException("unknown input check method " + method);
        }
        if (features == null || pixels == null || !(featureScale > 0) || !(pixelScale > 0) || !(threshold > 0)
                || !Double.isFinite(threshold) || !Double.isFinite(featureScale) || !Double.isFinite(pixelScale)) {
            throw new IllegalArgumentException("input check is incomplete or has invalid scales");
        }
    }

    /** Refuses a check fitted for another network (or another version of the pixel statistics). */
    public void requireFits(int networkFeatures) {
        if (features.dims() != networkFeatures || pixels.dims() != ImageSignals.PIXEL_FEATURES) {
            throw new IllegalArgumentException("the input check was fitted for " + features.dims() + " network "
                    + "features and " + pixels.dims() + " pixel statistics, this model has " + networkFeatures + " and "
                    + ImageSignals.PIXEL_FEATURES);
        }
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /** Parses and validates a stored check; every failure is an {@link IllegalArgumentException}. */
    public static InputCheck fromJson(String json) {
        InputCheck c;
        try {
            c = GSON.fromJson(json, InputCheck.class);
        } catch (RuntimeException e) { // Gson's parse errors and the records' own validation
            throw new IllegalArgumentException("input check is not valid JSON (" + e.getMessage() + ")", e);
        }
        if (c == null) {
            throw new IllegalArgumentException("input check is empty");
        }
        return c;
    }

    /** The learned score of one image (see the class comment). */
    public double score(float[] networkFeatures, float[] pixelFeatures) {
        double f = features.distance(networkFeatures) / featureScale;
        double p = pixels.distance(pixelFeatures) / pixelScale;
        return switch (method) {
            case FEATURES -> f;
            case PIXELS -> p;
            default -> Math.max(f, p);
        };
    }

    public InputCheck withMethod(String newMethod, double newThreshold, FitSummary newFit) {
        return new InputCheck(formatVersion, newMethod, features, pixels, featureScale, pixelScale, newThreshold, newFit);
    }

    /** Rules and learned score for one image. */
    public CheckResult check(ImageSignals s, float[] networkFeatures) {
        double score = score(networkFeatures, s.pixelFeatures());
        List<String> not = new ArrayList<>();
        List<String> low = new ArrayList<>();
        rules(s, not, low);
        if (score > threshold) {
            not.add(String.format(Locale.ROOT, "unlike the training images: score %.1f, limit %.1f", score, threshold));
        }
        return verdict(score, threshold, not, low);
    }

    /** The image rules alone, for a model that has no fitted check. */
    public static CheckResult rulesOnly(ImageSignals s) {
        List<String> not = new ArrayList<>();
        List<String> low = new ArrayList<>();
        rules(s, not, low);
        CheckResult r = verdict(0, 0, not, low);
        List<String> reasons = new ArrayList<>(r.reasons());
        reasons.add("this model has no fitted input check: only the image rules were applied");
        return new CheckResult(r.status(), 0, 0, reasons);
    }

    private static CheckResult verdict(double score, double threshold, List<String> not, List<String> low) {
        CheckStatus status = !not.isEmpty() ? CheckStatus.NOT_CHEST_XRAY
                : !low.isEmpty() ? CheckStatus.LOW_QUALITY : CheckStatus.OK;
        List<String> reasons = new ArrayList<>(not);
        reasons.addAll(low);
        return new CheckResult(status, score, threshold, reasons);
    }

    static void rules(ImageSignals s, List<String> not, List<String> low) {
        if (s.colourShare() >= MAX_COLOUR_SHARE || s.meanChroma() >= MAX_MEAN_CHROMA) {
            not.add(String.format(Locale.ROOT, "colour image (%.0f %% of pixels coloured); radiographs are grey",
                    100 * s.colourShare()));
        }
        if (s.std() < MIN_STD) {
            not.add(String.format(Locale.ROOT, "uniform image (grey-level spread %.3f)", s.std()));
        } else if (s.range() < MIN_RANGE) {
            low.add(String.format(Locale.ROOT, "almost no contrast (grey levels span %.2f)", s.range()));
        }
        if (s.std() >= MIN_STD && s.entropy() < MIN_ENTROPY) {
            not.add(String.format(Locale.ROOT, "few grey levels, like a document, drawing or screenshot "
                    + "(histogram entropy %.1f bits)", s.entropy()));
        }
        if (s.edgeDensity() > MAX_EDGES) {
            not.add(String.format(Locale.ROOT, "far more fine detail than a radiograph, like noise or a texture "
                    + "(edge density %.3f)", s.edgeDensity()));
        } else if (s.std() >= MIN_STD && s.edgeDensity() < MIN_EDGES) {
            low.add(String.format(Locale.ROOT, "almost no detail, blurred or flat (edge density %.4f)",
                    s.edgeDensity()));
        }
        if (s.shortSide() < MIN_SHORT_SIDE) {
            low.add(String.format(Locale.ROOT, "too small (%dx%d); the model was trained on 224x224 images",
                    s.width(), s.height()));
        }
        if (s.aspectRatio() > MAX_ASPECT) {
            low.add(String.format(Locale.ROOT, "extreme aspect ratio (%.1f:1); chest films are 1:1 to 2:1",
                    s.aspectRatio()));
        }
    }
}
