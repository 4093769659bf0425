package org.pneumolens.core.data;

import java.nio.file.Path;

/** A file the scanner left out, with the reason a user can act on. */
public record SkippedFile(Path path, String reason) {
}
