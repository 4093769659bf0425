package org.pneumolens.core.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a DICOM file says about itself: the acquisition facts (modality, body part, view), the study, the patient,
 * and the image encoding. Patient-identifying fields are kept here but {@link #fields(boolean)} leaves them out
 * unless asked, and {@link #toString()} never shows them. Absent values are null (numbers: 0).
 *
 * @param pixelSpacing row and column spacing in mm (Pixel Spacing, else Imager Pixel Spacing), or empty
 */
public record DicomHeader(
        String modality,
        String bodyPart,
        String viewPosition,
        String patientName,
        String patientId,
        String patientBirthDate,
        String patientAge,
        String patientSex,
        String studyDate,
        String studyDescription,
        String seriesDescription,
        String institution,
        String manufacturer,
        List<Double> pixelSpacing,
        TransferSyntax transferSyntax,
        int frames,
        String sopClassUid,
        String photometric,
        int rows,
        int columns,
        int bitsStored,
        boolean hasPixelData) {

    /** One labelled value for display; {@code identifying} fields name or locate the patient. */
    public record Field(String label, String value, boolean identifying) {
    }

    public DicomHeader {
        pixelSpacing = List.copyOf(pixelSpacing);
    }

    static DicomHeader from(DicomDataset ds, TransferSyntax syntax) {
        double[] spacing = ds.numbers(Tags.PIXEL_SPACING);
        if (spacing.length < 2) {
            spacing = ds.numbers(Tags.IMAGER_PIXEL_SPACING);
        }
        List<Double> ps = spacing.length >= 2 ? List.of(spacing[0], spacing[1]) : List.of();
        Double frames = ds.number(Tags.NUMBER_OF_FRAMES, 0);
        boolean pixels = ds.contains(Tags.PIXEL_DATA) || ds.contains(Tags.FLOAT_PIXEL_DATA)
                || ds.contains(Tags.DOUBLE_PIXEL_DATA);
        return new DicomHeader(
                upper(ds.string(Tags.MODALITY)), upper(ds.string(Tags.BODY_PART_EXAMINED)),
                upper(ds.string(Tags.VIEW_POSITION)),
                personName(ds.string(Tags.PATIENT_NAME)), ds.string(Tags.PATIENT_ID),
                ds.string(Tags.PATIENT_BIRTH_DATE), ds.string(Tags.PATIENT_AGE), ds.string(Tags.PATIENT_SEX),
                ds.string(Tags.STUDY_DATE), ds.string(Tags.STUDY_DESCRIPTION), ds.string(Tags.SERIES_DESCRIPTION),
                ds.string(Tags.INSTITUTION_NAME), ds.string(Tags.MANUFACTURER), ps, syntax,
                frames == null || frames < 1 ? 1 : (int) Math.min(Integer.MAX_VALUE, frames.longValue()),
                ds.string(Tags.SOP_CLASS_UID), upper(ds.string(Tags.PHOTOMETRIC)),
                Math.max(0, ds.uint16(Tags.ROWS, 0)), Math.max(0, ds.uint16(Tags.COLUMNS, 0)),
                Math.max(0, ds.uint16(Tags.BITS_STORED, 0)), pixels);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** "Doe^John^^^" becomes "Doe John"; the first (alphabetic) representation only. */
    private static String personName(String pn) {
        if (pn == null) {
            return null;
        }
        String alphabetic = pn.split("=", -1)[0];
        String joined = String.join(" ", alphabetic.split("\\^")).replaceAll("\\s+", " ").strip();
        return joined.isEmpty() ? null : joined;
    }

    /**
     * The header for display, in a fixed order, absent fields left out. Patient name, ID and birth date and the
     * institution are included only when {@code showIdentifying}.
     */
    public List<Field> fields(boolean showIdentifying) {
        List<Field> out = new ArrayList<>();
        add(out, "Patient name", patientName, true, showIdentifying);
        add(out, "Patient ID", patientId, true, showIdentifying);
        add(out, "Birth date", patientBirthDate, true, showIdentifying);
        add(out, "Age", patientAge, false, true);
        add(out, "Sex", patientSex, false, true);
        add(out, "Modality", modality, false, true);
        add(out, "Body part", bodyPart, false, true);
        add(out, "View position", viewPosition, false, true);
        add(out, "Study date", studyDate, false, true);
        add(out, "Study", studyDescription, false, true);
        add(out, "Series", seriesDescription, false, true);
        add(out, "Institution", institution, true, showIdentifying);
        add(out, "Manufacturer", manufacturer, false, true);
        if (pixelSpacing.size() == 2) {
            add(out, "Pixel spacing", String.format(Locale.ROOT, "%.4g x %.4g mm", pixelSpacing.get(0),
                    pixelSpacing.get(1)), false, true);
        }
        if (rows > 0 && columns > 0) {
            add(out, "Size", columns + " x " + rows + (bitsStored > 0 ? ", " + bitsStored + "-bit" : "")
                    + (photometric == null ? "" : ", " + photometric), false, true);
        }
        add(out, "Frames", frames > 1 ? Integer.toString(frames) : null, false, true);
        add(out, "Transfer syntax", transferSyntax.displayName(), false, true);
        return List.copyOf(out);
    }

    private static void add(List<Field> out, String label, String value, boolean identifying, boolean show) {
        if (value != null && show) {
            out.add(new Field(label, value, identifying));
        }
    }

    /** True if the file carries any of the fields {@link #fields(boolean)} hides by default. */
    public boolean hasIdentifyingFields() {
        return patientName != null || patientId != null || patientBirthDate != null || institution != null;
    }

    /**
     * Why the header says this is not a frontal chest radiograph, if it does: a modality other than CR/DX/DR, a
     * body part other than the chest, or a lateral view. Empty when the header is silent or agrees.
     */
    public Optional<String> notChestReason() {
        if (modality != null && !List.of("CR", "DX", "DR").contains(modality)) {
            return Optional.of("the DICOM header gives modality " + DicomParser.printable(modality) + modalityName(modality)
                    + ", not a radiograph (CR or DX)");
        }
        if (bodyPart != null && !(bodyPart.startsWith("CHEST") || bodyPart.equals("THORAX") || bodyPart.equals("LUNG")
                || bodyPart.equals("PCHEST"))) {
            return Optional.of("the DICOM header gives body part " + DicomParser.printable(bodyPart) + ", not CHEST");
        }
        if (viewPosition != null && List.of("LL", "RL", "LAT", "LATERAL", "LATERAL LEFT", "LATERAL RIGHT")
                .contains(viewPosition)) {
            return Optional.of("the DICOM header gives view position " + viewPosition
                    + " (lateral); PneumoLens reads frontal (PA/AP) views");
        }
        return Optional.empty();
    }

    /** Why this file holds no image to classify (a report, dose grid, waveform, presentation state...), if so. */
    public Optional<String> noImageReason() {
        String kind = SopClasses.nonImageKind(sopClassUid);
        if (kind != null) {
            return Optional.of("is a DICOM " + kind + ", which holds no image to classify");
        }
        if (!hasPixelData) {
            return Optional.of("is a DICOM file with no image (no pixel data"
                    + (sopClassUid == null ? "" : "; SOP class " + DicomParser.printable(sopClassUid)) + ")");
        }
        return Optional.empty();
    }

    private static String modalityName(String m) {
        return switch (m) {
            case "CT" -> " (computed tomography)";
            case "MR" -> " (magnetic resonance)";
            case "US" -> " (ultrasound)";
            case "NM" -> " (nuclear medicine)";
            case "PT" -> " (PET)";
            case "MG" -> " (mammography)";
            case "XA" -> " (angiography)";
            case "RF" -> " (fluoroscopy)";
            case "IO" -> " (intra-oral)";
            case "PX" -> " (panoramic dental)";
            case "OP", "OPT" -> " (ophthalmic)";
            case "SM" -> " (microscopy)";
            case "ES", "XC" -> " (photograph/endoscopy)";
            default -> "";
        };
    }

    /** Never the identifying fields. */
    @Override
    public String toString() {
        return "DicomHeader" + fields(false);
    }
}
