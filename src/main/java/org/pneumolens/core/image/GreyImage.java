package org.pneumolens.core.image;

/**
 * A single-channel image with intensities in [0, 1], row-major ({@code pixels[y * width + x]}).
 * Radiographs carry no colour, so every decoder path ends here.
 */
public record GreyImage(int width, int height, float[] pixels) {
    public GreyImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty image: " + width + "x" + height);
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixel count " + pixels.length + " != " + width + "x" + height);
        }
    }

    public float get(int x, int y) {
        return pixels[y * width + x];
    }
}
