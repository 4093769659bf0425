package org.pneumolens.app.common;

import java.nio.file.Path;

/** Opens an image in the Diagnose view, for views that must not depend on it (the worklist). */
@FunctionalInterface
public interface ImageOpener {
    void openInDiagnose(Path file);

    ImageOpener NONE = file -> {
    };
}
