package org.pneumolens.core.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pneumolens.core.dicom.DicomHeader;
import org.pneumolens.core.image.ImageDecoder;

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

    /** png, jpeg, gif or bmp from the file's first bytes (the decoder's own sniffing); "unknown" otherwise. */
    public static String sniffFormat(Path file) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return "unknown";
        }
        return ImageDecoder.formatName(java.util.Arrays.copyOf(head, n));
    }
}
