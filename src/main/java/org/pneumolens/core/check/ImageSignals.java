package org.pneumolens.core.check;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.pneumolens.core.image.RgbBytes;
import org.pneumolens.core.image.GreyImage;

/**
 * What the input check measures on one image before any network is involved: colour in the decoded file,
 * size and shape of the original, and the grey-level statistics of the image squashed to the dataset size
 * (224x224, what the training images are). {@link #pixelFeatures()} is the vector the low-resolution pixel
 * density of {@link InputCheck} scores: the coarse intensity layout of a chest film (bright mediastinum and
 * spine in the middle, darker lungs either side), local edge density by region, the grey-level histogram and
 * the left-right mirror symmetry.
 *
 * @param colourShare share of sampled pixels whose channels differ by at least {@value #CHROMA_STEP}/255
 * @param meanChroma  mean of max(R,G,B) - min(R,G,B) over sampled pixels, in [0, 1]
 * @param std         standard deviation of the grey levels (224x224), in [0, 1]
 * @param range       1st to 99th percentile of the grey levels
 * @param entropy     entropy of the 64-bin grey-level histogram, in bits (at most 6)
 */
public record ImageSignals(int width, int height, double colourShare, double meanChroma, double std, double range,
                           double entropy, float[] pixelFeatures) {
    static final int CHROMA_STEP = 24;
    /** Grid of block means (intensity layout). */
    static final int LAYOUT = 8;
    /** Grid of block edge densities. */
    static final int EDGES = 4;
    static final int BINS = 16;
    /** Length of {@link #pixelFeatures()}. */
    public static final int PIXEL_FEATURES = LAYOUT * LAYOUT + EDGES * EDGES + BINS + 3;
    /** Pixels of the original sampled for colour, at most. */
    private static final int COLOUR_SAMPLES = 65_536;

    /**
     * @param original the decoded file as it came (colour intact), or null when only grey is known
     * @param squashed the grey image resized to the dataset size (any size works; 224x224 is what is fitted)
     */
    public static ImageSignals of(BufferedImage original, int width, int height, GreyImage squashed) {
        double[] colour = original == null ? new double[2] : colour(original);
        float[] px = squashed.pixels();
        int[] hist = new int[256];
        double sum = 0;
        double sq = 0;
        for (float v : px) {
            int b = Math.min(255, Math.max(0, (int) (v * 255.999f)));
            hist[b]++;
            sum += v;
            sq += (double) v * v;
        }
        int n = px.length;
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sq / n - mean * mean));
        double range = (percentile(hist, n, 0.99) - percentile(hist, n, 0.01)) / 255.0;
        double entropy = 0;
        for (int b = 0; b < 64; b++) {
            int c = hist[4 * b] + hist[4 * b + 1] + hist[4 * b + 2] + hist[4 * b + 3];
            if (c > 0) {
                double q = (double) c / n;
                entropy -= q * Math.log(q) / Math.log(2);
            }
        }
        return new ImageSignals(width, height, colour[0], colour[1], std, range, entropy,
                pixelFeatures(squashed, hist, mean, std));
    }

    /** Mean absolute difference of neighbouring pixels (224x224), over the whole image: bounded in a radiograph. */
    public double edgeDensity() {
        double s = 0;
        int from = LAYOUT * LAYOUT;
        for (int i = from; i < from + EDGES * EDGES; i++) s += pixelFeatures[i];
        return s / (EDGES * EDGES);
    }

    public int shortSide() {
        return Math.min(width, height);
    }

    public double aspectRatio() {
        return (double) Math.max(width, height) / Math.min(width, height);
    }

    /** Colour share and mean chroma on a grid of at most {@value #COLOUR_SAMPLES} pixels; grey rasters skip it. */
    private static double[] colour(BufferedImage img) {
        boolean indexed = img.getColorModel() instanceof IndexColorModel;
        if (img.getRaster().getNumBands() == 1 && !indexed) {
            return new double[2];
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) w * h / COLOUR_SAMPLES)));
        long count = 0;
        long coloured = 0;
        double chroma = 0;
        RgbBytes direct = RgbBytes.of(img); // the same values as getRGB for plain sRGB bytes, without its cost
        for (int y = step / 2; y < h; y += step) {
            for (int x = step / 2; x < w; x += step) {
                int rgb = direct != null ? direct.rgb(x, y) : img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int c = Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
                chroma += c;
                if (c >= CHROMA_STEP) coloured++;
                count++;
            }
        }
        return count == 0 ? new double[2] : new double[]{(double) coloured / count, chroma / count / 255.0};
    }

    private static int percentile(int[] hist, int n, double q) {
        long target = (long) Math.ceil(q * n);
        long acc = 0;
        for (int b = 0; b < hist.length; b++) {
            acc += hist[b];
            if (acc >= target) return b;
        }
        return hist.length - 1;
    }

    /** Layout (8x8 block means), edges (4x4 block mean gradient), 16-bin histogram, mean, std, symmetry. */
    private static float[] pixelFeatures(GreyImage g, int[] hist256, double mean, double std) {
        int w = g.width();
        int h = g.height();
        float[] px = g.pixels();
        float[] f = new float[PIXEL_FEATURES];
        int k = 0;
        for (int by = 0; by < LAYOUT; by++) {
            for (int bx = 0; bx < LAYOUT; bx++) {
                f[k++] = (float) blockMean(px, w, bx * w / LAYOUT, (bx + 1) * w / LAYOUT, by * h / LAYOUT,
                        (by + 1) * h / LAYOUT);
            }
        }
        for (int by = 0; by < EDGES; by++) {
            for (int bx = 0; bx < EDGES; bx++) {
                int x0 = bx * w / EDGES;
                int x1 = Math.min(w - 1, (bx + 1) * w / EDGES);
                int y0 = by * h / EDGES;
                int y1 = Math.min(h - 1, (by + 1) * h / EDGES);
                double s = 0;
                int c = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        float v = px[y * w + x];
                        s += Math.abs(px[y * w + x + 1] - v) + Math.abs(px[(y + 1) * w + x] - v);
                        c++;
                    }
                }
                f[k++] = c == 0 ? 0 : (float) (s / c);
            }
        }
        int n = px.length;
        for (int b = 0; b < BINS; b++) {
            int c = 0;
            for (int i = b * 256 / BINS; i < (b + 1) * 256 / BINS; i++) c += hist256[i];
            f[k++] = (float) c / n;
        }
        f[k++] = (float) mean;
        f[k++] = (float) std;
        // Left-right mirror agreement: 1 - mean |v(x) - v(w-1-x)|; a chest film is roughly symmetric.
        double d = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w / 2; x++) d += Math.abs(px[y * w + x] - px[y * w + w - 1 - x]);
        }
        f[k] = (float) (1 - d / Math.max(1, h * (w / 2)));
        return f;
    }

    private static double blockMean(float[] px, int w, int x0, int x1, int y0, int y1) {
        double s = 0;
        int c = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                s += px[y * w + x];
                c++;
            }
        }
        return c == 0 ? 0 : s / c;
    }
}
