package org.pneumolens.app.diagnose;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import org.pneumolens.core.dicom.Dicom;
import org.pneumolens.core.dicom.DicomDecoder;
import org.pneumolens.core.dicom.DicomImage;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;

/**
 * An image as read from its file, decoded once: the picture as decoded (colour intact, for the input check), its
 * grey version (what the model and the viewer use) and, for a DICOM file, the stored values, header and windows
 * (the viewer re-windows from those).
 *
 * @param dicom null unless the file is DICOM
 * @param shown the grey version as the viewer first shows it ({@link GreyRenderer#defaultPixels}), drawn on the
 *              reading thread so that the FX thread only wraps it; null when the viewer draws it itself (DICOM
 *              files, which open at their own window). Never written to: the viewer draws other looks elsewhere.
 */
public record LoadedImage(BufferedImage decoded, GreyImage grey, DicomImage dicom, int[] shown) {
    public LoadedImage(BufferedImage decoded, GreyImage grey, DicomImage dicom) {
        this(decoded, grey, dicom, null);
    }

    /** Reads a file: DICOM by its own reader (the default window, 8 bits, as the model sees it), others by ImageIO. */
    public static LoadedImage read(Path file) throws ImageDecodeException {
        if (Dicom.isDicom(file)) {
            DicomImage dicom = DicomDecoder.decode(file);
            BufferedImage decoded = dicom.toBufferedImage();
            return new LoadedImage(decoded, ImageDecoder.toGrey(decoded), dicom);
        }
        BufferedImage decoded = ImageDecoder.decode(file);
        GreyImage grey = ImageDecoder.toGrey(decoded);
        return new LoadedImage(decoded, grey, null, GreyRenderer.defaultPixels(grey));
    }

    /** An image known only as grey (e.g. made in a test): the check sees an 8-bit grey picture of it. */
    public static LoadedImage ofGrey(GreyImage grey) {
        BufferedImage img = new BufferedImage(grey.width(), grey.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float[] px = grey.pixels();
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (byte) Math.round(Math.max(0f, Math.min(1f, px[i])) * 255);
        }
        return new LoadedImage(img, grey, null);
    }

    public boolean isDicom() {
        return dicom != null;
    }
}
