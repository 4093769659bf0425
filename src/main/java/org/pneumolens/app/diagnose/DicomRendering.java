package org.pneumolens.app.diagnose;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.pneumolens.core.dicom.DicomImage;
import org.pneumolens.core.dicom.Window;

/**
 * Draws a DICOM image as a DICOM viewer does: from its stored values, through its Modality LUT, the chosen window
 * (in the file's own units, so a 12-bit file keeps its 4096 levels however narrow the window) and its grey-scale
 * sense (MONOCHROME1 is inverted by {@link DicomImage#render(Window)}; the Invert button inverts once more).
 */
final class DicomRendering {
    private DicomRendering() {
    }

    /** The window the viewer's fractions of {@code scale} stand for, with the header's VOI LUT function. */
    static Window window(DicomImage dicom, WindowScale scale, double levelFraction, double windowFraction) {
        Window base = dicom.defaultWindow();
        Window.Function fn = base == null ? Window.Function.LINEAR : base.function();
        double width = scale.widthValue(Math.max(0, Math.min(1, windowFraction)));
        if (fn == Window.Function.LINEAR) {
            width = Math.max(1, width);
        }
        return new Window(scale.levelValue(Math.max(0, Math.min(1, levelFraction))), Math.max(1e-6, width), fn, null);
    }

    /** Renders into {@code target} when it has the image's size, else a new image. */
    static WritableImage render(DicomImage dicom, Window window, boolean invert, WritableImage target) {
        int w = dicom.width();
        int h = dicom.height();
        WritableImage out = target != null && (int) target.getWidth() == w && (int) target.getHeight() == h
                ? target : new WritableImage(w, h);
        byte[] grey = dicom.render(window);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            int base = y * w;
            for (int x = 0; x < w; x++) {
                int g = grey[base + x] & 0xff;
                if (invert) {
                    g = 255 - g;
                }
                row[x] = 0xff000000 | g << 16 | g << 8 | g;
            }
            out.getPixelWriter().setPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
        }
        return out;
    }
}
