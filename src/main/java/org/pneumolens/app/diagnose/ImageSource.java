package org.pneumolens.app.diagnose;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where an image comes from: a file, a bundled sample, or an image already decoded (re-analysis with another
 * model). Reading happens inside the background task, never on the FX thread.
 */
public record ImageSource(String name, Path file, Reader reader) {
    @FunctionalInterface
    public interface Reader {
        LoadedImage read() throws IOException;
    }

    public static ImageSource file(Path file) {
        return new ImageSource(file.getFileName().toString(), file, () -> LoadedImage.read(file));
    }

    public static ImageSource decoded(String name, Path file, LoadedImage image) {
        return new ImageSource(name, file, () -> image);
    }
}
