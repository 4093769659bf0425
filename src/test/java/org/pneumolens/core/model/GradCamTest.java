package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A tiny network learns two classes of noisy images: class 1 has a bright square in a known place (upper right, away
 * from the border so zero padding plays no part), class 0 has none. Grad-CAM for class 1 must peak inside the
 * square: a map that ignored the gradient, or came from the wrong layer or class, would not.
 */
class GradCamTest {
    private static final int S = 32;
    private static final int SQ = 8;

    private static final int KNOWN_X = 18;
    private static final int KNOWN_Y = 6;

    private static float[] image(int cls, Random rnd, int[] placed) {
        float[] px = new float[S * S];
        for (int i = 0; i < px.length; i++) px[i] = (float) (0.3 + 0.1 * rnd.nextGaussian());
        if (cls == 0) {
            return px;
        }
        int x0 = KNOWN_X + rnd.nextInt(3) - 1;
        int y0 = KNOWN_Y + rnd.nextInt(3) - 1;
        for (int y = y0; y < y0 + SQ; y++) for (int x = x0; x < x0 + SQ; x++) px[y * S + x] = 1f;
        placed[0] = x0;
        placed[1] = y0;
        return px;
    }

    private static MultiLayerNetwork net(String head) {
        var b = new NeuralNetConfiguration.Builder().seed(12).updater(new Adam(0.01)).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.RELU).build());
        if (head.equals("gap")) {
            b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        } else { // pooled feature maps flattened into a dense layer, like the seed CNN
            b.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.convolutional(S, S, 1)).build());
        net.init();
        return net;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gap", "dense"})
    void peakFallsInsideTheSquareOfTheExplainedClass(String head) {
        MultiLayerNetwork net = net(head);
        Random rnd = new Random(5);
        int n = 256;
        int[] placed = new int[2];
        for (int epoch = 0; epoch < 10; epoch++) {
            for (int b = 0; b < n / 32; b++) {
                float[] flat = new float[32 * S * S];
                INDArray labels = Nd4j.zeros(32, 2);
                for (int i = 0; i < 32; i++) {
                    int cls = rnd.nextInt(2);
                    System.arraycopy(image(cls, rnd, placed), 0, flat, i * S * S, S * S);
                    labels.putScalar(i, cls, 1);
                }
                net.fit(new DataSet(Nd4j.create(flat, new long[]{32, 1, S, S}, 'c'), labels));
            }
        }
        for (int trial = 0; trial < 4; trial++) {
            int cls = 1;
            float[] img = image(cls, rnd, placed);
            INDArray x = Nd4j.create(img, new long[]{1, 1, S, S}, 'c');
            assertEquals(cls, net.output(x).argMax(1).getInt(0), "the tiny net must have learned the task first");
            float[] negative = image(0, rnd, new int[2]);
            assertEquals(0, net.output(Nd4j.create(negative, new long[]{1, 1, S, S}, 'c')).argMax(1).getInt(0));

            GradCam.Heatmap map = GradCam.compute(net, x, cls);
            if (System.getenv("GRADCAM_DEBUG") != null) {
                StringBuilder sb = new StringBuilder(head + " square " + placed[0] + "," + placed[1] + "\n");
                for (int yy = 0; yy < map.height(); yy++) {
                    for (int xx = 0; xx < map.width(); xx++) sb.append(String.format("%3d", (int) (map.get(xx, yy) * 99)));
                    sb.append('\n');
                }
                System.out.println(sb);
            }
            assertEquals(16, map.width()); // the last convolution's resolution (after one 2x pool)
            float[] up = map.upsample(S, S);
            int peak = argMax(up);
            int px = peak % S;
            int py = peak / S;
            // Inside the square, to the map's own resolution: half a feature-map cell (1 px here) of slack.
            int m = S / map.width() / 2;
            assertTrue(px >= placed[0] - m && px < placed[0] + SQ + m && py >= placed[1] - m && py < placed[1] + SQ + m,
                    head + " class " + cls + ": peak at (" + px + "," + py + "), square at (" + placed[0] + ","
                            + placed[1] + ")");
            for (float v : up) assertTrue(v >= 0 && v <= 1, "map values in [0, 1]");
            float max = 0;
            for (float v : map.values()) max = Math.max(max, v);
            assertEquals(1f, max, 1e-6f, "normalised so the strongest cell is 1");
            assertTrue(map.scale() > 0, "the own maximum in logit units is kept for the legend");
        }
    }

    @org.junit.jupiter.api.Test
    void theRejectedClassIsDrawnOnThePredictedClasssScale() {
        float[] a = {0f, 0.5f, 1f, 0.25f};
        float[] b = {1f, 0.2f, 0f, 0f};
        List<GradCam.Heatmap> own = List.of(new GradCam.Heatmap(2, 2, a, 3f, 1f), new GradCam.Heatmap(2, 2, b, 7f, 1f));
        List<GradCam.Heatmap> shown = GradCam.relative(own, new double[]{0.999, 0.001});
        assertEquals(1f, shown.get(0).strength());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, shown.get(0).values(), 0f);
        assertEquals(0.001f / 0.999f, shown.get(1).strength(), 1e-7f);
        float strongest = 0;
        for (float v : shown.get(1).values()) strongest = Math.max(strongest, v);
        assertTrue(strongest < 0.0011f, "P = 0.001: a faint map, not a full-strength hot spot (" + strongest + ")");
        assertEquals(7f, shown.get(1).scale(), "the own scale stays for the legend");
        // A borderline image: both maps nearly full strength.
        assertEquals(0.49f / 0.51f, GradCam.relative(own, new double[]{0.51, 0.49}).get(1).strength(), 1e-6f);
    }

    private static int argMax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
        return best;
    }

    @org.junit.jupiter.api.Test
    void mapsFeaturesAndProbabilitiesOnTheChannelsLastPlanAreDl4jsOwn() {
        // PneumoNet with random batch-norm statistics (fresh ones are the identity) and the seed CNN (no batch norm,
        // a dense head after a flattening): the plan forms the maps' layer, DL4J's head layers the gradient.
        MultiLayerNetwork pneumo = Architectures.pneumoNet(64, 2, 1e-3, 41, null, 0.5);
        Random r = new Random(42);
        for (org.deeplearning4j.nn.api.Layer l : pneumo.getLayers()) {
            if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization) {
                for (String key : l.paramTable().keySet()) {
                    INDArray p = l.getParam(key);
                    for (long i = 0; i < p.length(); i++) {
                        p.putScalar(i, key.equals("log10stdev") ? -0.7 + r.nextDouble() : 0.3 + r.nextDouble());
                    }
                }
            }
        }
        for (MultiLayerNetwork net : List.of(pneumo, Architectures.seedCnn(64, 1e-3, 43,
                org.deeplearning4j.nn.conf.CNN2DFormat.NCHW))) {
            Nd4j.getRandom().setSeed(44);
            INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, 64, 64);
            GradCam.All dl4j = GradCam.computeAll(net, null, x);
            GradCam.All plan = GradCam.computeAll(net,
                    org.pneumolens.core.engine.ChannelsLastForward.of(net).orElseThrow(), x);
            for (int c = 0; c < 2; c++) {
                assertEquals(dl4j.probabilities()[c], plan.probabilities()[c], 1e-5, "probability " + c);
                GradCam.Heatmap a = dl4j.maps().get(c);
                GradCam.Heatmap b = plan.maps().get(c);
                assertEquals(a.width(), b.width());
                assertEquals(a.scale(), b.scale(), 1e-4 * Math.max(1, a.scale()), "scale of map " + c);
                for (int i = 0; i < a.values().length; i++) {
                    assertEquals(a.values()[i], b.values()[i], 1e-4, "map " + c + " cell " + i);
                }
            }
            assertTrue(dl4j.maps().get(0).scale() > 0 || dl4j.maps().get(1).scale() > 0, "a non-empty map");
            for (int i = 0; i < dl4j.features().length; i++) {
                assertEquals(dl4j.features()[i], plan.features()[i], 1e-4 * Math.max(1, Math.abs(dl4j.features()[i])));
            }
        }
    }
}
