package org.pneumolens.cli;

import java.nio.file.Path;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.ModelFormatException;
import org.pneumolens.core.model.PneumoModel;
import picocli.CommandLine.Option;

/** The shared {@code --model} option: a model file, or the bundled model when absent. */
final class ModelOption {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "Model file (default: the bundled model)")
    Path model;

    PneumoModel load() throws ModelFormatException {
        return model == null ? BundledModel.load() : ModelFile.load(model);
    }
}
