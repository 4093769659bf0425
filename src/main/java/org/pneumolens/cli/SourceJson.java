package org.pneumolens.cli;

import com.google.gson.JsonObject;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.dicom.DicomHeader;

/**
 * The {@code "source"} object of {@code predict --json}: the file's format and size and, for DICOM, the header
 * facts that matter for reading it (modality, body part, view, transfer syntax, frames). Patient identifiers
 * appear only with {@code --show-phi}. Absent header values are left out.
 */
final class SourceJson {
    private SourceJson() {
    }

    /** The object from the facts a batch kept (no second read of the file). */
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
}
