package org.pneumolens.app.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.app.common.UserMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample radiographs shipped on the class path (from {@code sample-images/}). Listed from the class-path
 * folder itself, whether it is a directory (running from classes) or a jar entry, so adding a sample needs no
 * code change. A sample is copied to a temporary file inside the background task, then decoded like any file.
 */
public final class SampleImages {
    private static final Logger LOG = LoggerFactory.getLogger(SampleImages.class);
    public static final String FOLDER = "/org/pneumolens/app/samples";

    private SampleImages() {
    }

    /** A sample: its resource file name, e.g. "PNEUMONIA_person148_virus_298.jpeg". */
    public record Sample(String fileName) {
        /** "PNEUMONIA: person148_virus_298" (the file name starts with the true label). */
        public String displayName() {
            String base = fileName.replaceFirst("\\.[^.]+$", "");
            int sep = base.indexOf('_');
            return sep > 0 ? base.substring(0, sep) + ": " + base.substring(sep + 1) : base;
        }

        public ImageSource source() {
            return new ImageSource(fileName, null, () -> LoadedImage.read(copyToTemp(fileName)));
        }
    }

    public static List<Sample> list() {
        URL url = SampleImages.class.getResource(FOLDER);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return listInJar(uri);
            }
            return names(Path.of(uri));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.warn("Cannot list sample images at {}: {}", url, UserMessages.describe(e));
            return List.of();
        }
    }

    private static List<Sample> listInJar(URI uri) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            return names(fs.getPath(FOLDER));
        } catch (FileSystemAlreadyExistsException e) {
            // Opened elsewhere in this JVM: use it, and leave closing it to its owner.
            return names(FileSystems.getFileSystem(uri).getPath(FOLDER));
        }
    }

    private static List<Sample> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(ImageDecoder::hasImageExtension)
                    .map(p -> new Sample(p.getFileName().toString()))
                    .sorted((a, b) -> a.fileName().compareTo(b.fileName()))
                    .toList();
        }
    }

    static Path copyToTemp(String fileName) throws IOException {
        try (InputStream in = SampleImages.class.getResourceAsStream(FOLDER + "/" + fileName)) {
            if (in == null) {
                throw new IOException("The sample " + fileName + " is missing from this build");
            }
            String ext = fileName.substring(fileName.lastIndexOf('.'));
            Path tmp = Files.createTempFile("pneumolens-sample-", ext);
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }
}
