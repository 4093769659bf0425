package org.pneumolens.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void aRememberedFolderSurvivesANewInstanceAndAGoneOneFallsBackToDocuments() throws Exception {
        Path store = tmp.resolve("home/settings.properties");
        Path models = Files.createDirectories(tmp.resolve("models"));
        new AppSettings(store).put(AppSettings.MODEL_FOLDER, models.toString());

        assertEquals(models, new AppSettings(store).folder(AppSettings.MODEL_FOLDER), "read back by a new run");
        Files.delete(models);
        assertEquals(AppSettings.documents(), new AppSettings(store).folder(AppSettings.MODEL_FOLDER));
        assertEquals(AppSettings.documents(), new AppSettings(store).folder(AppSettings.REPORT_FOLDER));
        assertTrue(Files.isDirectory(AppSettings.documents()));
    }

    @Test
    void anOversizedOrMissingFileMeansDefaults() throws Exception {
        Path store = tmp.resolve("settings.properties");
        assertEquals(Optional.empty(), new AppSettings(store).get(AppSettings.MODEL_FOLDER));
        Files.writeString(store, AppSettings.MODEL_FOLDER + "=" + tmp + "\n" + "#".repeat(70_000));
        assertEquals(Optional.empty(), new AppSettings(store).get(AppSettings.MODEL_FOLDER));
    }
}
