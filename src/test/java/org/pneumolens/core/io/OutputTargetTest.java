package org.pneumolens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetTest {
    @TempDir
    Path dir;

    private String refusal(String given, boolean overwrite, List<Path> own) {
        return assertThrows(IOException.class, () -> OutputTarget.check(given, overwrite, own)).getMessage();
    }

    @Test
    void badTargetsAreRefusedBeforeAnyWork() throws IOException {
        assertTrue(refusal("", false, List.of()).contains("empty"));
        assertTrue(refusal(dir.toString(), true, List.of()).contains("is a folder"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertTrue(refusal(file.resolve("m.zip").toString(), false, List.of()).contains("which is a file"));
        assertTrue(refusal(file.toString(), false, List.of()).contains("--overwrite"));
        assertEquals(file, OutputTarget.check(file.toString(), true, List.of()));
        Path jar = Files.writeString(dir.resolve("app.jar"), "jar");
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), jar);
        assertTrue(refusal(link.toString(), true, List.of(jar)).contains("own files"));
    }

    @Test
    void aReadOnlyFolderIsRefused() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "running as root: every folder is writable");
            assertTrue(refusal(ro.resolve("m.zip").toString(), false, List.of()).contains("cannot write"));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void atomicWritesLeaveNoTemporaryFileAndRemoveStaleOnes() throws IOException {
        Path target = dir.resolve("m.zip");
        Path stale = Files.writeString(dir.resolve(".m.zip.12345.tmp"), "left by a killed run");
        Path other = Files.writeString(dir.resolve(".other.zip.1.tmp"), "another target's");
        AtomicFiles.write(target, out -> out.write(new byte[]{1, 2, 3}));
        assertEquals(3, Files.size(target));
        assertTrue(Files.notExists(stale));
        assertTrue(Files.exists(other));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count());
        }
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(9);
            throw new IOException("disk full");
        }));
        assertEquals(3, Files.size(target), "the old content stays");
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left");
        }
    }
}
