package org.pneumolens.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG (8/16-bit, grey, RGB, palette), JPEG (grey, RGB, CMYK through TwelveMonkeys), BMP and GIF
 * (first frame) into a {@link GreyImage}. Every failure becomes an {@link ImageDecodeException} whose message
 * names the file and the reason, so callers can show it to a user as it is. Grey JPEGs, the usual X-ray, take a
 * quicker route ({@link GreyJpegReader}) to the same pixels.
 *
 * <p>Every file may be crafted: the format is recognised from its first bytes and read only by the JDK's (or, for
 * JPEG, TwelveMonkeys') reader for it, never by whatever other ImageIO plugin is on the class path; the file size,
 * declared pixel size and JPEG scan count are checked before decoding ({@link ImageLimits}).
 */
public final class ImageDecoder {
    /** File extensions offered in file choosers and accepted when scanning datasets. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "dcm", "dicom");

    private ImageDecoder() {
    }

    public static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** Whether a file starting with {@code head} (16 bytes suffice) is PNG, JPEG, BMP or GIF by its magic bytes. */
    /** "png", "jpeg", "bmp" or "gif" for a file starting with {@code head} (16 bytes suffice), else "unknown". */
    public static String formatName(byte[] head) {
        ImageFormat f = ImageFormat.sniff(head);
        return f == null ? "unknown" : f.name().toLowerCase(Locale.ROOT);
    }

    public static boolean looksLikeImage(byte[] head) {
        return ImageFormat.sniff(head) != null;
    }

    public static GreyImage decodeGrey(Path file) throws ImageDecodeException {
        return toGrey(decode(file));
    }

    /**
     * {@code Resampler.resize(decodeGrey(file), width, height)}, faster: a grey 8-bit image is
     * resized straight from its decoded bytes (see {@code GreyConversion.toGreyResized}). For training, evaluation
     * and the benchmark, which never need the full-resolution image.
     *
     * <p>A baseline JPEG at least twice the size asked for is first decoded at 1/2, 1/4 or 1/8 scale from its DCT
     * coefficients ({@link ReducedJpeg}), then resized the same way: the result then differs from the full decode's
     * by the rounding of the reduced transform (about 0.1-0.3 of a grey level on average on the sample X-rays).
     */
    public static GreyImage decodeGrey(Path file, int width, int height) throws ImageDecodeException {
        ReducedJpeg.Result reduced = ReducedJpeg.read(file, width, height);
        if (reduced != null) {
            return Resampler.resize(reduced.image(), width, height);
        }
        return GreyConversion.toGreyResized(decode(file), width, height);
    }

    public static BufferedImage decode(Path file) throws ImageDecodeException {
        String name = ImageLimits.displayName(file);
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageDecodeException(name + ": is a folder, not an image");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(name + ": file not found");
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageDecodeException(name + ": cannot be read ("
                    + ImageLimits.printable(String.valueOf(e.getMessage())) + ")", e);
        }
        if (size == 0) {
            throw new ImageDecodeException(name + ": file is empty");
        }
        if (org.pneumolens.core.dicom.Dicom.isDicom(file)) {
            // DICOM has its own reader with its own limits (core.dicom.DicomLimits); the default window, 8-bit grey.
            return org.pneumolens.core.dicom.DicomDecoder.decodeRendered(file);
        }
        if (size > ImageLimits.MAX_FILE_BYTES) {
            throw new ImageDecodeException(name + ": file is " + (size >> 20) + " MB, more than the "
                    + (ImageLimits.MAX_FILE_BYTES >> 20) + " MB accepted for an image");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            ImageFormat format = ImageFormat.sniff(bytes);
            if (format == null) {
                throw new ImageDecodeException(name + ": not a supported image (PNG, JPEG, BMP, GIF or DICOM)");
            }
            if (format == ImageFormat.JPEG) {
                int subsampling = ImageLimits.checkJpeg(bytes, name);
                // Grey JPEGs, nearly every X-ray, take the quicker route unless they are to be subsampled.
                BufferedImage greyJpeg = subsampling == 1 ? GreyJpegReader.read(file) : null;
                if (greyJpeg != null) {
                    return greyJpeg;
                }
            }
            return read(bytes, format, name);
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException | LinkageError | OutOfMemoryError | StackOverflowError e) {
            // ImageIO reports truncated data as IIOException, EOFException or, for some codecs,
            // IndexOutOfBounds/IllegalArgument: all mean the same thing to the user.
            throw new ImageDecodeException(name + ": image data is damaged or truncated (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + ImageLimits.printable(e.getMessage())) + ")", e);
        }
    }

    /**
     * Decodes with the one reader chosen for the format ({@link ImageFormat}): the declared size is checked
     * before any pixel is read, and an image larger than {@link ImageLimits#FULL_DECODE_PIXELS} is decoded
     * subsampled. The whole file is read into memory and decoded through a memory-cached stream: ImageIO's own
     * createImageInputStream would first copy a file stream into a temporary file on disk (~2 ms per X-ray).
     */
    private static BufferedImage read(byte[] bytes, ImageFormat format, String name) throws IOException {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = format.createReader(iis);
            if (reader == null) {
                throw new ImageDecodeException(name + ": not a readable " + format + " image");
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(iis, true, true);
                // Index 0: the first frame of a GIF, the only image of the other formats.
                int subsampling = ImageLimits.subsampling(reader.getWidth(0), reader.getHeight(0), name);
                ImageReadParam param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                BufferedImage img = reader.read(0, param);
                // A truncated JPEG decodes "successfully" with its missing part painted grey; the reader only
                // warns. Classifying half an X-ray would be worse than refusing it.
                for (String w : warnings) {
                    String lower = w.toLowerCase(Locale.ROOT);
                    if (lower.contains("premature end") || lower.contains("truncat") || lower.contains("corrupt")) {
                        throw new ImageDecodeException(name + ": image data is damaged or truncated ("
                                + ImageLimits.printable(w) + ")");
                    }
                }
                if (img == null || img.getWidth() <= 0 || img.getHeight() <= 0) {
                    throw new ImageDecodeException(name + ": image has no pixels");
                }
                return img;
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Converts any decoded image to grey in [0, 1]. 16-bit samples keep their full range; colour is reduced
     * with Rec. 601 luma weights (chest X-rays saved as RGB have three equal channels, so this is exact for them).
     */
    public static GreyImage toGrey(BufferedImage img) {
        return GreyConversion.toGrey(img);
    }

    /**
     * {@code Resampler.resize(toGrey(img), width, height)} with the same floats, without the full-size float image
     * for plain 8-bit grey rasters: for callers that need the decoded image too (the input check's colour signal).
     */
    public static GreyImage toGreyResized(BufferedImage img, int width, int height) {
        return GreyConversion.toGreyResized(img, width, height);
    }
}
