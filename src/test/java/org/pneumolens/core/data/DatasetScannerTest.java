package org.pneumolens.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetScannerTest {
    static final Path FIXTURES = Path.of("src/test/resources/fixtures/xray").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void countsFixtureClassesAndFindsTrainAndVal() throws IOException {
        Dataset d = DatasetScanner.scanDataset(FIXTURES);
        assertTrue(d.hasVal());
        assertEquals(List.of("NORMAL", "PNEUMONIA"), d.classes());
        assertEquals(Map.of("NORMAL", 16, "PNEUMONIA", 16), d.train().counts());
        assertEquals(Map.of("NORMAL", 4, "PNEUMONIA", 6), d.val().counts());
        assertTrue(d.train().skipped().isEmpty());
    }

    @Test
    void classFoldersThatAreSymlinksAreFollowed() throws IOException {
        copyClass("NORMAL", 2);
        Path elsewhere = Files.createDirectories(dir.resolve(".store"));
        try (var s = Files.list(FIXTURES.resolve("train/PNEUMONIA"))) {
            for (Path f : s.sorted().limit(2).toList()) {
                Files.copy(f, elsewhere.resolve(f.getFileName()));
            }
        }
        Files.createSymbolicLink(dir.resolve("PNEUMONIA"), elsewhere);
        ImageSet set = DatasetScanner.scan(dir);
        assertEquals(Map.of("NORMAL", 2, "PNEUMONIA", 2), set.counts());
    }

    @Test
    void skipsBadFilesWithReasonsAndKeepsTheRest() throws IOException {
        Path normal = copyClass("NORMAL", 3);
        copyClass("PNEUMONIA", 3);
        Files.createFile(normal.resolve("zero.jpeg"));
        Files.writeString(normal.resolve("notes.png"), "hello");
        Files.writeString(normal.resolve("readme.txt"), "hello");
        ImageSet set = DatasetScanner.scan(dir);
        assertEquals(Map.of("NORMAL", 3, "PNEUMONIA", 3), set.counts());
        Map<String, String> reasons = new java.util.HashMap<>();
        set.skipped().forEach(s -> reasons.put(s.path().getFileName().toString(), s.reason()));
        assertEquals("empty file", reasons.get("zero.jpeg"));
        assertTrue(reasons.get("notes.png").contains("not an image"));
        assertTrue(reasons.get("readme.txt").contains("extension"));
    }

    @Test
    void oneClassFolderIsAClearError() throws IOException {
        copyClass("NORMAL", 2);
        Files.createDirectories(dir.resolve("PNEUMONIA")); // empty class
        DatasetException e = assertThrows(DatasetException.class, () -> DatasetScanner.scan(dir));
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
        assertThrows(DatasetException.class, () -> DatasetScanner.scan(dir.resolve("missing")));
    }

    @Test
    void patientSplitNeverPutsOnePatientOnBothSides() {
        // Synthetic names: 30 patients with 1-3 images each, in both naming schemes.
        List<LabeledImage> imgs = new java.util.ArrayList<>();
        for (int p = 0; p < 30; p++) {
            for (int k = 0; k <= p % 3; k++) {
                String name = p % 2 == 0 ? "person" + p + "_bacteria_" + (100 + k) + ".jpeg"
                        : "IM-0" + (100 + p) + "-000" + k + ".jpeg";
                imgs.add(new LabeledImage(dir.resolve(name), p % 2));
            }
        }
        ImageSet set = new ImageSet(dir, List.of("NORMAL", "PNEUMONIA"), imgs, List.of());
        PatientSplit.Split s = PatientSplit.split(set, 0.25, 7);
        Set<String> trainPatients = new HashSet<>();
        s.train().images().forEach(i -> trainPatients.add(i.patientId()));
        s.val().images().forEach(i -> assertFalse(trainPatients.contains(i.patientId()), i.patientId()));
        assertEquals(imgs.size(), s.train().size() + s.val().size());
        assertTrue(s.val().countsPerClass()[0] > 0 && s.val().countsPerClass()[1] > 0, "stratified");
        // Same seed, same split.
        assertEquals(s.val().images(), PatientSplit.split(set, 0.25, 7).val().images());
    }

    @Test
    void patientIdsFollowTheDataReadme() {
        assertEquals("person12", PatientIds.of("person12_virus_3.jpeg"));
        assertEquals("IM-0115", PatientIds.of("IM-0115-0001.jpeg"));
        assertEquals("IM-0011", PatientIds.of("IM-0011-0001-0002.jpeg"));
        assertEquals("NORMAL2-IM-0522", PatientIds.of("NORMAL2-IM-0522-0001.jpeg"));
        assertEquals("scan7", PatientIds.of("scan7.png"));
    }

    private Path copyClass(String cls, int n) throws IOException {
        Path target = Files.createDirectories(dir.resolve(cls));
        try (var s = Files.list(FIXTURES.resolve("train").resolve(cls))) {
            for (Path f : s.sorted().limit(n).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
