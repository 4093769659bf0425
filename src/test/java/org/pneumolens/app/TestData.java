package org.pneumolens.app;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFormatException;
import org.pneumolens.core.model.PneumoModel;

/** The bundled model and the fixture images, for tests with or without the JavaFX toolkit. */
public final class TestData {
    private static PneumoModel model;

    private TestData() {
    }

    /** The bundled model, loaded once per test JVM (it takes seconds). Never assert which label it gives. */
    public static synchronized PneumoModel bundledModel() throws ModelFormatException {
        if (model == null) {
            model = BundledModel.load();
        }
        return model;
    }

    /** {@link #bundledModel()} for a {@code Supplier}: a load failure becomes an unchecked exception. */
    public static PneumoModel bundledModelUnchecked() {
        try {
            return bundledModel();
        } catch (ModelFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path fixture(String relative) {
        try {
            return Path.of(TestData.class.getResource("/fixtures/xray/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + relative, e);
        }
    }
}
