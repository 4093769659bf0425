package org.pneumolens.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.dicom.Dicom;
import org.pneumolens.core.dicom.DicomDecoder;
import org.pneumolens.core.dicom.DicomHeader;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;

/**
 * The {@code "source"} object of {@code predict --json}: the file's format and size and, for DICOM, the header
 * facts that matter for reading it (modality, body part, view, transfer syntax, frames). Patient identifiers
 * appear only with {@code --show-phi}. Absent header values are left out.
 */
final class SourceJson {
    private SourceJson() {
    }

    static JsonObject describe(Path file, GreyImage image, boolean showPhi) {
        JsonObject o = new JsonObject();
        if (Dicom.isDicom(file)) {
            o.addProperty("format", "dicom");
            o.addProperty("width", image.width());
            o.addProperty("height", image.height());
            try {
                addDicom(o, DicomDecoder.readHeader(file), showPhi);
            } catch (ImageDecodeException e) {
                // decoded a moment ago; if it cannot be read again, the format and size are still right
            }
            return o;
        }
        o.addProperty("format", format(file));
        o.addProperty("width", image.width());
        o.addProperty("height", image.height());
        return o;
    }

    /** The same object from the facts a batch kept (no second read of the file). */
    static JsonObject describe(SourceFacts s, boolean showPhi) {
        JsonObject o = new JsonObject();
        o.addProperty("format", s.format());
        o.addProperty("width", s.width());
        o.addProperty("height", s.height());
        if (s.header() != null) {
            addDicom(o, s.header(), showPhi);
        }
        return o;
    }

    private static void addDicom(JsonObject o, DicomHeader h, boolean showPhi) {
        o.addProperty("modality", h.modality());
        o.addProperty("bodyPart", h.bodyPart());
        o.addProperty("viewPosition", h.viewPosition());
        o.addProperty("transferSyntax", h.transferSyntax().uid());
        o.addProperty("transferSyntaxName", h.transferSyntax().displayName());
        o.addProperty("frames", h.frames());
        if (h.frames() > 1) {
            o.addProperty("note", "the first of " + h.frames() + " frames was classified");
        }
        if (showPhi) {
            o.addProperty("patientName", h.patientName());
            o.addProperty("patientId", h.patientId());
            o.addProperty("patientBirthDate", h.patientBirthDate());
            o.addProperty("patientAge", h.patientAge());
            o.addProperty("patientSex", h.patientSex());
            o.addProperty("institution", h.institution());
            o.addProperty("studyDate", h.studyDate());
        }
    }

    /** png, jpeg, gif or bmp from the file's first bytes; "unknown" otherwise. */
    static String format(Path file) {
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
