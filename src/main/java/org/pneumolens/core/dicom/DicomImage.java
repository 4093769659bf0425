package org.pneumolens.core.dicom;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;
import org.pneumolens.core.image.GreyImage;

/**
 * A decoded DICOM image (its first frame) with what a viewer needs to present it, and re-window it later: the
 * stored pixel values, the Modality LUT (rescale slope/intercept, or a LUT), the VOI transform (the header's
 * windows, or its VOI LUT), and whether the grey scale is inverted (MONOCHROME1, or Presentation LUT Shape
 * INVERSE, applied once after the VOI step).
 *
 * <p>{@link #render()} presents the image as the file's default window does, reduced to 8 bits like the
 * training JPEGs; {@link #toGreyImage()} is that divided by 255, which is what the model sees.
 *
 * @param stored one stored value per pixel, row-major; read as {@code signed ? v : v & 0xffff} (colour images:
 *     their luma, 0..255)
 * @param modalityLut the Modality LUT Sequence's table, or null for the linear rescale
 * @param voiLut the VOI LUT Sequence's first table, or null
 * @param windows the header's windows in order (the first is the default), possibly empty
 * @param notes remarks for the user: multi-frame, colour converted to grey, and the like
 */
public record DicomImage(DicomHeader header, int width, int height, short[] stored, boolean signed, int bitsStored,
        double rescaleSlope, double rescaleIntercept, Lut modalityLut, Lut voiLut, List<Window> windows,
        boolean inverted, List<String> notes) {

    public DicomImage {
        if (stored.length != width * height) {
            throw new IllegalArgumentException("pixel count " + stored.length + " != " + width + "x" + height);
        }
        windows = List.copyOf(windows);
        notes = List.copyOf(notes);
    }

    public int storedValue(int i) {
        return signed ? stored[i] : stored[i] & 0xffff;
    }

    /** The Modality LUT applied to a stored value: rescale slope/intercept (or the LUT), e.g. Hounsfield units. */
    public double modalityValue(int storedValue) {
        return modalityLut != null ? modalityLut.lookup(storedValue) : storedValue * rescaleSlope + rescaleIntercept;
    }

    /**
     * The window {@link #render()} uses: the header's first, else (with no VOI LUT either) one spanning the modality
     * values. That is the min/max of the modality values, except for 8-bit data with no rescale, which is shown as
     * stored (0..255), as the 8-bit JPEGs it is usually made from are; null when the VOI LUT applies.
     */
    public Window defaultWindow() {
        if (!windows.isEmpty()) {
            return windows.get(0);
        }
        if (voiLut != null) {
            return null;
        }
        if (bitsStored <= 8 && !signed && modalityLut == null && rescaleSlope == 1 && rescaleIntercept == 0) {
            return new Window(1 << (bitsStored - 1), 1 << bitsStored, Window.Function.LINEAR, "full range");
        }
        return minMaxWindow();
    }

    /** A window from the smallest to the largest modality value in the image. */
    public Window minMaxWindow() {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = 0; i < stored.length; i++) {
            int v = storedValue(i);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        if (modalityLut == null) {
            double a = modalityValue(lo);
            double b = modalityValue(hi);
            min = Math.min(a, b);
            max = Math.max(a, b);
        } else {
            for (int v = lo; v <= hi; v++) {
                double m = modalityValue(v);
                min = Math.min(min, m);
                max = Math.max(max, m);
            }
        }
        // LINEAR maps [c - 0.5 - (w-1)/2, c - 0.5 + (w-1)/2] to [0, 255]: here [min, max]
        return new Window((min + max) / 2 + 0.5, Math.max(1, max - min + 1), Window.Function.LINEAR, "min/max");
    }

    /** The image as its default window presents it, 0..255 per pixel, row-major. */
    public byte[] render() {
        return render(defaultWindow());
    }

    /**
     * Modality LUT, then {@code window} (or, if it is null, the VOI LUT), then the inversion, to 8 bits: one table
     * over every possible stored value, then one lookup per pixel.
     */
    public byte[] render(Window window) {
        int bits = Math.max(1, Math.min(16, bitsStored));
        int size = 1 << bits;
        int base = signed ? -(size >> 1) : 0;
        byte[] table = new byte[size];
        for (int i = 0; i < size; i++) {
            double m = modalityValue(base + i);
            double y;
            if (window != null) {
                y = window.apply(m);
            } else if (voiLut != null) {
                y = voiLut.lookup((int) Math.round(m)) * 255.0 / voiLut.maxOutput();
            } else {
                y = Math.max(0, Math.min(255, m));
            }
            int g = (int) Math.round(Math.max(0, Math.min(255, y)));
            table[i] = (byte) (inverted ? 255 - g : g);
        }
        byte[] out = new byte[stored.length];
        int mask = size - 1;
        for (int i = 0; i < out.length; i++) {
            out[i] = table[(stored[i] - base) & mask];
        }
        return out;
    }

    /** {@link #render()} as an 8-bit grey image. */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(render(), 0, dst, 0, dst.length);
        return img;
    }

    /** What the model sees: {@link #render()} in [0, 1]. */
    public GreyImage toGreyImage() {
        byte[] g = render();
        float[] px = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            px[i] = (g[i] & 0xff) / 255f;
        }
        return new GreyImage(width, height, px);
    }
}
