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
}
