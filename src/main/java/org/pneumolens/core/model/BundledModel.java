package org.pneumolens.core.model;

import java.io.IOException;
import java.io.InputStream;

/** The model shipped inside the application, trained on the Kermany et al. 2018 chest X-rays (see model card). */
public final class BundledModel {
    public static final String RESOURCE = "/org/pneumolens/core/model/pneumonet-bundled.zip";

    private BundledModel() {
    }

    public static PneumoModel load() throws ModelFormatException {
        try (InputStream in = BundledModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelFormatException("The bundled model is missing from this build (" + RESOURCE + ")");
            }
            return ModelFile.load(in, "bundled model");
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read the bundled model: " + e.getMessage(), e);
        }
    }
}
