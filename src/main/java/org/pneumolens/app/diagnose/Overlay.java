package org.pneumolens.app.diagnose;

import org.pneumolens.core.model.GradCam;

/**
 * A Grad-CAM map coloured for display: premultiplied ARGB pixels (what JavaFX draws without converting, so the
 * viewer wraps them as they are) covering exactly the whole image (the model sees the whole image squashed to a
 * square, so the map's extent is the image's extent). It may be smaller than the image; the viewer stretches it
 * over the image's full width and height, which keeps it aligned at every zoom and pan. The alpha of a pixel is
 * its saliency times 255.
 */
public record Overlay(String className, int width, int height, int[] argb) {
    /**
     * Longest side of the coloured map. The viewer stretches it with bilinear filtering; stretched from 512 px to
     * 1024 it stays within 2 of 255 alpha levels of a map coloured at 1024 (mean 0.2: {@code OverlayTest}), since
     * a map of 10x10 or 14x14 cells is smooth at that scale, and colouring it costs a quarter: 1-2 ms instead of
     * 5-9 per class on the path to the verdict.
     */
    static final int MAX_SIDE = 512;
    /** The colour of each alpha level 0..255, premultiplied: the saliency that rounds to it picks both. */
    private static final int[] PREMULTIPLIED = new int[256];

    static {
        for (int a = 0; a < 256; a++) {
            int rgb = ColorMap.rgb(a / 255.0);
            PREMULTIPLIED[a] = a << 24 | premultiply(rgb >> 16 & 0xff, a) << 16 | premultiply(rgb >> 8 & 0xff, a) << 8
                    | premultiply(rgb & 0xff, a);
        }
    }

    /**
     * Colours a map for an image of the given size. Alpha grows linearly with the saliency and is zero where the
     * map is zero, so the radiograph shows through where the model found no evidence. The saliency is the map's
     * bilinear upsampling ({@link GradCam.Heatmap#upsample}, the same sampling positions; each output row first
     * interpolates the two source rows it lies between, then each pixel only the two source columns), so it costs
     * a millisecond or two at 512x512, on the inference thread.
     */
    public static Overlay of(String className, GradCam.Heatmap map, int imageWidth, int imageHeight) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(imageWidth, imageHeight));
        int w = Math.max(1, (int) Math.round(imageWidth * scale));
        int h = Math.max(1, (int) Math.round(imageHeight * scale));
        int mw = map.width();
        int mh = map.height();
        int[] x0 = new int[w];
        int[] x1 = new int[w];
        double[] wx = new double[w];
        double sx = (double) mw / w;
        for (int x = 0; x < w; x++) {
            double fx = Math.min(mw - 1, Math.max(0, (x + 0.5) * sx - 0.5));
            x0[x] = (int) fx;
            x1[x] = Math.min(mw - 1, x0[x] + 1);
            wx[x] = fx - x0[x];
        }
        float[] v = map.values();
        double sy = (double) mh / h;
        double[] between = new double[mw]; // the map's row at this output row's height
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            double fy = Math.min(mh - 1, Math.max(0, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int r0 = y0 * mw;
            int r1 = Math.min(mh - 1, y0 + 1) * mw;
            double wy = fy - y0;
            for (int k = 0; k < mw; k++) {
                between[k] = v[r0 + k] * (1 - wy) + v[r1 + k] * wy;
            }
            int row = y * w;
            for (int x = 0; x < w; x++) {
                argb[row + x] = PREMULTIPLIED[level(between[x0[x]] * (1 - wx[x]) + between[x1[x]] * wx[x])];
            }
        }
        return new Overlay(className, w, h, argb);
    }

    /** The alpha level 0..255 of a saliency (clamped to [0, 1]), rounded half up as {@link Math#round} does. */
    private static int level(double value) {
        double c = Math.max(0, Math.min(1, value));
        return (int) (c * 255 + 0.5);
    }

    private static int premultiply(int channel, int alpha) {
        return (channel * alpha + 127) / 255;
    }
}
