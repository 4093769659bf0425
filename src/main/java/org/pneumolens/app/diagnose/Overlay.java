package org.pneumolens.app.diagnose;

import org.pneumolens.core.model.GradCam;

/**
 * A Grad-CAM map coloured for display: ARGB pixels covering exactly the whole image (the model sees the whole
 * image squashed to a square, so the map's extent is the image's extent). It may be smaller than the image; the
 * viewer stretches it over the image's full width and height, which keeps it aligned at every zoom and pan.
 */
public record Overlay(String className, int width, int height, int[] argb) {
    /** Longest side of the coloured map; larger adds nothing to a bilinear upsampling of a 14x14 map. */
    static final int MAX_SIDE = 1024;

    /**
     * Colours a map for an image of the given size. Alpha grows linearly with the saliency and is zero where the
     * map is zero, so the radiograph shows through where the model found no evidence.
     */
    public static Overlay of(String className, GradCam.Heatmap map, int imageWidth, int imageHeight) {
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(imageWidth, imageHeight));
        int w = Math.max(1, (int) Math.round(imageWidth * scale));
        int h = Math.max(1, (int) Math.round(imageHeight * scale));
        float[] values = map.upsample(w, h);
        int[] argb = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = Math.max(0, Math.min(1, values[i]));
            int alpha = (int) Math.round(v * 255);
            argb[i] = alpha << 24 | ColorMap.rgb(v);
        }
        return new Overlay(className, w, h, argb);
    }
}
