package org.pneumolens.core.dicom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pneumolens.core.image.ImageDecodeException;

/**
 * Reads a DICOM file's header, or its first frame through the viewer's pixel pipeline ({@link DicomImage}). Every
 * failure is an {@link ImageDecodeException} of one line naming the file. A file is read whole into memory, up to
 * {@link #MAX_FILE_BYTES}; nothing larger is allocated from what the file declares (see {@link DicomParser}).
 */
public final class DicomDecoder {
    /** The largest DICOM file opened: 512 MiB, several times a multi-frame radiograph series. */
    public static final long MAX_FILE_BYTES = 512L << 20;

    private DicomDecoder() {
    }

    public static DicomHeader readHeader(Path file) throws ImageDecodeException {
        String name = nameOf(file);
        DicomParser.Parsed parsed = parse(read(file), name);
        return DicomHeader.from(parsed.dataset(), parsed.syntax());
    }

    public static DicomImage decode(Path file) throws ImageDecodeException {
        return decode(read(file), nameOf(file));
    }

    /** The first frame as its default window presents it, 8-bit grey. */
    public static BufferedImage decodeRendered(Path file) throws ImageDecodeException {
        return decode(file).toBufferedImage();
    }

    public static DicomImage decode(byte[] bytes, String name) throws ImageDecodeException {
        DicomParser.Parsed parsed = parse(bytes, name);
        DicomDataset ds = parsed.dataset();
        DicomHeader header = DicomHeader.from(ds, parsed.syntax());
        try {
            String noImage = header.noImageReason().orElse(null);
            if (noImage != null) {
                throw new DicomFormatException(noImage);
            }
            PixelFormat format = PixelFormat.of(ds, header.frames());
            Frame frame = FrameReader.firstFrame(ds, format, parsed.syntax());
            return toImage(ds, header, format, frame);
        } catch (DicomFormatException e) {
            throw new ImageDecodeException(name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // a malformed file this reader did not foresee: still one line for the user, never a stack trace
            throw new ImageDecodeException(name + ": damaged DICOM file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static DicomImage toImage(DicomDataset ds, DicomHeader header, PixelFormat format, Frame frame) {
        List<String> notes = new ArrayList<>();
        if (header.frames() > 1) {
            notes.add("multi-frame file (" + header.frames() + " frames): the first frame is shown and classified");
        }
        if (frame.colour()) {
            notes.add("colour image (" + format.photometric() + ") converted to grey");
            return new DicomImage(header, frame.width(), frame.height(), frame.values(), false, 8, 1, 0, null, null,
                    List.of(), false, notes);
        }
        Double slope = ds.number(Tags.RESCALE_SLOPE, 0);
        Double intercept = ds.number(Tags.RESCALE_INTERCEPT, 0);
        if (slope != null && slope == 0) {
            notes.add("rescale slope 0 ignored");
            slope = null;
        }
        Lut modalityLut = slope == null && intercept == null ? Lut.firstOf(ds, Tags.MODALITY_LUT_SEQUENCE) : null;
        Window.Function function = switch (String.valueOf(ds.string(Tags.VOI_LUT_FUNCTION)).toUpperCase(Locale.ROOT)) {
            case "LINEAR_EXACT" -> Window.Function.LINEAR_EXACT;
            case "SIGMOID" -> Window.Function.SIGMOID;
            default -> Window.Function.LINEAR;
        };
        double[] centers = ds.numbers(Tags.WINDOW_CENTER);
        double[] widths = ds.numbers(Tags.WINDOW_WIDTH);
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            if (widths[i] >= 1 || function != Window.Function.LINEAR && widths[i] > 0) {
                windows.add(new Window(centers[i], widths[i], function, ds.string(Tags.WINDOW_EXPLANATION, i)));
            }
        }
        Lut voiLut = Lut.firstOf(ds, Tags.VOI_LUT_SEQUENCE);
        boolean inverted = format.photometric().equals("MONOCHROME1")
                || "INVERSE".equalsIgnoreCase(ds.string(Tags.PRESENTATION_LUT_SHAPE));
        return new DicomImage(header, frame.width(), frame.height(), frame.values(), frame.signed(),
                frame.bitsStored(), slope == null ? 1 : slope, intercept == null ? 0 : intercept, modalityLut, voiLut,
                windows, inverted, notes);
    }

    private static DicomParser.Parsed parse(byte[] bytes, String name) throws ImageDecodeException {
        try {
            return DicomParser.parse(bytes);
        } catch (DicomFormatException e) {
            throw new ImageDecodeException(name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ImageDecodeException(name + ": damaged DICOM file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static byte[] read(Path file) throws ImageDecodeException {
        String name = nameOf(file);
        try {
            if (Files.isDirectory(file)) {
                throw new ImageDecodeException(name + ": is a folder, not an image");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImageDecodeException(name + ": DICOM file of " + (size >> 20) + " MiB is larger than the "
                        + (MAX_FILE_BYTES >> 20) + " MiB PneumoLens opens");
            }
            if (size == 0) {
                throw new ImageDecodeException(name + ": file is empty");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(name + ": file not found");
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageDecodeException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Named as every other image error is: with its folder, control characters escaped. */
    private static String nameOf(Path file) {
        return org.pneumolens.core.image.ImageLimits.displayName(file);
    }
}
