package org.pneumolens.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path tmp;

    @Test
    void deleteTreeRemovesNestedFoldersAndToleratesAMissingOne() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("a/b/c"));
        Files.write(root.resolve("f"), new byte[]{0});
        FileTrees.deleteTree(tmp.resolve("a"));
        assertFalse(Files.exists(tmp.resolve("a")));
        FileTrees.deleteTree(tmp.resolve("a")); // no exception
    }

    @Test
    void aLinkInsideIsDeletedNotFollowed() throws IOException {
        Path outside = Files.write(tmp.resolve("keep.so"), new byte[]{1});
        Path root = Files.createDirectories(tmp.resolve("cache"));
        Files.createSymbolicLink(root.resolve("link.so"), outside);
        FileTrees.deleteTree(root);
        assertFalse(Files.exists(root));
        assertTrue(Files.exists(outside));
    }
}
