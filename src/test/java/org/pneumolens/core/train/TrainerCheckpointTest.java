package org.pneumolens.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;

/**
 * The checkpoint offered on each improving epoch is the model the run would return if it ended there, and the end
 * result is that of the last improvement: what the CLI's checkpoint file relies on.
 */
class TrainerCheckpointTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/xray");

    @Test
    void eachCheckpointIsTheModelOfItsEpochAndTheLastOneIsTheResult() throws Exception {
        ImageSet train = DatasetScanner.scan(FIXTURES.resolve("train"));
        ImageSet val = DatasetScanner.scan(FIXTURES.resolve("val"));
        TrainingConfig config = new TrainingConfig(3, 16, 1e-3, 32, false, true, 0, 0.2, 7, 0, 1);
        List<Integer> improvedEpochs = new ArrayList<>();
        List<TrainingResult> checkpoints = new ArrayList<>();
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void improved(Trainer.Checkpoint best) {
                improvedEpochs.add(best.epoch());
                TrainingResult r = best.result();
                assertSame(r, best.result(), "built once per checkpoint");
                checkpoints.add(r);
            }
        };

        TrainingResult result = new Trainer(config, progress, () -> false).train(train, val);

        assertFalse(checkpoints.isEmpty(), "the first epoch always improves on nothing");
        for (int i = 0; i < checkpoints.size(); i++) {
            assertEquals(improvedEpochs.get(i), checkpoints.get(i).bestEpoch());
            assertEquals(improvedEpochs.get(i), checkpoints.get(i).history().size(), "history up to that epoch");
        }
        TrainingResult last = checkpoints.get(checkpoints.size() - 1);
        assertEquals(last.bestEpoch(), result.bestEpoch());
        assertEquals(3, result.history().size());
        assertEquals(last.model().metadata().threshold(), result.model().metadata().threshold());
        assertEquals(last.model().network().params(), result.model().network().params());
    }
}
