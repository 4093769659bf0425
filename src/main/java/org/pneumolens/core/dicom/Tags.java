package org.pneumolens.core.dicom;

import java.util.Map;

/** The tags this reader uses, and the value representations an implicit VR file leaves to a dictionary. */
final class Tags {
    static final int TRANSFER_SYNTAX = 0x00020010;
    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int STUDY_DATE = 0x00080020;
    static final int MODALITY = 0x00080060;
    static final int MANUFACTURER = 0x00080070;
    static final int INSTITUTION_NAME = 0x00080080;
    static final int INSTITUTION_ADDRESS = 0x00080081;
    static final int REFERRING_PHYSICIAN = 0x00080090;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int PATIENT_SEX = 0x00100040;
    static final int PATIENT_AGE = 0x00101010;
    static final int BODY_PART_EXAMINED = 0x00180015;
    static final int VIEW_POSITION = 0x00185101;
    static final int IMAGER_PIXEL_SPACING = 0x00181164;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC = 0x00280004;
    static final int PLANAR_CONFIGURATION = 0x00280006;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int WINDOW_EXPLANATION = 0x00281055;
    static final int VOI_LUT_FUNCTION = 0x00281056;
    static final int MODALITY_LUT_SEQUENCE = 0x00283000;
    static final int LUT_DESCRIPTOR = 0x00283002;
    static final int LUT_DATA = 0x00283006;
    static final int VOI_LUT_SEQUENCE = 0x00283010;
    static final int PRESENTATION_LUT_SHAPE = 0x20500020;
    static final int PIXEL_DATA = 0x7FE00010;
    static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    static final int DOUBLE_PIXEL_DATA = 0x7FE00009;

    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    /** Enough of the dictionary for implicit VR files: the values this reader decodes, and common sequences. */
    private static final Map<Integer, String> IMPLICIT_VR = Map.ofEntries(
            Map.entry(SAMPLES_PER_PIXEL, "US"), Map.entry(PLANAR_CONFIGURATION, "US"), Map.entry(ROWS, "US"),
            Map.entry(COLUMNS, "US"), Map.entry(BITS_ALLOCATED, "US"), Map.entry(BITS_STORED, "US"),
            Map.entry(HIGH_BIT, "US"), Map.entry(PIXEL_REPRESENTATION, "US"), Map.entry(LUT_DESCRIPTOR, "US"),
            Map.entry(LUT_DATA, "OW"), Map.entry(PIXEL_DATA, "OW"),
            Map.entry(MODALITY_LUT_SEQUENCE, "SQ"), Map.entry(VOI_LUT_SEQUENCE, "SQ"),
            Map.entry(0x00081115, "SQ"), Map.entry(0x00081140, "SQ"), Map.entry(0x00081110, "SQ"),
            Map.entry(0x00082112, "SQ"), Map.entry(0x00082218, "SQ"), Map.entry(0x00400260, "SQ"),
            Map.entry(0x00400275, "SQ"), Map.entry(0x00081032, "SQ"), Map.entry(0x00540016, "SQ"),
            Map.entry(0x52009229, "SQ"), Map.entry(0x52009230, "SQ"), Map.entry(0x00089215, "SQ"));

    private Tags() {
    }

    static String implicitVr(int tag) {
        if ((tag & 0xFFFF) == 0 && tag != 0) {
            return "UL"; // group length
        }
        return IMPLICIT_VR.getOrDefault(tag, "UN");
    }

    static String name(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
