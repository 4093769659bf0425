package org.pneumolens.core.model;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.pneumolens.core.image.Preprocessing;

/** Small untrained models with valid metadata, for tests that need a model but not a good one. */
public final class TestModels {
    private TestModels() {
    }

    public static ModelMetadata metadata(int size, List<String> classes, double threshold) {
        return new ModelMetadata(ModelMetadata.FORMAT_VERSION, "test model", Architectures.PNEUMONET, classes,
                classes.get(classes.size() - 1), threshold,
                new ModelMetadata.Input(size, Preprocessing.DATASET_SIZE, Preprocessing.MEAN, Preprocessing.STD,
                        Architectures.layout().name(), 1),
                new ModelMetadata.Metrics(10, 0.5, 0.5, 0.5, 0.5, 0.1, new int[][]{{2, 3}, {2, 3}}),
                new ModelMetadata.TrainingSummary("synthetic", Map.of("NORMAL", 1), "none", Map.of("NORMAL", 1),
                        1, 1, 8, 1e-3, false, false, 1, 0.1, 0, 1),
                "2026-01-01T00:00:00Z", "test");
    }

    public static PneumoModel untrained(int size) throws ModelFormatException {
        MultiLayerNetwork net = Architectures.pneumoNet(size, 2, 1e-3, 1, null);
        return PneumoModel.checked(net, metadata(size, List.of("NORMAL", "PNEUMONIA"), 0.5), "test");
    }
}
