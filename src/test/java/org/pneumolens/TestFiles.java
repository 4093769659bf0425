package org.pneumolens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** File helpers every test package shares. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Copies the folder {@code src} with everything under it to {@code dst}; returns {@code dst}. */
    public static Path copyTree(Path src, Path dst) {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.toList()) {
                Path target = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return dst;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
