package org.pneumolens.core.dicom;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Hands a compressed frame to an ImageIO codec: TwelveMonkeys' JPEG reader (baseline, extended, progressive and
 * lossless) or jai-imageio's JPEG 2000 reader. The size the codec announces is checked before it decodes, and the
 * decoded pixels are checked to have come back (a 12-bit lossy JPEG may decode to nothing without an error).
 */
final class CodecFrames {
    private CodecFrames() {
    }

    static Frame decode(byte[] frame, PixelFormat f, TransferSyntax syntax) throws DicomFormatException {
        boolean jpeg = syntax.codec() == TransferSyntax.Codec.JPEG;
        int precision = jpeg ? JpegMarkers.precision(frame) : -1;
        boolean lossy12 = jpeg && precision > 8 && !isLossless(syntax);
        List<ImageReader> readers = readers(jpeg ? "jpeg" : "jpeg2000",
                jpeg ? "com.twelvemonkeys." : "com.github.jaiimageio.");
        if (readers.isEmpty()) {
            throw new DicomFormatException("is compressed with " + syntax.displayName()
                    + ", and no decoder for it is installed");
        }
        // The preferred codec first; if it fails, the others (the JDK's JPEG reader takes some streams that
        // TwelveMonkeys rejects). The first failure is the one reported.
        DicomFormatException first = null;
        try {
            for (ImageReader reader : readers) {
                try {
                    return decode(reader, frame, f, syntax, jpeg, lossy12, precision);
                } catch (DicomFormatException e) {
                    if (e.getMessage().startsWith("damaged: the compressed frame is")) {
                        throw e; // a size mismatch is the file's fault, whatever the codec
                    }
                    first = first == null ? e : first;
                }
            }
        } finally {
            readers.forEach(ImageReader::dispose);
        }
        throw first;
    }

    private static Frame decode(ImageReader reader, byte[] frame, PixelFormat f, TransferSyntax syntax, boolean jpeg,
            boolean lossy12, int precision) throws DicomFormatException {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
            reader.setInput(iis, false, true); // not seek-forward-only: some JPEGs make the reader look back
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0 || (long) w * h > PixelFormat.MAX_PIXELS) {
                throw new DicomFormatException("damaged: the compressed frame is said to be " + w + " x " + h
                        + " pixels");
            }
            if (w != f.columns() || h != f.rows()) {
                throw new DicomFormatException("damaged: the compressed frame is " + w + " x " + h
                        + " pixels but the header says " + f.columns() + " x " + f.rows());
            }
            BufferedImage img = reader.read(0);
            Frame out = img == null ? null : toFrame(img, f, jpeg);
            if (out == null || (lossy12 && allZero(out.values()))) {
                throw refusal(syntax, precision);
            }
            return out;
        } catch (DicomFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (lossy12) {
                throw refusal(syntax, precision);
            }
            throw new DicomFormatException("damaged: the " + syntax.displayName() + " frame cannot be decoded ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static DicomFormatException refusal(TransferSyntax syntax, int precision) {
        return new DicomFormatException("is compressed with " + (precision > 8 ? precision + "-bit " : "")
                + syntax.displayName() + ", which PneumoLens cannot decode");
    }

    private static boolean isLossless(TransferSyntax s) {
        return s == TransferSyntax.JPEG_LOSSLESS || s == TransferSyntax.JPEG_LOSSLESS_SV1;
    }

    /** Every installed reader of the format, those from {@code preferredPackage} first. */
    private static List<ImageReader> readers(String format, String preferredPackage) {
        List<ImageReader> preferred = new ArrayList<>();
        List<ImageReader> others = new ArrayList<>();
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext();) {
            ImageReader r = it.next();
            (r.getClass().getName().startsWith(preferredPackage) ? preferred : others).add(r);
        }
        preferred.addAll(others);
        return preferred;
    }

    private static Frame toFrame(BufferedImage img, PixelFormat f, boolean jpeg) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        short[] out = new short[w * h];
        if (r.getNumBands() == 1 && img.getColorModel().getNumComponents() == 1) {
            int bits = Math.min(16, img.getColorModel().getComponentSize(0));
            int stored = Math.min(f.bitsStored(), bits);
            int mask = (1 << stored) - 1;
            int signBit = 1 << (stored - 1);
            boolean signed = f.signed() && jpeg; // lossless JPEG keeps the two's complement bit pattern
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(r.getMinX(), r.getMinY() + y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = signed ? row[x] & mask : row[x];
                    if (signed && (v & signBit) != 0) {
                        v -= mask + 1;
                    }
                    out[y * w + x] = (short) v;
                }
            }
            return new Frame(w, h, out, f.signed(), f.monochrome() ? Math.max(stored, 1) : 8, false);
        }
        if (r.getNumBands() < 3) {
            return null;
        }
        int[] argb = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, argb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = argb[x];
                out[y * w + x] = (short) Math.min(255, Math.round(0.299f * ((p >> 16) & 0xff)
                        + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff)));
            }
        }
        return new Frame(w, h, out, false, 8, true);
    }

    private static boolean allZero(short[] v) {
        for (short s : v) {
            if (s != 0) {
                return false;
            }
        }
        return true;
    }
}
