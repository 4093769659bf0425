package org.pneumolens.core.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A baseline JPEG ({@link ScaledJpegDecoder}) or a grey progressive one ({@link ProgressiveJpegDecoder}) decoded at
 * 1/2, 1/4 or 1/8 of its size for a caller that wants a small image: the largest reduction that still leaves at
 * least the size asked for. Anything else (not a JPEG, a JPEG the decoders do not handle, one that
 * {@link ImageLimits} refuses, damaged data, or no reduction possible) is answered with null, and the caller
 * decodes the file the usual way, which gives the same image or message as before.
 *
 * <p>{@code -Dpneumolens.jpeg.reduced=false} turns this path off (to compare the two in the benchmark).
 */
public final class ReducedJpeg {
    /**
     * The reduced grey (or luma) image, the size the file declares, and its component count: 1 for a grey JPEG, 3
     * for a colour one (whose colour this image has dropped).
     */
    public record Result(GreyImage image, int width, int height, int factor, int components) {
    }

    private ReducedJpeg() {
    }

    static boolean enabled() {
        return !"false".equals(System.getProperty("pneumolens.jpeg.reduced"));
    }

    /** The file reduced to at least {@code minW} x {@code minH}, or null if this path does not handle it. */
    public static Result read(Path file, int minW, int minH) {
        if (!enabled() || minW <= 0 || minH <= 0) {
            return null;
        }
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            long size = Files.size(file);
            if (size < 4 || size > ImageLimits.MAX_FILE_BYTES || !startsLikeJpeg(file)) {
                return null;
            }
            return decode(Files.readAllBytes(file), ImageLimits.displayName(file), minW, minH);
        } catch (IOException | RuntimeException e) {
            return null; // the usual path reads the file again and says what is wrong with it
        }
    }

    /** {@link #read} for bytes already in memory. */
    static Result decode(byte[] bytes, String name, int minW, int minH) {
        if (!enabled()) {
            return null;
        }
        try {
            if (ImageLimits.checkJpeg(bytes, name) != 1) {
                return null;
            }
            JpegHeader header = JpegHeader.parse(bytes);
            if (header == null) {
                return ProgressiveJpegDecoder.decode(bytes, minW, minH); // null unless grey progressive
            }
            int factor = ScaledJpegDecoder.factorFor(header.width, header.height, minW, minH);
            if (factor == 1) {
                return null;
            }
            GreyImage image = ScaledJpegDecoder.decode(header, bytes, factor);
            return image == null ? null : new Result(image, header.width, header.height, factor,
                    header.components.length);
        } catch (ImageDecodeException | RuntimeException e) {
            return null; // refused or damaged: the usual path gives its message
        }
    }

    private static boolean startsLikeJpeg(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && ImageFormat.sniff(head) == ImageFormat.JPEG;
        }
    }
}
