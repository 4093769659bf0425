package org.pneumolens.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainingTargetsTest {

    @Test
    void withoutSmoothingTheTargetsAreOneHot() {
        INDArray t = Trainer.targets(new int[] {1, 0, 1}, 2, 0);
        assertArrayEquals(new float[][] {{0, 1}, {1, 0}, {0, 1}}, t.toFloatMatrix());
    }

    @Test
    void smoothingMovesEpsOverTheClassesAndKeepsEachRowAProbability() {
        INDArray t = Trainer.targets(new int[] {1, 0}, 2, 0.1);
        assertArrayEquals(new float[] {0.05f, 0.95f}, t.getRow(0).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {0.95f, 0.05f}, t.getRow(1).toFloatVector(), 1e-6f);
        INDArray three = Trainer.targets(new int[] {2}, 3, 0.3);
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.8f}, three.getRow(0).toFloatVector(), 1e-6f);
        assertEquals(1.0, three.sumNumber().doubleValue(), 1e-6);
    }

    @Test
    void smoothingOutsideItsRangeIsRefused() {
        TrainingConfig d = TrainingConfig.DEFAULTS;
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(d.epochs(), d.batchSize(),
                d.learningRate(), d.inputSize(), true, true, 0, 0.2, 1, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(d.epochs(), d.batchSize(),
                d.learningRate(), d.inputSize(), true, true, 0, 0.2, 1, -0.01, 1));
    }

    @Test
    void widthOutsideItsRangeIsRefused() {
        TrainingConfig d = TrainingConfig.DEFAULTS;
        for (double w : new double[]{0.25, 2.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(d.epochs(), d.batchSize(),
                    d.learningRate(), d.inputSize(), true, true, 0, 0.2, 1, 0, w), Double.toString(w));
        }
    }
}
