package org.pneumolens.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.model.Architectures;

/**
 * The NHWC/NCHW lever must not change results: the same weights and the same image give the same probabilities in
 * both layouts. One grey channel makes the input bytes identical; what differs is how a layer flattens its maps.
 */
class LayoutEquivalenceTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void seedCnnGivesTheSameOutputsInBothLayoutsOnceTheDenseRowsFollowTheFlattenOrder() {
        int size = 40; // 40 → 38 → 19 → 17 → 8 → 6 → 3: maps of 64 x 3 x 3 into the dense layer
        MultiLayerNetwork nchw = Architectures.seedCnn(size, 1e-4, 7, CNN2DFormat.NCHW);
        MultiLayerNetwork nhwc = Architectures.seedCnn(size, 1e-4, 8, CNN2DFormat.NHWC);
        LayoutSwitch.copyParams(nchw, nhwc);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, size, size);

        INDArray a = nchw.output(x, false);
        INDArray b = nhwc.output(x.reshape(4, size, size, 1), false);

        assertClose(a, b);
    }

    @Test
    void aPlainParameterCopyIsNotEnoughForTheSeedCnn() {
        // Guards the test above: it must be able to see a difference, and this one is real (flatten order).
        int size = 40;
        MultiLayerNetwork nchw = Architectures.seedCnn(size, 1e-4, 7, CNN2DFormat.NCHW);
        MultiLayerNetwork nhwc = Architectures.seedCnn(size, 1e-4, 8, CNN2DFormat.NHWC);
        nhwc.setParams(nchw.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, size, size);

        double diff = maxAbsDiff(nchw.output(x, false), nhwc.output(x.reshape(4, size, size, 1), false));

        assertTrue(diff > 1e-3, "outputs agreed without reordering the dense rows (max diff " + diff + ")");
    }

    @Test
    void pneumoNetGivesTheSameOutputsInBothLayoutsWithTheSameParameters() {
        int size = 32;
        MultiLayerNetwork built = Architectures.pneumoNet(size, 2, 1e-3, 3, null);
        MultiLayerNetwork nchw = LayoutSwitch.convert(built.getLayerWiseConfigurations(), CNN2DFormat.NCHW);
        MultiLayerNetwork nhwc = LayoutSwitch.convert(built.getLayerWiseConfigurations(), CNN2DFormat.NHWC);
        INDArray params = built.params().dup();
        randomiseBatchNormStatistics(nchw, params, 11);
        nchw.setParams(params);
        nhwc.setParams(params.dup()); // global average pooling: no flatten, so the same vector fits both
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, size, size).subi(0.5).muli(4);

        INDArray a = nchw.output(x, false);
        INDArray b = nhwc.output(x.reshape(3, size, size, 1), false);

        assertClose(a, b);
        assertFalse(a.equalsWithEps(Nd4j.valueArrayOf(a.shape(), 0.5f), 1e-3), "degenerate test: outputs all 0.5");
    }

    @Test
    void theConvertedPneumoNetReallyIsNhwc() {
        MultiLayerConfiguration conf = LayoutSwitch.convert(
                Architectures.pneumoNet(32, 2, 1e-3, 3, null).getLayerWiseConfigurations(), CNN2DFormat.NHWC)
                .getLayerWiseConfigurations();
        int spatial = 0;
        for (var c : conf.getConfs()) {
            var layer = c.getLayer();
            if (layer instanceof ConvolutionLayer conv) {
                assertEquals(CNN2DFormat.NHWC, conv.getCnn2dDataFormat());
                spatial++;
            } else if (layer instanceof SubsamplingLayer pool) {
                assertEquals(CNN2DFormat.NHWC, pool.getCnn2dDataFormat());
                spatial++;
            } else if (layer instanceof BatchNormalization bn) {
                assertEquals(CNN2DFormat.NHWC, bn.getCnn2DFormat());
                spatial++;
            }
        }
        assertEquals(17, spatial, "7 convolutions, 7 batch norms, 3 poolings");
    }

    private static void assertClose(INDArray a, INDArray b) {
        assertArrayEquals(a.shape(), b.shape());
        double diff = maxAbsDiff(a, b);
        assertTrue(diff < TOLERANCE, "NCHW and NHWC outputs differ by " + diff + "\n" + a + "\n" + b);
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    /** Running mean and variance away from their 0 / 1 initial values, so batch norm is not the identity. */
    private static void randomiseBatchNormStatistics(MultiLayerNetwork net, INDArray flatParams, long seed) {
        net.setParams(flatParams);
        Nd4j.getRandom().setSeed(seed);
        int means = 0;
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            String k = e.getKey();
            INDArray v = e.getValue();
            if (k.endsWith("_mean")) {
                means++;
                v.assign(Nd4j.randn(v.dataType(), v.shape()).muli(0.3));
            } else if (k.endsWith("_var")) {
                v.assign(Nd4j.rand(v.dataType(), v.shape()).addi(0.5));
            } else if (k.endsWith("_log10stdev")) {
                v.assign(Nd4j.rand(v.dataType(), v.shape()).subi(0.5).muli(0.4));
            } else if (k.endsWith("_gamma") || k.endsWith("_beta")) {
                v.assign(Nd4j.rand(v.dataType(), v.shape()).addi(0.5));
            }
        }
        assertEquals(7, means, "batch norm parameters not found: " + net.paramTable().keySet());
        flatParams.assign(net.params());
    }
}
