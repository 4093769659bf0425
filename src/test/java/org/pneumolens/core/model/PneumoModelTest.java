package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pneumolens.core.engine.ChannelsLastForward;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;

class PneumoModelTest {
    @Test
    void analyseGivesTheSamePredictionAndMapsAsTheSeparateCalls() throws Exception {
        PneumoModel model = TestModels.untrained(64);
        Path dir = Path.of("src/test/resources/fixtures/xray/val/PNEUMONIA").toAbsolutePath();
        Path file;
        try (var s = Files.list(dir)) {
            file = s.sorted().findFirst().orElseThrow();
        }
        GreyImage image = ImageDecoder.decodeGrey(file);
        PneumoModel.Analysis a = model.analyse(image);
        Prediction p = model.predict(image);
        assertArrayEquals(p.probabilities(), a.prediction().probabilities(), 1e-6);
        assertEquals(p.label(), a.prediction().label());
        assertEquals(2, a.maps().size());
        for (int c = 0; c < 2; c++) {
            assertArrayEquals(model.gradCam(image, c).values(), a.maps().get(c).values(), 1e-5f);
        }
    }

    @Test
    void tensorPacksEachInputInOrderInTheDeclaredLayout() {
        int size = 3;
        float[][] inputs = new float[4][size * size];
        for (int i = 0; i < inputs.length; i++) {
            for (int j = 0; j < size * size; j++) {
                inputs[i][j] = i * 100 + j + 0.5f;
            }
        }
        INDArray nchw = PneumoModel.tensor(inputs, size, "NCHW");
        INDArray nhwc = PneumoModel.tensor(inputs, size, "NHWC");
        assertArrayEquals(new long[]{4, 1, size, size}, nchw.shape());
        assertArrayEquals(new long[]{4, size, size, 1}, nhwc.shape());
        assertEquals(DataType.FLOAT, nchw.dataType());
        for (int i = 0; i < inputs.length; i++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    assertEquals(inputs[i][y * size + x], nchw.getFloat(i, 0, y, x), 0f);
                    assertEquals(inputs[i][y * size + x], nhwc.getFloat(i, y, x, 0), 0f);
                }
            }
        }
        float[][] wrong = {new float[size * size], new float[size * size - 1]};
        assertThrows(IllegalArgumentException.class,
                () -> PneumoModel.tensor(wrong, size, "NCHW"));
    }

    @Test
    void aDatasetPassLeavesNoReusedBatchBuffersBehind() throws Exception {
        PneumoModel model = TestModels.untrained(64); // small maps: the channels-last plan on any CPU
        int s = model.preprocessing().inputSize();
        float[][] inputs = new float[PneumoModel.OUTPUT_BATCH + 3][s * s]; // two chunks, the second a short one
        double[][] p = model.probabilities(inputs.length, i -> inputs[i]);
        assertEquals(inputs.length, p.length);
        assertEquals(0, ChannelsLastForward.batchBufferBytes(), "released after the pass");
        model.forward(new float[][]{inputs[0], inputs[1], inputs[2]});
        assertTrue(ChannelsLastForward.batchBufferBytes() > 0, "a batch pass on its own keeps them for the next one");
        ChannelsLastForward.releaseBatchBuffers();
    }
}
