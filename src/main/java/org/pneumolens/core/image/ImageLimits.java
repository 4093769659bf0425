package org.pneumolens.core.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What an image may declare before it is decoded, so that a small crafted file cannot cost gigabytes or minutes
 * (issue 13). The largest radiograph detectors give about 4300x4300 pixels; the limits leave room above that:
 * <ul>
 *   <li>a file of at most {@value #MAX_FILE_BYTES} bytes (200 MB), checked before it is read;</li>
 *   <li>a side of at most {@value #MAX_SIDE} pixels and at most {@value #MAX_PIXELS} pixels in all (100 MP);
 *       progressive JPEGs, which the JDK decodes through a buffer of every coefficient, at most
 *       {@value #MAX_PROGRESSIVE_PIXELS} (36 MP);</li>
 *   <li>at most {@value #MAX_JPEG_SCANS} scans in a JPEG (a progressive one has about 10);</li>
 *   <li>above {@value #FULL_DECODE_PIXELS} pixels (25 MP, 5000x5000) an image is decoded subsampled, every
 *       n-th pixel of every n-th row, to at most that many: the network's input is at most 512 px.</li>
 * </ul>
 */
public final class ImageLimits {
    public static final long MAX_FILE_BYTES = 200L << 20;
    public static final int MAX_SIDE = 16384;
    public static final long MAX_PIXELS = 100_000_000L;
    public static final long MAX_PROGRESSIVE_PIXELS = 36_000_000L;
    public static final int MAX_JPEG_SCANS = 100;
    public static final long FULL_DECODE_PIXELS = 25_000_000L;

    private ImageLimits() {
    }

    /**
     * The subsampling step for an image of the declared size: 1 (full decode) up to {@link #FULL_DECODE_PIXELS}.
     *
     * @throws ImageDecodeException when the size is refused
     */
    static int subsampling(int width, int height, String name) throws ImageDecodeException {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(name + ": the image declares no valid size (" + width + "x" + height + ")");
        }
        long pixels = (long) width * height;
        if (width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS) {
            throw new ImageDecodeException(name + ": the image declares " + width + "x" + height + " pixels, more "
                    + "than the " + MAX_SIDE + " per side and " + MAX_PIXELS / 1_000_000 + " megapixels accepted");
        }
        int step = 1;
        while (pixels / ((long) step * step) > FULL_DECODE_PIXELS) {
            step++;
        }
        return step;
    }

    /** Checks a JPEG's markers (size, scans); returns the subsampling step its size calls for. */
    static int checkJpeg(byte[] bytes, String name) throws ImageDecodeException {
        JpegMarkers.Frame f;
        try {
            f = JpegMarkers.scan(bytes, MAX_JPEG_SCANS);
        } catch (IOException e) {
            throw new ImageDecodeException(name + ": image data is damaged or truncated (" + e.getMessage() + ")", e);
        }
        if (f.scans() > MAX_JPEG_SCANS) {
            throw new ImageDecodeException(name + ": the JPEG has more than " + MAX_JPEG_SCANS + " scans; refused");
        }
        int step = subsampling(f.width(), f.height(), name);
        if (f.progressive() && (long) f.width() * f.height() > MAX_PROGRESSIVE_PIXELS) {
            throw new ImageDecodeException(name + ": the progressive JPEG declares " + f.width() + "x" + f.height()
                    + " pixels, more than the " + MAX_PROGRESSIVE_PIXELS / 1_000_000 + " megapixels accepted");
        }
        return step;
    }

    /** The file for messages, with its folder as given, made printable. */
    public static String displayName(Path file) {
        return printable(file.toString());
    }

    /**
     * Text from a file (its name, a reader's message) as it may be printed on one line: control characters (a
     * newline that would forge an "error:" line, ANSI escapes) become {@code \\uXXXX}.
     */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x200E || c == 0x200F
                    || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
