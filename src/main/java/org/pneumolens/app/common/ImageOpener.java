package org.pneumolens.app.common;

import java.nio.file.Path;

/** Opens an image in the Diagnose view, for views that must not depend on it (the worklist). */
@FunctionalInterface
public interface ImageOpener {
    void openInDiagnose(Path file);

    /** Shows the image in the Diagnose view without bringing that tab to the front (stepping through a list). */
    default void loadInDiagnose(Path file) {
        openInDiagnose(file);
    }

    ImageOpener NONE = file -> {
    };
}
