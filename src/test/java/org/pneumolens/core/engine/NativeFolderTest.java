package org.pneumolens.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeFolderTest {
    @TempDir
    Path tmp;

    private Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void withoutTheAppsPropertyJavaCppKeepsItsOwnWay() {
        assertEquals(NativeFolder.Choice.DEFAULT, NativeFolder.decide(props()));
    }

    @Test
    void aFolderThatIsNotThereMeansTheDefaultNotAFailure() {
        String missing = tmp.resolve("native").toString();
        assertEquals(NativeFolder.Choice.DEFAULT, NativeFolder.decide(props(NativeFolder.PROPERTY, missing)));
    }

    @Test
    void aFilledFolderIsUsed() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("native"));
        assertEquals(NativeFolder.Choice.USE, NativeFolder.decide(props(NativeFolder.PROPERTY, dir.toString())));
    }

    @Test
    void theUsersOwnJavaCppSettingsWin() throws IOException {
        String dir = Files.createDirectory(tmp.resolve("native")).toString();
        for (String own : List.of(NativeFolder.PATHS_FIRST, "org.bytedeco.javacpp.pathsfirst", NativeFolder.CACHE_DIR)) {
            assertEquals(NativeFolder.Choice.DEFAULT,
                    NativeFolder.decide(props(NativeFolder.PROPERTY, dir, own, "false")), own);
        }
    }

    @Test
    void fillIsAskedForExplicitly() {
        String dir = tmp.resolve("native").toString();
        assertEquals(NativeFolder.Choice.FILL,
                NativeFolder.decide(props(NativeFolder.PROPERTY, dir, NativeFolder.FILL_PROPERTY, "true")));
        assertEquals(NativeFolder.Choice.DEFAULT,
                NativeFolder.decide(props(NativeFolder.PROPERTY, dir, NativeFolder.FILL_PROPERTY, "no")));
    }

    @Test
    void useSearchesTheFolderFirstAndKeepsTheRestOfTheLibraryPath() {
        Properties p = props(NativeFolder.LIBRARY_PATH, "/usr/lib");
        NativeFolder.use(p, "/opt/pneumolens/lib/app/native");
        assertEquals("true", p.getProperty(NativeFolder.PATHS_FIRST));
        assertEquals("/opt/pneumolens/lib/app/native" + File.pathSeparator + "/usr/lib",
                p.getProperty(NativeFolder.LIBRARY_PATH));
        Properties empty = props();
        NativeFolder.use(empty, "/a");
        assertEquals("/a", empty.getProperty(NativeFolder.LIBRARY_PATH));
    }

    @Test
    void copyFollowsLinksAndKeepsEachLibrarysName() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache/sub"));
        Path real = Files.write(cache.resolve("libreal.so.1"), new byte[]{1, 2, 3});
        Path link = Files.createSymbolicLink(tmp.resolve("cache/liblinked.so.0"), real);
        Path folder = Files.createDirectory(tmp.resolve("out"));
        NativeFolder.copyInto(folder, List.of(real.toString(), link.toString()));
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(folder.resolve("libreal.so.1")));
        assertFalse(Files.isSymbolicLink(folder.resolve("liblinked.so.0")));
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(folder.resolve("liblinked.so.0")));
    }

    @Test
    void nothingLoadedIsAnErrorNotAnEmptyFolder() throws IOException {
        Path folder = Files.createDirectory(tmp.resolve("out"));
        assertThrows(IOException.class, () -> NativeFolder.copyInto(folder, List.of()));
    }
}
