package org.pneumolens.app.diagnose;

import java.util.List;
import java.util.Set;
import org.pneumolens.core.dicom.DicomHeader;

/**
 * The DICOM header as the Diagnose tab and the exported report show it. Patient name, ID, birth date, age and
 * sex and the institution are hidden unless the user turns on "Show patient identifiers" (age and sex are not
 * identifying on their own, but with the study date they narrow a patient down; they stay with the others).
 */
public final class DicomHeaderRows {
    /** Fields {@link DicomHeader#fields(boolean)} shows always but this view hides with the identifiers. */
    static final Set<String> WITH_IDENTIFIERS = Set.of("Age", "Sex");

    private DicomHeaderRows() {
    }

    public static List<DicomHeader.Field> of(DicomHeader header, boolean showIdentifiers) {
        return header.fields(showIdentifiers).stream()
                .filter(f -> showIdentifiers || !WITH_IDENTIFIERS.contains(f.label()))
                .toList();
    }

    /** True when something is hidden that the toggle would show. */
    public static boolean hidesSomething(DicomHeader header) {
        return header.hasIdentifyingFields() || header.patientAge() != null || header.patientSex() != null;
    }
}
