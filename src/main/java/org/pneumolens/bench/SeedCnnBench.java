package org.pneumolens.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.engine.ChannelsLastForward;
import org.pneumolens.core.engine.NativeHelpers;
import org.pneumolens.core.model.Architectures;

/**
 * The reference workload {@code seedcnn-150-grey-b50}, measured exactly as {@code torch_reference.py} does: one
 * in-memory batch of 50 uniform random images with labels {@code i % 2}, Adam 1e-4; training steps per second after
 * warm-up, and one-image forward latency.
 */
public final class SeedCnnBench {
    public static final String WORKLOAD = "seedcnn-150-grey-b50";
    public static final int SIZE = 150;
    public static final int BATCH = 50;
    public static final double LEARNING_RATE = 1e-4;
    private static final long SEED = 0;

    private final CNN2DFormat layout;
    private final BenchPlan plan;

    /**
     * @param layout NCHW runs DL4J's oneDNN helpers; NHWC is built without them, because in DL4J M2.1 their NHWC
     *               backward pass gives wrong convolution gradients (NativeHelpersTest), and a speed figure of a
     *               wrong computation is no figure
     */
    public SeedCnnBench(CNN2DFormat layout, BenchPlan plan) {
        this.layout = layout;
        this.plan = plan;
    }

    /** Median over rounds of (steps x batch) / seconds, like the reference's {@code train_images_per_s}. */
    public double trainImagesPerSecond() {
        MultiLayerNetwork net = newNet();
        DataSet batch = new DataSet(randomImages(BATCH), alternatingLabels(BATCH));
        for (int i = 0; i < plan.trainWarmupSteps(); i++) {
            net.fit(batch);
        }
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < plan.trainRounds(); r++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < plan.trainStepsPerRound(); s++) {
                net.fit(batch); // synchronous on the CPU backend: the update is applied when fit returns
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            rates.add(plan.trainStepsPerRound() * BATCH / seconds);
        }
        return Stats.median(rates);
    }

    /** {@link LayerProfile} of one training step on the reference batch. */
    public java.util.Map<String, Double> layerProfile() {
        return LayerProfile.profile(newNet(), randomImages(BATCH), alternatingLabels(BATCH), plan.trainWarmupSteps(),
                plan.trainRounds() * plan.trainStepsPerRound());
    }

    /**
     * Median milliseconds of one forward pass of a single image in inference mode ({@code infer_ms_p50}), the way
     * the app runs one: on the network's {@link ChannelsLastForward} plan where that is the faster path here, else
     * {@code net.output}.
     */
    public double inferMillisP50() {
        MultiLayerNetwork net = newNet();
        ChannelsLastForward plan = ChannelsLastForward.forInput(net, SIZE, SIZE).orElse(null);
        return inferMillisP50(plan == null ? x -> net.output(x, false) : plan::output);
    }

    /** Which path {@link #inferMillisP50()} takes here: "channels-last" or "dl4j". */
    public String inferPath() {
        return ChannelsLastForward.forInput(newNet(), SIZE, SIZE).isPresent() ? "channels-last" : "dl4j";
    }

    /** {@link #inferMillisP50()} through DL4J's own {@code net.output}, for comparison ({@code infer_ms_p50_dl4j}). */
    public double inferMillisP50Dl4j() {
        MultiLayerNetwork net = newNet();
        return inferMillisP50(x -> net.output(x, false));
    }

    private double inferMillisP50(java.util.function.UnaryOperator<INDArray> forward) {
        INDArray one = randomImages(1);
        for (int i = 0; i < plan.inferWarmup(); i++) {
            free(forward.apply(one));
        }
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < plan.inferRuns(); i++) {
            long t0 = System.nanoTime();
            INDArray out = forward.apply(one);
            latencies.add(Stats.millis(t0, System.nanoTime()));
            free(out);
        }
        return Stats.median(latencies);
    }

    /** Outputs are freed as the app frees them, so neither side waits on a collection of off-heap arrays. */
    private static void free(INDArray a) {
        if (a.closeable()) {
            a.close();
        }
    }

    private MultiLayerNetwork newNet() {
        Supplier<MultiLayerNetwork> build = () -> Architectures.seedCnn(SIZE, LEARNING_RATE, SEED, layout);
        return layout == CNN2DFormat.NHWC ? NativeHelpers.buildWithout(build) : build.get();
    }

    /** Uniform [0, 1) images: [n, 1, 150, 150] for NCHW, [n, 150, 150, 1] for NHWC (one channel: same bytes). */
    INDArray randomImages(int n) {
        Nd4j.getRandom().setSeed(SEED);
        long[] shape = layout == CNN2DFormat.NHWC ? new long[]{n, SIZE, SIZE, 1} : new long[]{n, 1, SIZE, SIZE};
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    /** One-hot labels [n, 2] with class {@code i % 2}, as the reference's {@code torch.arange(batch) % 2}. */
    static INDArray alternatingLabels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 2, 1f);
        }
        return y;
    }
}
