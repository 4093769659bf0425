package org.pneumolens.app.diagnose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pneumolens.core.dicom.Dicom;
import org.pneumolens.core.image.ImageDecoder;

/**
 * Decides what a drop of files onto the window means: one image to open, or a message saying why not. DICOM files
 * come as .dcm or .dicom, or with no extension at all (as PACS exports often do): those open when they start with
 * the DICOM preamble.
 */
public record FileDrop(Path image, String problem) {
    public static FileDrop of(List<Path> files) {
        if (files == null || files.isEmpty()) {
            return new FileDrop(null, "Nothing to open: drop an image file (PNG, JPEG, BMP, GIF or DICOM).");
        }
        if (files.size() > 1) {
            return new FileDrop(null, files.size() + " files were dropped; drop one image at a time.");
        }
        Path file = files.get(0);
        if (Files.isDirectory(file)) {
            return new FileDrop(null, file.getFileName() + " is a folder; drop one image file.");
        }
        boolean dicomWithoutExtension = Dicom.hasNoExtension(file) && Dicom.startsWithPreamble(file);
        if (!ImageDecoder.hasImageExtension(file) && !dicomWithoutExtension) {
            return new FileDrop(null, file.getFileName()
                    + " is not an image PneumoLens opens (PNG, JPEG, BMP, GIF or DICOM).");
        }
        return new FileDrop(file, null);
    }

    public boolean accepted() {
        return image != null;
    }
}
