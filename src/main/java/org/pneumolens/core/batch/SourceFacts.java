package org.pneumolens.core.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pneumolens.core.dicom.DicomHeader;

/**
 * What a file is, as {@code predict --json} describes it: its format and pixel size and, for DICOM, its header
 * (whose identifying fields only {@link DicomHeader#fields(boolean)} with {@code true} shows).
 *
 * @param header the DICOM header, or null for other formats
 */
public record SourceFacts(String format, int width, int height, DicomHeader header) {
    public static SourceFacts dicom(int width, int height, DicomHeader header) {
        return new SourceFacts("dicom", width, height, header);
    }

    /** png, jpeg, gif or bmp from the file's first bytes; "unknown" otherwise. */
    public static String sniffFormat(Path file) {
        byte[] h = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, 4);
        } catch (IOException e) {
            return "unknown";
        }
        if (n >= 4 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
            return "png";
        }
        if (n >= 2 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8) {
            return "jpeg";
        }
        if (n >= 3 && h[0] == 'G' && h[1] == 'I' && h[2] == 'F') {
            return "gif";
        }
        if (n >= 2 && h[0] == 'B' && h[1] == 'M') {
            return "bmp";
        }
        return "unknown";
    }
}
