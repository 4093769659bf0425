package org.pneumolens.core.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.engine.NativeHelpers;

/**
 * The networks PneumoLens builds. All take one grey channel; for a single channel NHWC and NCHW share one
 * memory layout, so only the declared shape differs.
 */
public final class Architectures {
    /** Name stored in model metadata for {@link #pneumoNet}. */
    public static final String PNEUMONET = "pneumonet-v1";
    /** Range of {@link #pneumoNet}'s channel multiplier. */
    public static final double MIN_WIDTH = 0.5;
    public static final double MAX_WIDTH = 2.0;

    static {
        NativeHelpers.enable(); // before any layer of a network is created
    }

    private Architectures() {
    }

    /**
     * PneumoNet: a small VGG-style CNN with batch normalisation and global average pooling.
     * <pre>
     * in  [N, 1, S, S]   (NCHW, see layout(); with one channel the same bytes as NHWC [N, S, S, 1])
     * conv5x5/2 16  BN ReLU           → S/2
     * conv3x3   32  BN ReLU, max2     → S/4
     * conv3x3   64  BN ReLU ×2, max2  → S/8
     * conv3x3  128  BN ReLU ×2, max2  → S/16
     * conv3x3  256  BN ReLU           → S/16   (Grad-CAM layer)
     * global average pool → dropout 0.5 → dense 2 softmax
     * </pre>
     * Global average pooling instead of a large dense layer keeps the parameter count (~0.6 M) and the
     * over-fitting low, and leaves the last feature map at S/16 so Grad-CAM has usable resolution.
     *
     * @param classWeights loss weight per class (imbalance), or null for equal weights
     */
    public static MultiLayerNetwork pneumoNet(int size, int numClasses, double learningRate, long seed,
                                              double[] classWeights) {
        return pneumoNet(size, numClasses, learningRate, seed, classWeights, 1);
    }

    /**
     * {@link #pneumoNet(int, int, double, long, double[])} with every convolution's channel count multiplied by
     * {@code width} (rounded to a multiple of 8; 1.5 gives 24-384 channels and ~2.2x the compute).
     */
    public static MultiLayerNetwork pneumoNet(int size, int numClasses, double learningRate, long seed,
                                              double[] classWeights, double width) {
        requireWidth(width);
        CNN2DFormat f = layout();
        var b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .weightDecay(1e-4)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        b.layer(conv(5, 2, channels(16, width), f));
        bnRelu(b, f);
        b.layer(conv(3, 1, channels(32, width), f));
        bnRelu(b, f);
        b.layer(maxPool(f));
        for (int i = 0; i < 2; i++) {
            b.layer(conv(3, 1, channels(64, width), f));
            bnRelu(b, f);
        }
        b.layer(maxPool(f));
        for (int i = 0; i < 2; i++) {
            b.layer(conv(3, 1, channels(128, width), f));
            bnRelu(b, f);
        }
        b.layer(maxPool(f));
        b.layer(conv(3, 1, channels(256, width), f));
        bnRelu(b, f);
        b.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
        b.layer(new DropoutLayer.Builder(0.5).build()); // DL4J's argument is the *retain* probability
        b.layer(new OutputLayer.Builder(loss(classWeights))
                .nOut(numClasses)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .build());
        MultiLayerConfiguration conf = b.setInputType(InputType.convolutional(size, size, 1, f)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return NativeHelpers.install(net);
    }

    /**
     * The benchmark's reference workload (and the project's first model): conv3x3(32)-relu-maxpool2,
     * conv3x3(64)-relu-maxpool2, conv3x3(64)-relu-maxpool2, dense 128 sigmoid, dropout 0.5, dense 2 softmax.
     */
    public static MultiLayerNetwork seedCnn(int size, double learningRate, long seed, CNN2DFormat f) {
        var b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                // Keep each layer's forward output for the backward pass, as PyTorch does, instead of DL4J's default
                // of recomputing the convolutions in backprop: +27 % training images/s on AVX2 and AVX-512 here
                // (docs/performance.md, session 8); the same gradients (SeedCnnCacheModeTest).
                .cacheMode(CacheMode.DEVICE)
                .list();
        int[] widths = {32, 64, 64};
        for (int w : widths) {
            b.layer(new ConvolutionLayer.Builder(3, 3).nOut(w).activation(Activation.RELU).dataFormat(f).build());
            b.layer(maxPool(f));
        }
        b.layer(new DenseLayer.Builder().nOut(128).activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build());
        b.layer(new OutputLayer.Builder(new LossMCXENT()).nOut(2).activation(Activation.SOFTMAX)
                .dropOut(0.5).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.convolutional(size, size, 1, f)).build());
        net.init();
        return NativeHelpers.install(net);
    }

    /**
     * Tensor layout of {@link #pneumoNet}. Measured on this project's 2-core AVX-512 machine with BatchNorm in
     * the net, NCHW trained 12.1 images/s against NHWC's 10.3 at 128 px (the seed CNN without BatchNorm
     * prefers NHWC); see docs/performance.md.
     */
    public static CNN2DFormat layout() {
        return CNN2DFormat.NCHW;
    }

    /** Refuses a channel multiplier outside [{@link #MIN_WIDTH}, {@link #MAX_WIDTH}] (NaN included). */
    public static void requireWidth(double width) {
        if (!(width >= MIN_WIDTH && width <= MAX_WIDTH)) {
            throw new IllegalArgumentException("width must be between " + MIN_WIDTH + " and " + MAX_WIDTH
                    + ", was " + width);
        }
    }

    /** {@code base x width}, to the nearest multiple of 8 (vector-friendly channel counts). */
    static int channels(int base, double width) {
        return Math.max(8, (int) Math.round(base * width / 8) * 8);
    }

    private static ConvolutionLayer conv(int k, int stride, int nOut, CNN2DFormat f) {
        // No bias: the batch norm that follows has its own shift.
        return new ConvolutionLayer.Builder(k, k).stride(stride, stride).nOut(nOut).hasBias(false)
                .activation(Activation.IDENTITY).dataFormat(f).build();
    }

    private static void bnRelu(NeuralNetConfiguration.ListBuilder b, CNN2DFormat f) {
        b.layer(new BatchNormalization.Builder().dataFormat(f).build());
        b.layer(new ActivationLayer.Builder().activation(Activation.RELU).build());
    }

    private static SubsamplingLayer maxPool(CNN2DFormat f) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).dataFormat(f).build();
    }

    private static LossMCXENT loss(double[] classWeights) {
        return classWeights == null ? new LossMCXENT() : new LossMCXENT(Nd4j.create(classWeights).castTo(
                org.nd4j.linalg.api.buffer.DataType.FLOAT));
    }
}
