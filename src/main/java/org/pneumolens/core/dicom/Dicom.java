package org.pneumolens.core.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Recognising DICOM files: by extension, or by the "DICM" marker after the 128-byte preamble. */
public final class Dicom {
    /** File extensions taken as DICOM (files without an extension are recognised by their preamble). */
    public static final Set<String> EXTENSIONS = Set.of("dcm", "dicom");

    private Dicom() {
    }

    public static boolean hasDicomExtension(Path file) {
        String ext = extension(file);
        return ext != null && EXTENSIONS.contains(ext);
    }

    /** True for a file with no extension at all (as PACS exports often are). */
    public static boolean hasNoExtension(Path file) {
        return extension(file) == null;
    }

    /** True if the first bytes of a file ({@code length} of them) hold "DICM" at offset 128. */
    public static boolean hasMagic(byte[] head, int length) {
        return DicomParser.hasMagic(head, length);
    }

    /** True if the file starts with a DICOM preamble and "DICM"; false if it does not or cannot be read. */
    public static boolean startsWithPreamble(Path file) {
        byte[] head = new byte[132];
        try (InputStream in = Files.newInputStream(file)) {
            return hasMagic(head, in.readNBytes(head, 0, head.length));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A file to read as DICOM: a .dcm/.dicom name, or the DICOM preamble whatever the name. */
    public static boolean isDicom(Path file) {
        return hasDicomExtension(file) || startsWithPreamble(file);
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        String s = name.toString().toLowerCase(Locale.ROOT);
        int dot = s.lastIndexOf('.');
        return dot <= 0 ? null : s.substring(dot + 1);
    }
}
