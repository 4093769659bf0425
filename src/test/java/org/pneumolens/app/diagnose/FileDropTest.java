package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDropTest {
    @TempDir
    Path tmp;

    @Test
    void oneImageIsAccepted() {
        FileDrop drop = FileDrop.of(List.of(Path.of("x", "chest.JPEG")));
        assertTrue(drop.accepted());
        assertEquals(Path.of("x", "chest.JPEG"), drop.image());
    }

    @Test
    void severalFilesAFolderOrANonImageAreRefusedWithAReason() {
        assertTrue(FileDrop.of(List.of(Path.of("a.png"), Path.of("b.png"))).problem().contains("2 files"));
        assertTrue(FileDrop.of(List.of(tmp)).problem().contains("folder"));
        assertTrue(FileDrop.of(List.of(Path.of("report.pdf"))).problem().contains("report.pdf"));
        assertFalse(FileDrop.of(List.of()).accepted());
    }

    @Test
    void dicomIsAcceptedByItsExtensionOrWithoutOneByItsPreamble() throws Exception {
        assertTrue(FileDrop.of(List.of(Path.of("x", "chest.dcm"))).accepted());
        assertTrue(FileDrop.of(List.of(Path.of("x", "CHEST.DICOM"))).accepted());
        byte[] dicom = new byte[200];
        dicom[128] = 'D';
        dicom[129] = 'I';
        dicom[130] = 'C';
        dicom[131] = 'M';
        Path exported = java.nio.file.Files.write(tmp.resolve("IM000001"), dicom);
        assertTrue(FileDrop.of(List.of(exported)).accepted(), "PACS export without an extension");
        Path text = java.nio.file.Files.writeString(tmp.resolve("README"), "not an image");
        assertTrue(FileDrop.of(List.of(text)).problem().contains("DICOM"), "no extension, no preamble");
    }
}
