package org.pneumolens.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG (8/16-bit, grey, RGB, palette), JPEG (grey, RGB, CMYK through TwelveMonkeys), BMP and GIF
 * (first frame) into a {@link GreyImage}. Every failure becomes an {@link ImageDecodeException} whose message
 * names the file and the reason, so callers can show it to a user as it is. Grey JPEGs, the usual X-ray, take a
 * quicker route ({@link GreyJpegReader}) to the same pixels.
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

    public static GreyImage decodeGrey(Path file) throws ImageDecodeException {
        return toGrey(decode(file));
    }

    /**
     * {@code Resampler.resize(decodeGrey(file), width, height)} with the same result, faster: a grey 8-bit image is
     * resized straight from its decoded bytes (see {@code GreyConversion.toGreyResized}). For training, evaluation
     * and the benchmark, which never need the full-resolution image.
     */
    public static GreyImage decodeGrey(Path file, int width, int height) throws ImageDecodeException {
        return GreyConversion.toGreyResized(decode(file), width, height);
    }

    public static BufferedImage decode(Path file) throws ImageDecodeException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(name + ": file not found");
        } catch (IOException e) {
            throw new ImageDecodeException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (Files.isDirectory(file)) {
            throw new ImageDecodeException(name + ": is a folder, not an image");
        }
        if (size == 0) {
            throw new ImageDecodeException(name + ": file is empty");
        }
        if (org.pneumolens.core.dicom.Dicom.isDicom(file)) {
            return org.pneumolens.core.dicom.DicomDecoder.decodeRendered(file); // the default window, 8-bit grey
        }
        BufferedImage greyJpeg = GreyJpegReader.read(file); // null: not one, or not a clean one; go the general way
        if (greyJpeg != null) {
            return greyJpeg;
        }
        // The whole file is read into memory and decoded through a memory-cached stream. ImageIO's own
        // createImageInputStream would, with ImageIO's default setting, first copy a file stream into a temporary
        // file on disk, which cost about 2 ms per X-ray. A radiograph is a few MB at most.
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(name + ": not a supported image (PNG, JPEG, BMP or GIF)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                reader.setInput(iis, true, true);
                // Index 0: the first frame of a GIF, the only image of the other formats.
                BufferedImage img = reader.read(0);
                // A truncated JPEG decodes "successfully" with its missing part painted grey; the reader only
                // warns. Classifying half an X-ray would be worse than refusing it.
                for (String w : warnings) {
                    String lower = w.toLowerCase(Locale.ROOT);
                    if (lower.contains("premature end") || lower.contains("truncat") || lower.contains("corrupt")) {
                        throw new ImageDecodeException(name + ": image data is damaged or truncated (" + w + ")");
                    }
                }
                if (img == null || img.getWidth() <= 0 || img.getHeight() <= 0) {
                    throw new ImageDecodeException(name + ": image has no pixels");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports truncated data as IIOException, EOFException or, for some codecs,
            // IndexOutOfBounds/IllegalArgument: all mean the same thing to the user.
            throw new ImageDecodeException(name + ": image data is damaged or truncated (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * Converts any decoded image to grey in [0, 1]. 16-bit samples keep their full range; colour is reduced
     * with Rec. 601 luma weights (chest X-rays saved as RGB have three equal channels, so this is exact for them).
     */
    public static GreyImage toGrey(BufferedImage img) {
        return GreyConversion.toGrey(img);
    }
}
