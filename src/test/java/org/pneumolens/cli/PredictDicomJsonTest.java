package org.pneumolens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code predict --json} describes its source; DICOM patient identifiers appear only with --show-phi. */
class PredictDicomJsonTest {
    static final Path DICOM = Path.of("src/test/resources/fixtures/dicom");

    private static List<JsonObject> predict(String... files) {
        CliEndToEndTest.Result r = CliEndToEndTest.run(files);
        assertEquals(0, r.code(), r.err());
        return r.out().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void dicomSourceHasTheHeaderFactsAndNoIdentifiersByDefault() {
        List<JsonObject> out = predict("predict", "--json", DICOM.resolve("B_jpeg_lossless.dcm").toString(),
                DICOM.resolve("MF3_rle.dcm").toString(), DICOM.resolve("A_source.png").toString());
        JsonObject b = out.get(0).getAsJsonObject("source");
        assertEquals("dicom", b.get("format").getAsString());
        assertEquals("DX", b.get("modality").getAsString());
        assertEquals("CHEST", b.get("bodyPart").getAsString());
        assertEquals("PA", b.get("viewPosition").getAsString());
        assertEquals("1.2.840.10008.1.2.4.57", b.get("transferSyntax").getAsString());
        assertEquals(1, b.get("frames").getAsInt());
        assertEquals(256, b.get("width").getAsInt());
        assertEquals(3, out.get(1).getAsJsonObject("source").get("frames").getAsInt());
        for (JsonObject o : out) {
            String line = o.toString();
            assertFalse(line.contains("Testperson") || line.contains("PL-TEST") || line.contains("Hospital"), line);
        }
        JsonObject png = out.get(2).getAsJsonObject("source");
        assertEquals("png", png.get("format").getAsString());
        assertEquals(256, png.get("width").getAsInt());
        assertTrue(png.get("height").getAsInt() > 100);
    }

    @Test
    void aCtOrMrSliceIsRefusedByItsHeaderAndAChestDxIsJudged() {
        List<JsonObject> out = predict("predict", "--json", DICOM.resolve("pydicom_CT_small.dcm").toString(),
                DICOM.resolve("pydicom_MR_small.dcm").toString(), DICOM.resolve("FULL_person148_jpeg_lossless_sv1.dcm")
                        .toString());
        for (int i = 0; i < 2; i++) {
            JsonObject check = out.get(i).getAsJsonObject("inputCheck");
            assertEquals("not_chest_xray", check.get("status").getAsString(), out.get(i).toString());
            String reason = check.getAsJsonArray("reasons").get(0).getAsString();
            assertTrue(reason.contains("modality " + (i == 0 ? "CT" : "MR")), reason);
            assertTrue(out.get(i).get("label").isJsonNull());
        }
        assertEquals("ok", out.get(2).getAsJsonObject("inputCheck").get("status").getAsString(), out.get(2).toString());
        assertEquals("PNEUMONIA", out.get(2).get("label").getAsString());
    }

    @Test
    void showPhiAddsTheIdentifiers() {
        JsonObject s = predict("predict", "--json", "--show-phi", DICOM.resolve("A_rle.dcm").toString()).get(0)
                .getAsJsonObject("source");
        assertEquals("Testperson Synthetic", s.get("patientName").getAsString());
        assertEquals("PL-TEST-0001", s.get("patientId").getAsString());
        assertEquals("Synthetic Test Hospital", s.get("institution").getAsString());
    }

    @Test
    void aRefusedDicomIsOneLineOnStderr() {
        CliEndToEndTest.Result r = CliEndToEndTest.run("predict", DICOM.resolve("A_jpegls_lossless.dcm").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals("error: " + DICOM.resolve("A_jpegls_lossless.dcm") + ": is compressed with JPEG-LS Lossless, "
                + "which PneumoLens cannot decode", lines.get(0));
        assertEquals(List.of("predicted 0 of 1 files; 1 could not be read"), lines.subList(1, lines.size()));
    }
}
