package org.pneumolens.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
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
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference for a DL4J convolutional network with its activations kept channels-last (NHWC) from the first layer to
 * the last, running libnd4j's convolution and pooling operations directly. Same numbers as {@code net.output}
 * within float rounding ({@code ChannelsLastForwardTest}), about a third faster for one image here.
 *
 * <p>Why: the project's networks are declared NCHW (decision 0002: training is faster that way with batch norm), but
 * oneDNN computes convolutions in a channels-last layout. For every NCHW convolution libnd4j reorders the output
 * buffer into that layout before the call and the result back after it, and the max pooling that follows runs on a
 * kernel that is slow for large planes (decision 0015). For the seed CNN's first layer (32 x 148 x 148) those two
 * reorders took most of the layer's 5 ms while the convolution itself took a fraction of one (DNNL_VERBOSE,
 * docs/performance.md, session 11). With one grey input channel NCHW and NHWC are the same bytes, so the input
 * costs nothing to turn; only the flattening before a dense layer turns the (by then small) map back.
 *
 * <p>A batch norm that directly follows a convolution is folded into that convolution's weights and bias, which
 * is why this is a snapshot of the network's parameters: build it from a network that no longer trains (a loaded
 * model), and build it again if the parameters change. Layers or settings outside what is listed in {@link #of}
 * give no plan, and the caller keeps DL4J's own forward pass. Thread-safe: it holds only read-only arrays.
 */
public final class ChannelsLastForward {
    /**
     * One image's pass allocates from a per-thread workspace, sized on its first pass and reused after: each step's
     * output then costs no allocation (0.3-0.6 ms of the seed CNN's first convolution alone, its 2.8 MB output).
     * Measured, medians of 200 passes: PneumoNet 5.2-5.7 ms against 6.2-6.5, the seed CNN 6.3-7.9 against 6.6-7.9
     * (docs/performance.md, session 11). A batch would pin its every layer's maps that way (~165 MB for 32
     * images at 160 px): batches take each map from two reused buffers instead ({@link PassBuffers}).
     */
    private static final WorkspaceConfiguration ONE_IMAGE = WorkspaceConfiguration.builder().initialSize(0)
            .overallocationLimit(0.05).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyMirroring(MirroringPolicy.FULL)
            .policySpill(SpillPolicy.REALLOCATE).build();
    private static final String WORKSPACE = "PNEUMOLENS_CHANNELS_LAST_ONE_IMAGE";
    /** The system property that switches the plan off ({@link #enabled}). */
    public static final String SWITCH = "pneumolens.channelsLast";

    private final List<Step> steps;
    private final int[] endsLayer; // per step: the DL4J layer whose output it gives (-1: a preprocessor's)
    private final int featureStep;

    private ChannelsLastForward(List<Step> steps, List<Integer> endsLayer, int featureStep) {
        this.steps = List.copyOf(steps);
        this.endsLayer = endsLayer.stream().mapToInt(Integer::intValue).toArray();
        this.featureStep = featureStep;
    }

    /** Softmax (or whatever the output layer gives) and the input of the output layer, each [n, d]. */
    public record Result(INDArray output, INDArray features) {
    }

    /**
     * The plan for {@code net} with inputs of {@code height} x {@code width}, where it is the faster path: always
     * with AVX-512; without it (or with oneDNN capped below it) only while every convolution's output map of one
     * image fits one core's L2 cache. There oneDNN convolves in an 8-channel blocked layout either way, and turning
     * a large blocked map into NHWC cost more than the NCHW path's reorders: measured with the AVX2 caps, the seed
     * CNN (a 32 x 148 x 148 first map, 2.8 MB) took 10.9-14.3 ms on the plan against 8.8-10.5 on DL4J's layers,
     * while PneumoNet at 160 px (at most 0.8 MB) took 5.5-9.5 against 7.1-12.2 (docs/performance.md, session 11).
     */
    public static Optional<ChannelsLastForward> forInput(MultiLayerNetwork net, int height, int width) {
        if (!enabled()) {
            return Optional.empty();
        }
        Optional<ChannelsLastForward> plan = of(net);
        if (plan.isEmpty()) {
            return plan;
        }
        long largest;
        try {
            largest = largestConvolutionOutputBytes(net, height, width);
        } catch (RuntimeException e) {
            return Optional.empty(); // shapes DL4J cannot work out for this size: its own pass will say what is wrong
        }
        boolean always = "always".equalsIgnoreCase(System.getProperty(SWITCH));
        return always || faster(LargePlanePooling.oneDnnAvx512(), largest, LargePlanePooling.l2Bytes()) ? plan
                : Optional.empty();
    }

    /**
     * {@code -D}{@value #SWITCH}{@code =false} keeps DL4J's own forward pass everywhere: to compare the two paths, or
     * should another ND4J version change what these operations expect. {@code =always} takes the plan wherever it
     * runs, past {@link #faster}'s rule, to measure that rule.
     */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(SWITCH));
    }

    /** The rule of {@link #forInput}: AVX-512, or the largest per-image convolution output within L2. */
    static boolean faster(boolean avx512, long largestConvolutionOutputBytes, long l2Bytes) {
        return avx512 || largestConvolutionOutputBytes <= l2Bytes;
    }

    /** Bytes of the largest convolution output of one image of {@code height} x {@code width} (float32). */
    static long largestConvolutionOutputBytes(MultiLayerNetwork net, int height, int width) {
        var conf = net.getLayerWiseConfigurations();
        long channels = ((ConvolutionLayer) conf.getConf(0).getLayer()).getNIn();
        List<InputType> types = conf.getLayerActivationTypes(InputType.convolutional(height, width, channels,
                CNN2DFormat.NCHW));
        long largest = 0;
        for (int i = 0; i < types.size(); i++) {
            if (conf.getConf(i).getLayer().getClass() == ConvolutionLayer.class) {
                largest = Math.max(largest, types.get(i).arrayElementsPerExample() * Float.BYTES);
            }
        }
        return largest;
    }

    /**
     * A plan for {@code net}, whether or not it is the faster path here (tests; see {@link #forInput}), or empty
     * when one of its layers, preprocessors or settings is not one this class
     * runs: NCHW convolutions (any kernel, stride, dilation; Same or Truncate mode; with or without bias), batch
     * normalisation, activation layers, max subsampling, average or max global pooling, dropout (the identity at
     * inference), dense and output layers, with element-wise activations (softmax only on dense outputs).
     */
    public static Optional<ChannelsLastForward> of(MultiLayerNetwork net) {
        try {
            return Optional.ofNullable(build(net));
        } catch (RuntimeException e) {
            return Optional.empty(); // a configuration this class does not know the shape of: DL4J's own path
        }
    }

    private static ChannelsLastForward build(MultiLayerNetwork net) {
        int n = net.getnLayers();
        if (n == 0 || net.getLayerWiseConfigurations().getConf(n - 1).getLayer().getClass() != OutputLayer.class) {
            return null;
        }
        List<Step> steps = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        boolean spatial = true; // NHWC [n, h, w, c] until a global pooling or a flattening
        int featureStep = -1;
        for (int i = 0; i < n; i++) {
            var conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                if (pre.getClass() != CnnToFeedForwardPreProcessor.class || !spatial
                        || ((CnnToFeedForwardPreProcessor) pre).getFormat() != CNN2DFormat.NCHW) {
                    return null;
                }
                steps.add(ChannelsLastForward::flattenAsNchw);
                ends.add(-1);
                spatial = false;
            }
            if (i == n - 1) {
                featureStep = steps.size();
            }
            Step step;
            Class<?> kind = conf.getClass();
            if (kind == ConvolutionLayer.class && spatial) {
                step = conv(net, i, (ConvolutionLayer) conf);
            } else if (kind == BatchNormalization.class && spatial) {
                step = batchNorm(net, i, (BatchNormalization) conf, steps);
                if (steps.size() < ends.size()) {
                    ends.remove(ends.size() - 1); // folded into the convolution: that layer's own output is gone
                }
            } else if (kind == ActivationLayer.class) {
                step = activation(((ActivationLayer) conf).getActivationFn(), spatial);
            } else if (kind == SubsamplingLayer.class && spatial) {
                step = maxPool((SubsamplingLayer) conf);
            } else if (kind == GlobalPoolingLayer.class && spatial) {
                step = globalPool((GlobalPoolingLayer) conf);
                spatial = false;
            } else if (kind == DropoutLayer.class) {
                step = (x, out) -> x;
            } else if ((kind == DenseLayer.class || kind == OutputLayer.class) && !spatial) {
                step = dense(net, i, ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf).getActivationFn(),
                        kind == DenseLayer.class ? ((DenseLayer) conf).hasBias() : ((OutputLayer) conf).hasBias());
            } else {
                return null;
            }
            if (step == null) {
                return null;
            }
            steps.add(step);
            ends.add(i);
        }
        return new ChannelsLastForward(steps, ends, featureStep);
    }

    /** The output layer's output for an NCHW batch {@code x} (not changed), as {@code net.output(x, false)}. */
    public INDArray output(INDArray x) {
        return run(x).output();
    }

    /** One pass giving the output and the output layer's input (PneumoNet: the 256 global-pool features). */
    public Result run(INDArray x) {
        int last = steps.size() - 1;
        if (x.size(0) != 1) {
            // The results are copied out of the reused buffers: the next pass on this thread overwrites them.
            PassBuffers buffers = PassBuffers.mine();
            Result r = pass(x, last, buffers);
            return new Result(copied(r.output(), buffers),
                    r.features() == null ? null : copied(r.features(), buffers));
        }
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(ONE_IMAGE, WORKSPACE)) {
            Result r = pass(x, last, PassBuffers.FRESH);
            return new Result(r.output().detach(), r.features() == null ? null : r.features().detach());
        }
    }

    /**
     * Frees the buffers this thread's batch passes reuse (52 MB for PneumoNet's batches of 32). A batch job calls
     * it when done; the next batch pass makes them again.
     */
    public static void releaseBatchBuffers() {
        PassBuffers.releaseMine();
    }

    /** Bytes this thread's batch passes hold in their reused buffers now (0 once released). */
    public static long batchBufferBytes() {
        return PassBuffers.heldBytes();
    }

    private static INDArray copied(INDArray a, PassBuffers buffers) {
        INDArray c = a.dup('c');
        if (buffers.mayClose(a)) {
            a.close(); // an ordinary array (dense outputs are): freed now rather than at a collection
        }
        return c;
    }

    /** Steps 0 to {@code last}: their output, and the output layer's input when the pass reaches it (else null). */
    private Result pass(INDArray x, int last, PassBuffers out) {
        INDArray h = toChannelsLast(x, out); // a copy: the in-place steps never touch the caller's array
        out.stepDone(h);
        INDArray features = null;
        for (int i = 0; i <= last; i++) {
            if (i == featureStep) {
                features = h; // the output layer's input: the last step, so no later map can take its buffer
            }
            INDArray next = steps.get(i).apply(h, out);
            out.stepDone(next);
            // Off-heap arrays wait for a collection unless freed; a batch job allocates little heap (PneumoModel).
            // (Inside the one-image workspace nothing is closeable: the workspace is reused as a whole.)
            if (next.data() != h.data() && h != features && out.mayClose(h)) {
                h.close();
            }
            h = next;
        }
        return new Result(h, features);
    }

    /**
     * The output of DL4J layer {@code layer} for {@code x}, in DL4J's layout (NCHW for a feature map), computed by
     * the steps up to it only; Grad-CAM takes the last convolution's activations from here.
     *
     * @throws IllegalArgumentException for a layer whose output this plan does not form: a convolution whose batch
     *                                  norm was folded into it
     */
    public INDArray activation(INDArray x, int layer) {
        int last = -1;
        for (int i = 0; i < endsLayer.length; i++) {
            if (endsLayer[i] == layer) {
                last = i;
            }
        }
        if (last < 0) {
            throw new IllegalArgumentException("layer " + layer + "'s own output is not formed (folded into the next)");
        }
        if (x.size(0) == 1) {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(ONE_IMAGE, WORKSPACE)) {
                return asDl4jLayout(pass(x, last, PassBuffers.FRESH).output()).detach();
            }
        }
        return asDl4jLayout(pass(x, last, PassBuffers.FRESH).output());
    }

    /** A feature map back in NCHW (a new array; {@code h} freed), anything else as it is. */
    private static INDArray asDl4jLayout(INDArray h) {
        if (h.rank() != 4) {
            return h;
        }
        INDArray nchw = h.permute(0, 3, 1, 2).dup('c');
        if (h.closeable()) {
            h.close();
        }
        return nchw;
    }

    /** NCHW [n, c, h, w] to a new NHWC array; with one channel that is a plain copy of the same bytes. */
    private static INDArray toChannelsLast(INDArray x, PassBuffers out) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("expected an NCHW batch, got shape " + java.util.Arrays.toString(
                    x.shape()));
        }
        INDArray c = x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
        INDArray nhwc = out.create(new long[]{c.size(0), c.size(2), c.size(3), c.size(1)});
        return nhwc.assign(c.size(1) == 1 ? c.reshape(c.size(0), c.size(2), c.size(3), 1) : c.permute(0, 2, 3, 1));
    }

    /** DL4J's flattening of a CNN map for a dense layer is the NCHW c-order one: turn back, then flatten. */
    private static INDArray flattenAsNchw(INDArray nhwc, PassBuffers out) {
        INDArray nchw = out.create(new long[]{nhwc.size(0), nhwc.size(3), nhwc.size(1), nhwc.size(2)});
        nchw.assign(nhwc.permute(0, 3, 1, 2));
        return nchw.reshape('c', nchw.size(0), nchw.length() / nchw.size(0));
    }

    /**
     * One layer's work. A new map comes from {@code out}; an element-wise step changes {@code x} in place and returns
     * it; small results (pooled features, dense outputs) are ordinary arrays.
     */
    private interface Step {
        INDArray apply(INDArray x, PassBuffers out);
    }

    /** A convolution; a batch norm right after it replaces this step by the folded one (see batchNorm). */
    private static final class Conv implements Step {
        final INDArray weights; // [out, in, kh, kw] (OIYX)
        final INDArray bias;    // [out] or null
        final Conv2DConfig config;
        final IActivation activation;

        Conv(INDArray weights, INDArray bias, Conv2DConfig config, IActivation activation) {
            this.weights = weights;
            this.bias = bias;
            this.config = config;
            this.activation = activation;
        }

        @Override
        public INDArray apply(INDArray x, PassBuffers out) {
            return activate(activation, out.exec(new Conv2D(x, weights, bias, config)));
        }
    }

    private static Step conv(MultiLayerNetwork net, int i, ConvolutionLayer c) {
        if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW || elementWise(c.getActivationFn()) == null) {
            return null;
        }
        ConvolutionMode mode = c.getConvolutionMode();
        if (!runs(mode)) {
            return null;
        }
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        int[] p = padding(mode, c.getPadding());
        int[] d = c.getDilation();
        Conv2DConfig config = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                .dH(d[0]).dW(d[1]).paddingMode(paddingMode(mode))
                .dataFormat("NHWC").weightsFormat(WeightsFormat.OIYX).build();
        INDArray w = net.getLayer(i).getParam("W");
        INDArray b = c.hasBias() ? net.getLayer(i).getParam("b").reshape(-1) : null;
        return new Conv(w, b, config, c.getActivationFn());
    }

    /**
     * y = gamma (x - mean) / sqrt(var + eps) + beta per channel, as scale x + shift. Right after a convolution
     * with no activation of its own it is folded in: weights times scale per output channel, bias times scale plus
     * shift. The statistics are the running ones DL4J uses at inference (its log10 standard deviation when so stored).
     */
    private static Step batchNorm(MultiLayerNetwork net, int i, BatchNormalization bn, List<Step> before) {
        if (bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
            return null;
        }
        // A few dozen numbers per layer: plain arithmetic here, where ND4J's small operations cost ~50 ms a network.
        var layer = net.getLayer(i);
        double[] mean = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
        int c = mean.length;
        double[] var;
        if (bn.isUseLogStd()) {
            var = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
            for (int k = 0; k < c; k++) {
                double std = Math.pow(10, var[k]);
                var[k] = std * std;
            }
        } else {
            var = values(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        double[] scale = new double[c];
        double[] shift = new double[c];
        for (int k = 0; k < c; k++) {
            double gamma = bn.isLockGammaBeta() ? bn.getGamma()
                    : layer.getParam(BatchNormalizationParamInitializer.GAMMA).getDouble(k);
            double beta = bn.isLockGammaBeta() ? bn.getBeta()
                    : layer.getParam(BatchNormalizationParamInitializer.BETA).getDouble(k);
            scale[k] = gamma / Math.sqrt(var[k] + bn.getEps());
            shift[k] = beta - mean[k] * scale[k];
        }
        int last = before.size() - 1;
        if (last >= 0 && before.get(last) instanceof Conv conv && conv.activation instanceof ActivationIdentity
                && conv.weights.size(0) == c) {
            float[] w = conv.weights.dup('c').data().asFloat(); // [out, in, kh, kw]: a run of weights per channel
            int per = w.length / c;
            float[] bias = new float[c];
            for (int k = 0; k < c; k++) {
                for (int j = k * per; j < (k + 1) * per; j++) {
                    w[j] = (float) (w[j] * scale[k]);
                }
                bias[k] = (float) ((conv.bias == null ? 0 : conv.bias.getDouble(k)) * scale[k] + shift[k]);
            }
            before.remove(last);
            return new Conv(Nd4j.create(w, conv.weights.shape(), 'c'), Nd4j.create(bias, new long[]{c}, 'c'),
                    conv.config, conv.activation);
        }
        INDArray s = Nd4j.create(floats(scale), new long[]{1, c}, 'c');
        INDArray t = Nd4j.create(floats(shift), new long[]{1, c}, 'c');
        return (x, out) -> {
            INDArray rows = x.reshape('c', x.length() / c, c); // contiguous NHWC: a view, changed in place
            rows.muliRowVector(s).addiRowVector(t);
            return x;
        };
    }

    private static double[] values(INDArray a) {
        return a.reshape(a.length()).toDoubleVector();
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = (float) v[k];
        }
        return f;
    }

    private static Step activation(IActivation fn, boolean spatial) {
        if (elementWise(fn) == null && (spatial || !(fn instanceof ActivationSoftmax))) {
            return null;
        }
        return (x, out) -> activate(fn, x);
    }

    private static Step maxPool(SubsamplingLayer s) {
        ConvolutionMode mode = s.getConvolutionMode();
        if (s.getPoolingType() != PoolingType.MAX || s.getCnn2dDataFormat() != CNN2DFormat.NCHW || !runs(mode)) {
            return null;
        }
        int[] k = s.getKernelSize();
        int[] st = s.getStride();
        int[] p = padding(mode, s.getPadding());
        int[] d = s.getDilation();
        Pooling2DConfig config = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(st[0]).sW(st[1]).pH(p[0]).pW(p[1])
                .dH(d[0]).dW(d[1]).paddingMode(paddingMode(mode)).isNHWC(true).build();
        return (x, out) -> out.exec(new MaxPooling2D(x, null, config));
    }

    /** The modes libnd4j's operations share with DL4J: Same, and Truncate / Strict (explicit padding, VALID). */
    private static boolean runs(ConvolutionMode mode) {
        return mode == ConvolutionMode.Same || mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict;
    }

    private static PaddingMode paddingMode(ConvolutionMode mode) {
        return mode == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID;
    }

    /** The explicit padding: none in Same mode, where the operation works it out as DL4J does. */
    private static int[] padding(ConvolutionMode mode, int[] configured) {
        return mode == ConvolutionMode.Same ? new int[]{0, 0} : configured;
    }

    private static Step globalPool(GlobalPoolingLayer g) {
        int[] dims = g.getPoolingDimensions();
        boolean spatialDims = dims == null || java.util.Arrays.equals(dims, new int[]{2, 3});
        if (!g.isCollapseDimensions() || !spatialDims) {
            return null;
        }
        return switch (g.getPoolingType()) {
            case AVG -> (x, out) -> x.mean(1, 2);
            case MAX -> (x, out) -> x.max(1, 2);
            default -> null;
        };
    }

    private static Step dense(MultiLayerNetwork net, int i, IActivation fn, boolean hasBias) {
        if (elementWise(fn) == null && !(fn instanceof ActivationSoftmax)) {
            return null;
        }
        // A c-order copy of DL4J's weights (an f-order view into the network's parameters): libnd4j's matmul hands
        // the product to oneDNN only for such an array, and runs its own slower kernel otherwise. A snapshot, like the
        // folded batch norms (see the class comment).
        INDArray w = net.getLayer(i).getParam("W").dup('c');
        INDArray b = hasBias ? net.getLayer(i).getParam("b") : null;
        return (x, out) -> {
            // libnd4j's matmul operation, which runs oneDNN's, not INDArray.mmul, which calls OpenBLAS. For one image
            // of the seed CNN (18,496 x 128) oneDNN took 0.11-0.16 ms against OpenBLAS's 0.53-0.87; and OpenBLAS's
            // workers spin for ~0.1 s after each call, which kept the next pass's convolutions on one core
            // (docs/performance.md, session 13).
            INDArray z = Nd4j.exec(new Mmul(x, w, null, null))[0];
            if (b != null) {
                z.addiRowVector(b);
            }
            return activate(fn, z);
        };
    }

    /** The activations this class applies in place, element by element; null for any other. */
    private static IActivation elementWise(IActivation fn) {
        boolean known = fn instanceof ActivationIdentity || fn instanceof ActivationReLU
                || fn instanceof ActivationSigmoid || fn instanceof ActivationTanH || fn instanceof ActivationLReLU;
        return known ? fn : null;
    }

    private static INDArray activate(IActivation fn, INDArray z) {
        if (fn instanceof ActivationIdentity) {
            return z;
        }
        return fn.getActivation(z, false); // in place for these functions
    }
}
