package org.pneumolens.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.image.ImageDecodeException;

class DicomHeaderTest {
    private static DicomHeader header(String file) throws IOException {
        return DicomDecoder.readHeader(DicomCorpusTest.DIR.resolve(file));
    }

    private static DicomHeader synthetic(Object... strings) throws IOException {
        return DicomDecoder.decode(TestDicom.image(2, 2, new byte[4], strings), "s.dcm").header();
    }

    @Test
    void readsTheAcquisitionStudyAndPatientFields() throws IOException {
        DicomHeader h = header("B_explicit_be.dcm");
        assertEquals("DX", h.modality());
        assertEquals("CHEST", h.bodyPart());
        assertEquals("PA", h.viewPosition());
        assertEquals("Testperson Synthetic", h.patientName());
        assertEquals("PL-TEST-0001", h.patientId());
        assertEquals("004Y", h.patientAge());
        assertEquals("F", h.patientSex());
        assertEquals("20240115", h.studyDate());
        assertEquals("Chest radiograph", h.studyDescription());
        assertEquals("Synthetic Test Hospital", h.institution());
        assertEquals(List.of(0.5, 0.5), h.pixelSpacing());
        assertEquals(TransferSyntax.EXPLICIT_BE, h.transferSyntax());
        assertEquals(1, h.frames());
        assertEquals(3, header("MF3_jpeg_lossless_sv1.dcm").frames());
    }

    @Test
    void identifyingFieldsAreListedOnlyWhenAsked() throws IOException {
        DicomHeader h = header("A_deflated.dcm");
        List<String> hidden = h.fields(false).stream().map(f -> f.label() + "=" + f.value()).toList();
        assertTrue(hidden.contains("Modality=CR"), hidden.toString());
        assertTrue(hidden.stream().noneMatch(s -> s.contains("Testperson") || s.contains("PL-TEST")
                || s.contains("20200101") || s.contains("Synthetic Test Hospital")), hidden.toString());
        assertFalse(h.toString().contains("Testperson"));
        assertTrue(h.hasIdentifyingFields());
        List<DicomHeader.Field> shown = h.fields(true);
        assertTrue(shown.contains(new DicomHeader.Field("Patient name", "Testperson Synthetic", true)));
        assertTrue(shown.contains(new DicomHeader.Field("Patient ID", "PL-TEST-0001", true)));
        assertTrue(shown.contains(new DicomHeader.Field("Institution", "Synthetic Test Hospital", true)));
    }

    @Test
    void notChestReasonNamesTheModalityBodyPartOrLateralView() throws IOException {
        assertEquals(Optional.empty(), header("A_explicit_le.dcm").notChestReason());
        assertEquals(Optional.empty(), header("B_explicit_le.dcm").notChestReason());
        assertEquals(Optional.of("the DICOM header gives modality CT (computed tomography), not a radiograph (CR or DX)"),
                header("pydicom_CT_small.dcm").notChestReason());
        assertTrue(header("pydicom_MR_small.dcm").notChestReason().orElseThrow().contains("modality MR"));
        assertEquals(Optional.of("the DICOM header gives body part KNEE, not CHEST"),
                synthetic(Tags.MODALITY, "CS", "CR", Tags.BODY_PART_EXAMINED, "CS", "KNEE").notChestReason());
        assertTrue(synthetic(Tags.MODALITY, "CS", "DX", Tags.VIEW_POSITION, "CS", "LL").notChestReason().orElseThrow()
                .contains("view position LL (lateral)"));
        assertEquals(Optional.empty(), synthetic().notChestReason()); // a silent header says nothing
    }

    @Test
    void aBareDataSetWithoutPreambleIsReadAsImplicitOrExplicitVr() throws IOException {
        byte[] withMeta = TestDicom.image(2, 2, new byte[] {1, 2, 3, 4}, Tags.SPECIFIC_CHARACTER_SET, "CS",
                "ISO_IR 100", Tags.MODALITY, "CS", "DX");
        int dataSet = 132 + 8 + TransferSyntax.EXPLICIT_LE.uid().length() + 1; // after the meta group
        byte[] bare = java.util.Arrays.copyOfRange(withMeta, dataSet, withMeta.length);
        DicomImage img = DicomDecoder.decode(bare, "IM0001");
        assertEquals("DX", img.header().modality());
        assertEquals(TransferSyntax.EXPLICIT_LE, img.header().transferSyntax());
        assertEquals(4, img.storedValue(3));
    }

    @Test
    void nonImageObjectsSayTheyHoldNoImage() throws IOException {
        assertEquals(Optional.of("is a DICOM structured report (SR), which holds no image to classify"),
                header("pydicom_test-SR.dcm").noImageReason());
        assertEquals(Optional.of("is a DICOM RT dose, which holds no image to classify"),
                header("pydicom_rtdose_1frame.dcm").noImageReason());
        assertEquals(Optional.empty(), header("pydicom_CT_small.dcm").noImageReason());
        byte[] ecg = TestDicom.explicitLe().str(Tags.SOP_CLASS_UID, "UI", "1.2.840.10008.5.1.4.1.1.9.1.1").bytes();
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DicomDecoder.decode(ecg, "ecg.dcm"));
        assertEquals("ecg.dcm: is a DICOM waveform, which holds no image to classify", e.getMessage());
    }
}
