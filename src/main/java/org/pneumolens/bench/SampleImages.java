package org.pneumolens.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pneumolens.core.io.FileTrees;

/**
 * The full-resolution radiographs the decode and predict figures are timed on, as plain files: the reference
 * globs {@code *.jpeg} in a folder, so the classpath copies are written to a temporary folder first and decoding
 * is never timed through a zip file system.
 */
public final class SampleImages implements AutoCloseable {
    /** Where the build puts {@code sample-images/} on the class path. */
    public static final String RESOURCE_DIR = "/org/pneumolens/app/samples/";

    private final List<Path> files;
    private final Path tempDir;

    private SampleImages(List<Path> files, Path tempDir) {
        this.files = List.copyOf(files);
        this.tempDir = tempDir;
    }

    /** Every {@code *.jpeg} in {@code dir}, sorted by name like {@code sorted(glob(...))}. */
    public static SampleImages fromFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("sample folder not found: " + dir);
        }
        List<Path> found = jpegsIn(dir);
        if (found.isEmpty()) {
            throw new IOException("no *.jpeg sample images in " + dir);
        }
        return new SampleImages(found, null);
    }

    /** The samples shipped in the jar (or in target/classes when run from the build), copied to a temporary folder. */
    public static SampleImages fromClasspath() throws IOException {
        URL url = SampleImages.class.getResource(RESOURCE_DIR);
        if (url == null) {
            throw new IOException("no sample images on the class path at " + RESOURCE_DIR + "; pass --samples DIR");
        }
        Path tmp = Files.createTempDirectory("pneumolens-bench-samples");
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of())) {
                    copyJpegs(zip.getPath(RESOURCE_DIR), tmp);
                }
            } else {
                copyJpegs(Path.of(uri), tmp);
            }
            List<Path> found = jpegsIn(tmp);
            if (found.isEmpty()) {
                throw new IOException("no *.jpeg under " + RESOURCE_DIR + " on the class path");
            }
            return new SampleImages(found, tmp);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            deleteTree(tmp);
            throw e instanceof IOException io ? io : new IOException("cannot read the class path samples: " + e, e);
        }
    }

    public List<Path> files() {
        return files;
    }

    /** The first {@code limit} files, or all when {@code limit} is 0. */
    public List<Path> first(int limit) {
        return limit == 0 || limit >= files.size() ? files : files.subList(0, limit);
    }

    @Override
    public void close() {
        if (tempDir != null) {
            deleteTree(tempDir);
        }
    }

    private static List<Path> jpegsIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jpeg")) // as the reference's glob: case matters
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    private static void copyJpegs(Path from, Path to) throws IOException {
        for (Path p : jpegsIn(from)) {
            try (InputStream in = Files.newInputStream(p)) {
                Files.copy(in, to.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.deleteTree(dir);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(SampleImages.class).warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
