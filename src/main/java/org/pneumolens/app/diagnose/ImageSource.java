package org.pneumolens.app.diagnose;

import java.io.IOException;
import java.nio.file.Path;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;

/**
 * Where an image comes from: a file, a bundled sample, or an image already decoded (re-analysis with another
 * model). Reading happens inside the background task, never on the FX thread.
 */
public record ImageSource(String name, Path file, Reader reader) {
    @FunctionalInterface
    public interface Reader {
        GreyImage read() throws IOException;
    }

    public static ImageSource file(Path file) {
        return new ImageSource(file.getFileName().toString(), file, () -> ImageDecoder.decodeGrey(file));
    }

    public static ImageSource decoded(String name, Path file, GreyImage image) {
        return new ImageSource(name, file, () -> image);
    }
}
