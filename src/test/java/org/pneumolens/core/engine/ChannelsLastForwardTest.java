package org.pneumolens.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.pneumolens.core.model.Architectures;

class ChannelsLastForwardTest {
    @Test
    void seedCnnGivesDl4jsOutputForOneImageAndABatch() {
        MultiLayerNetwork net = Architectures.seedCnn(150, 1e-3, 11, CNN2DFormat.NCHW);
        ChannelsLastForward plan = ChannelsLastForward.of(net).orElseThrow();
        for (int n : new int[]{1, 3}) {
            INDArray x = images(n, 1, 150, 12 + n);
            INDArray before = x.dup();
            assertClose(net.output(x, false), plan.output(x), 1e-5);
            assertEquals(before, x, "the caller's input is not changed");
        }
    }

    @Test
    void oneImageResultsOutliveTheNextPassThroughTheReusedWorkspace() {
        MultiLayerNetwork net = Architectures.pneumoNet(64, 2, 1e-3, 51, null, 0.5);
        randomiseBatchNorms(net, new Random(52));
        ChannelsLastForward plan = ChannelsLastForward.of(net).orElseThrow();
        INDArray a = images(1, 1, 64, 53);
        INDArray b = images(1, 1, 64, 54);
        ChannelsLastForward.Result first = plan.run(a);
        INDArray firstMap = plan.activation(a, 23);
        for (int i = 0; i < 3; i++) {
            plan.run(b); // would overwrite the first results if they still lived in the workspace
            plan.activation(b, 23);
        }
        List<INDArray> acts = net.feedForward(a, false);
        assertClose(acts.get(acts.size() - 1), first.output(), 1e-5);
        assertClose(acts.get(acts.size() - 2), first.features(), 1e-5);
        assertClose(acts.get(24), firstMap, 1e-5);
        assertTrue(!first.output().isAttached() && !first.features().isAttached(), "detached from the workspace");
    }

    @Test
    void batchResultsOutliveLaterPassesThroughTheReusedBuffersOfAnyBatchSize() {
        MultiLayerNetwork net = Architectures.pneumoNet(64, 2, 1e-3, 61, null, 0.5);
        randomiseBatchNorms(net, new Random(62));
        // A second network on the same thread shares the buffers, as an ensemble's members do; its output layer
        // takes the flattened map itself, so its features are a view into a buffer until copied out.
        var conf = new NeuralNetConfiguration.Builder().seed(63).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(64, 64, 1, CNN2DFormat.NCHW)).build();
        MultiLayerNetwork flat = new MultiLayerNetwork(conf);
        flat.init();
        ChannelsLastForward plan = ChannelsLastForward.of(net).orElseThrow();
        ChannelsLastForward other = ChannelsLastForward.of(flat).orElseThrow();
        ChannelsLastForward.releaseBatchBuffers();
        try {
            INDArray a = images(3, 1, 64, 64);
            ChannelsLastForward.Result first = plan.run(a);
            ChannelsLastForward.Result firstOther = other.run(a);
            long held = PassBuffers.heldBytes();
            assertTrue(held > 0, "a batch pass takes its maps from the buffers");
            for (int n : new int[]{2, 5, 3, 3}) { // smaller, larger (the buffers grow), then the same again
                INDArray b = images(n, 1, 64, 65 + n);
                ChannelsLastForward.Result r = plan.run(b);
                List<INDArray> acts = net.feedForward(b, false);
                assertClose(acts.get(acts.size() - 1), r.output(), 1e-5);
                assertClose(acts.get(acts.size() - 2), r.features(), 1e-5);
                other.run(b);
            }
            long grown = PassBuffers.heldBytes();
            assertTrue(grown > held, "five images need larger buffers than three");
            plan.run(images(5, 1, 64, 70));
            assertEquals(grown, PassBuffers.heldBytes(), "the same batch size again allocates nothing new");
            List<INDArray> acts = net.feedForward(a, false);
            assertClose(acts.get(acts.size() - 1), first.output(), 1e-5);
            assertClose(acts.get(acts.size() - 2), first.features(), 1e-5);
            List<INDArray> otherActs = flat.feedForward(a, false);
            assertClose(otherActs.get(otherActs.size() - 1), firstOther.output(), 1e-5);
            assertClose(otherActs.get(otherActs.size() - 2).reshape(3, -1), firstOther.features(), 1e-5);
        } finally {
            ChannelsLastForward.releaseBatchBuffers();
        }
        assertEquals(0, PassBuffers.heldBytes(), "released");
    }

    @Test
    void pneumoNetWithTrainedLookingBatchNormStatisticsGivesDl4jsOutputAndFeatures() {
        // Freshly initialised batch norms are the identity (mean 0, variance 1, gamma 1, beta 0): folding them into
        // the convolutions would pass any test. Random statistics make every fold do real work.
        MultiLayerNetwork net = Architectures.pneumoNet(64, 2, 1e-3, 21, null, 0.5);
        int folded = randomiseBatchNorms(net, new Random(22));
        assertEquals(7, folded, "PneumoNet has a batch norm after each of its 7 convolutions");
        ChannelsLastForward plan = ChannelsLastForward.of(net).orElseThrow();
        INDArray x = images(2, 1, 64, 23);
        ChannelsLastForward.Result r = plan.run(x);
        List<INDArray> acts = net.feedForward(x, false);
        assertClose(acts.get(acts.size() - 1), r.output(), 1e-5);
        assertClose(acts.get(acts.size() - 2), r.features(), 1e-5);
        assertNotEquals(acts.get(acts.size() - 1).getDouble(0, 0), 0.5, 1e-3, "a non-trivial output");
        // Grad-CAM's feature maps: the last convolution's block (conv, batch norm, ReLU) ends at layer 23, and
        // feedForward's list starts with the input. NCHW, as DL4J gives them.
        assertEquals(org.deeplearning4j.nn.conf.layers.ActivationLayer.class,
                net.getLayer(23).conf().getLayer().getClass());
        assertClose(acts.get(24), plan.activation(x, 23), 1e-5);
        assertClose(acts.get(7), plan.activation(x, 6), 1e-5); // the first max pooling
        // (Not the batch norms' outputs: DL4J's activation layer applies its ReLU to them in place.)
        assertThrows(IllegalArgumentException.class, () -> plan.activation(x, 0), "conv 0 is folded into its norm");
    }

    @Test
    void stridedPaddedAndSameModeLayersAndAStandaloneBatchNormMatchOnOddSizes() {
        // Truncate mode with explicit padding and stride 2, Same-mode pooling and convolution over odd planes, a batch norm
        // after an activation (not foldable), three input channels (permuted, not just reshaped) and a dense layer.
        var conf = new NeuralNetConfiguration.Builder().seed(31).list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).padding(1, 1).nOut(8)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(new LossMCXENT()).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(37, 37, 3, CNN2DFormat.NCHW)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomiseBatchNorms(net, new Random(32));
        INDArray x = images(2, 3, 37, 33);
        assertClose(net.output(x, false), ChannelsLastForward.of(net).orElseThrow().output(x), 1e-5);
    }

    @Test
    void aLayerItDoesNotRunGivesNoPlan() {
        var avg = new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 1, CNN2DFormat.NCHW)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(avg);
        net.init();
        assertTrue(ChannelsLastForward.of(net).isEmpty(), "average subsampling (its padding rule) is DL4J's");
        assertTrue(ChannelsLastForward.of(Architectures.seedCnn(40, 1e-3, 1, CNN2DFormat.NHWC)).isEmpty(),
                "a network declared NHWC");
    }

    @Test
    void withoutAvx512OnlyNetworksWhoseConvolutionMapsFitL2GetAPlan() {
        // The seed CNN's first map at 150 px is 32 x 148 x 148 floats; PneumoNet's largest at 160 px 32 x 80 x 80.
        MultiLayerNetwork seed = Architectures.seedCnn(150, 1e-3, 1, CNN2DFormat.NCHW);
        MultiLayerNetwork pneumo = Architectures.pneumoNet(160, 2, 1e-3, 1, null);
        long seedBytes = ChannelsLastForward.largestConvolutionOutputBytes(seed, 150, 150);
        long pneumoBytes = ChannelsLastForward.largestConvolutionOutputBytes(pneumo, 160, 160);
        assertEquals(32L * 148 * 148 * 4, seedBytes);
        assertEquals(32L * 80 * 80 * 4, pneumoBytes);
        long l2 = 2L << 20;
        assertTrue(ChannelsLastForward.faster(true, seedBytes, l2), "AVX-512: always");
        assertTrue(!ChannelsLastForward.faster(false, seedBytes, l2), "AVX2: not past L2");
        assertTrue(ChannelsLastForward.faster(false, pneumoBytes, l2), "AVX2: within L2");
        assertEquals(ChannelsLastForward.faster(LargePlanePooling.oneDnnAvx512(), seedBytes,
                LargePlanePooling.l2Bytes()), ChannelsLastForward.forInput(seed, 150, 150).isPresent(), "this CPU");
    }

    @Test
    void theSwitchKeepsDl4jsPassEverywhere() {
        MultiLayerNetwork pneumo = Architectures.pneumoNet(64, 2, 1e-3, 1, null, 0.5);
        String before = System.getProperty(ChannelsLastForward.SWITCH);
        try {
            System.setProperty(ChannelsLastForward.SWITCH, "false");
            assertTrue(ChannelsLastForward.forInput(pneumo, 64, 64).isEmpty());
            System.setProperty(ChannelsLastForward.SWITCH, "true");
            assertTrue(ChannelsLastForward.forInput(pneumo, 64, 64).isPresent(), "a small map: a plan on any CPU");
            // The seed CNN's 2.8 MB first map is past the rule without AVX-512; "always" takes the plan anyway.
            MultiLayerNetwork seed = Architectures.seedCnn(150, 1e-3, 2, CNN2DFormat.NCHW);
            System.setProperty(ChannelsLastForward.SWITCH, "always");
            assertTrue(ChannelsLastForward.forInput(seed, 150, 150).isPresent(), "always: a plan whatever the CPU");
            System.setProperty(ChannelsLastForward.SWITCH, "false");
            assertTrue(ChannelsLastForward.forInput(seed, 150, 150).isEmpty());
        } finally {
            if (before == null) {
                System.clearProperty(ChannelsLastForward.SWITCH);
            } else {
                System.setProperty(ChannelsLastForward.SWITCH, before);
            }
        }
    }

    /** Sets every batch norm's running statistics, gamma and beta to random values; returns how many. */
    static int randomiseBatchNorms(MultiLayerNetwork net, Random r) {
        int n = 0;
        for (Layer l : net.getLayers()) {
            if (!(l.conf().getLayer() instanceof BatchNormalization)) {
                continue;
            }
            n++;
            for (String key : l.paramTable().keySet()) {
                INDArray p = l.getParam(key);
                for (long i = 0; i < p.length(); i++) {
                    double v = switch (key) {
                        case BatchNormalizationParamInitializer.GLOBAL_VAR -> 0.2 + 2 * r.nextDouble();
                        case BatchNormalizationParamInitializer.GLOBAL_LOG_STD -> -0.7 + r.nextDouble();
                        case BatchNormalizationParamInitializer.GAMMA -> 0.5 + r.nextDouble();
                        default -> r.nextGaussian() * 0.5; // mean, beta
                    };
                    p.putScalar(i, v);
                }
            }
        }
        return n;
    }

    private static INDArray images(int n, int c, int size, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, c, size, size);
    }

    /** Within {@code tolerance} relative to the largest magnitude (at least 1): float rounding of a deep sum. */
    private static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertTrue(diff <= tolerance * scale, "largest difference " + diff + " > " + tolerance + " x " + scale);
    }
}
