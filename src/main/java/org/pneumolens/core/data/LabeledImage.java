package org.pneumolens.core.data;

import java.nio.file.Path;

/** One image file and the index of its class in the dataset's sorted class list. */
public record LabeledImage(Path path, int label) {
    public String patientId() {
        return PatientIds.of(path.getFileName().toString());
    }
}
