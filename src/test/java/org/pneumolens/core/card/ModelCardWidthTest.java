package org.pneumolens.core.card;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.model.ModelMetadata;
import org.pneumolens.core.model.TestModels;

class ModelCardWidthTest {
    private static String widthRow(ModelMetadata m) {
        return ModelCard.of(m, null, "model.zip").sections().stream()
                .filter(s -> s.title().equals("Training settings"))
                .flatMap(s -> s.blocks().stream())
                .filter(b -> b instanceof ModelCard.Table)
                .flatMap(b -> ((ModelCard.Table) b).rows().stream())
                .filter(r -> r.get(0).startsWith("width"))
                .map(r -> r.get(1)).findFirst().orElseThrow();
    }

    private static ModelMetadata withWidth(ModelMetadata m, double width) {
        ModelMetadata.TrainingSummary t = m.training();
        var w = new ModelMetadata.TrainingSummary(t.trainData(), t.trainCounts(), t.valSource(), t.valCounts(),
                t.epochsRun(), t.bestEpoch(), t.batchSize(), t.learningRate(), t.augmentation(), t.classWeights(),
                t.seed(), t.seconds(), t.labelSmoothing(), width);
        return new ModelMetadata(m.formatVersion(), m.name(), m.architecture(), m.classes(), m.positiveClass(),
                m.threshold(), m.input(), m.valMetrics(), w, m.createdAt(), m.appVersion(), m.calibration(),
                m.ensemble());
    }

    @Test
    void theCardSaysHowWideTheNetworkIs() {
        ModelMetadata m = TestModels.metadata(32, List.of("NORMAL", "PNEUMONIA"), 0.5);
        assertEquals("1 (16-256 channels)", widthRow(m));
        assertEquals("1.50", widthRow(withWidth(m, 1.5)));
    }

    @Test
    void aFileFromBeforeTheWidthWasRecordedReadsAsWidthOne() {
        ModelMetadata m = TestModels.metadata(32, List.of("NORMAL", "PNEUMONIA"), 0.5);
        assertEquals("1 (16-256 channels)", widthRow(withWidth(m, 0))); // Gson leaves a missing field at 0
    }
}
