package org.pneumolens.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentFilesTest {
    @TempDir
    Path tmp;

    @Test
    void mostRecentFirstWithoutDuplicatesAndCapped() {
        RecentFiles recent = new RecentFiles(tmp.resolve("sub/recent.txt"));
        for (int i = 0; i < RecentFiles.MAX + 3; i++) {
            recent.add(tmp.resolve("img" + i + ".png"));
        }
        recent.add(tmp.resolve("img5.png"));

        List<Path> list = new RecentFiles(tmp.resolve("sub/recent.txt")).list(); // read back from disk
        assertEquals(RecentFiles.MAX, list.size());
        assertEquals(tmp.resolve("img5.png"), list.get(0));
        assertEquals(tmp.resolve("img10.png"), list.get(1));
        assertEquals(1, list.stream().filter(p -> p.endsWith("img5.png")).count());
    }

    @Test
    void noFileMeansAnEmptyListAndNoTemporaryFileIsLeftBehind() throws Exception {
        RecentFiles recent = new RecentFiles(tmp.resolve("recent.txt"));
        assertEquals(List.of(), recent.list());

        recent.add(tmp.resolve("a.png"));

        try (var files = Files.list(tmp)) {
            assertEquals(List.of(tmp.resolve("recent.txt")), files.toList());
        }
    }
}
