package org.pneumolens.core.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.DropoutLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.engine.ChannelsLastForward;

/**
 * Grad-CAM (Selvaraju et al. 2017) for a {@link MultiLayerNetwork}: the last convolution's feature maps,
 * weighted by the spatial mean of the gradient of the chosen class's logit with respect to them, summed and
 * passed through ReLU; each map is normalised to its own strongest cell and keeps that cell's value as
 * {@link Heatmap#scale()} (logit units per feature-map cell). What is shown next to another class's map is
 * {@link #relative}: each map scaled by its class's probability relative to the most likely class, so the map of a
 * class the model rejects (P = 0.001) is drawn weak, not as a full-strength hot spot on a scale of its own.
 * DL4J has no gradient-to-activation API, so the forward pass is run layer by layer and the gradient is pushed back
 * from the output layer's logits to the feature maps with each layer's own backprop.
 */
public final class GradCam {
    private GradCam() {
    }

    /**
     * A saliency map at feature-map resolution, values in [0, {@code strength}].
     *
     * @param scale    the largest cell of the class's own map before normalisation, in logit units per
     *                 feature-map cell (for a global-average-pool head, the cells of a map sum to the class's
     *                 logit minus its bias); 0 when the map is empty
     * @param strength the largest value of this map: 1 for the most likely class, and for another class its
     *                 probability relative to the most likely one ({@link #relative}), so a legend's top colour
     *                 means "as strong as the predicted class's strongest cell"
     */
    public record Heatmap(int width, int height, float[] values, float scale, float strength) {
        /** What the legend says the colours mean. */
        public static final String LEGEND = "Colour: share of the strongest evidence for the predicted class (1); the "
                + "other class's map is scaled by its probability relative to the predicted class.";

        /** A map normalised on its own (its strongest cell is its scale), as in tests and older code. */
        public Heatmap(int width, int height, float[] values) {
            this(width, height, values, 1f, max(values));
        }

        private static float max(float[] values) {
            float m = 0;
            for (float v : values) m = Math.max(m, v);
            return m;
        }

        public float get(int x, int y) {
            return values[y * width + x];
        }

        /** Bilinear upsampling (pixel centres aligned) to an image of the given size; stays in [0, 1]. */
        public float[] upsample(int outW, int outH) {
            float[] out = new float[outW * outH];
            double sx = (double) width / outW;
            double sy = (double) height / outH;
            for (int y = 0; y < outH; y++) {
                double fy = Math.min(height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
                int y0 = (int) fy;
                int y1 = Math.min(height - 1, y0 + 1);
                double wy = fy - y0;
                for (int x = 0; x < outW; x++) {
                    double fx = Math.min(width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                    int x0 = (int) fx;
                    int x1 = Math.min(width - 1, x0 + 1);
                    double wx = fx - x0;
                    double top = get(x0, y0) * (1 - wx) + get(x1, y0) * wx;
                    double bottom = get(x0, y1) * (1 - wx) + get(x1, y1) * wx;
                    out[y * outW + x] = (float) (top * (1 - wy) + bottom * wy);
                }
            }
            return out;
        }
    }

    /**
     * @param input      one image in the network's input layout, batch size 1
     * @param classIndex the class whose evidence is mapped
     */
    public static Heatmap compute(MultiLayerNetwork net, INDArray input, int classIndex) {
        return computeAll(net, input).maps().get(classIndex);
    }

    /**
     * Softmax outputs, one map per class and the penultimate features from a single forward pass.
     *
     * @param features the activations that feed the output layer, flattened (what {@code PneumoModel.forward}
     *                 gives as features: the global-average-pool output of PneumoNet)
     */
    public record All(double[] probabilities, java.util.List<Heatmap> maps, float[] features) {
    }

    /**
     * Every class's map and the network's probabilities from one forward pass: the Diagnose view needs all of them,
     * and the forward pass is the expensive part (each class then costs only the backward pass of the small head).
     */
    public static All computeAll(MultiLayerNetwork net, INDArray input) {
        return computeAll(net, null, input);
    }

    /**
     * {@link #computeAll(MultiLayerNetwork, INDArray)} with the layers up to the maps' on {@code plan} (the
     * network's own channels-last plan, or null for DL4J's forward pass throughout); the small head after them
     * runs on DL4J's layers either way, since their backward passes give the gradient.
     */
    public static All computeAll(MultiLayerNetwork net, ChannelsLastForward plan, INDArray input) {
        Forward f = forward(net, plan, input);
        try {
            int k = (int) f.output().size(1);
            java.util.List<Heatmap> maps = new java.util.ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                float[] v = f.cam(c);
                float own = Heatmap.max(v);
                if (own > 0) {
                    for (int i = 0; i < v.length; i++) v[i] /= own;
                }
                maps.add(new Heatmap(f.mapWidth(), f.mapHeight(), v, own, own > 0 ? 1f : 0f));
            }
            INDArray features = f.acts()[f.layers().length - 2]; // [1, d] (or [1, d, 1, 1] before a flatten)
            return new All(f.output().getRow(0).toDoubleVector(), java.util.List.copyOf(maps),
                    features.reshape(1, features.length()).toFloatVector());
        } finally {
            net.clearLayersStates();
        }
    }

    /**
     * An ensemble's maps and probabilities: the members' probabilities averaged (as the ensemble predicts), and per
     * class the members' maps averaged before normalisation (each map times its scale, in logit units per cell), so
     * a member with stronger evidence weighs more, then normalised to the average's strongest cell. The features are
     * the first member's (the input check was fitted on them).
     */
    public static All average(java.util.List<All> members) {
        if (members.size() == 1) {
            return members.get(0);
        }
        int k = members.get(0).maps().size();
        double[] p = new double[members.get(0).probabilities().length];
        java.util.List<Heatmap> maps = new java.util.ArrayList<>(k);
        for (All a : members) {
            for (int c = 0; c < p.length; c++) p[c] += a.probabilities()[c] / members.size();
        }
        for (int c = 0; c < k; c++) {
            Heatmap first = members.get(0).maps().get(c);
            float[] v = new float[first.values().length];
            for (All a : members) {
                Heatmap m = a.maps().get(c);
                if (m.width() != first.width() || m.height() != first.height()) {
                    throw new IllegalArgumentException("ensemble members' maps differ in size");
                }
                for (int i = 0; i < v.length; i++) v[i] += m.values()[i] * m.scale() / members.size();
            }
            float own = Heatmap.max(v);
            if (own > 0) {
                for (int i = 0; i < v.length; i++) v[i] /= own;
            }
            maps.add(new Heatmap(first.width(), first.height(), v, own, own > 0 ? 1f : 0f));
        }
        return new All(p, java.util.List.copyOf(maps), members.get(0).features());
    }

    /**
     * The maps of one image for display side by side: each (normalised to its own strongest cell) multiplied by its
     * class's probability over the largest probability, so the most likely class's map keeps strength 1 and a class
     * at P = 0.001 against 0.999 is drawn at 0.001 of it.
     *
     * @param probabilities the probabilities shown (calibrated), in class order
     */
    public static java.util.List<Heatmap> relative(java.util.List<Heatmap> maps, double[] probabilities) {
        double top = 0;
        for (double p : probabilities) top = Math.max(top, p);
        java.util.List<Heatmap> out = new java.util.ArrayList<>(maps.size());
        for (int c = 0; c < maps.size(); c++) {
            Heatmap m = maps.get(c);
            float r = top > 0 ? (float) Math.min(1, probabilities[c] / top) : 0f;
            float[] v = new float[m.values().length];
            float own = Heatmap.max(m.values());
            for (int i = 0; i < v.length; i++) v[i] = own > 0 ? m.values()[i] / own * r : 0f;
            out.add(new Heatmap(m.width(), m.height(), v, m.scale(), own > 0 ? r : 0f));
        }
        return java.util.List.copyOf(out);
    }

    /**
     * One inference pass, layer by layer, keeping the activations and each layer's input for the backward pass; with
     * a plan, the layers up to the maps' run on it and only the head after them on DL4J's layers.
     */
    private static Forward forward(MultiLayerNetwork net, ChannelsLastForward plan, INDArray input) {
        Layer[] layers = net.getLayers();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView(); // layers write weight gradients into these views during backprop
        }
        INDArray[] acts = new INDArray[layers.length];
        INDArray a = input;
        int from = 0;
        if (plan != null) {
            int target = targetLayer(layers);
            a = plan.activation(input, target);
            acts[target] = a;
            from = target + 1;
        }
        for (int i = from; i < layers.length; i++) {
            a = preprocess(net, i, a, mgr);
            a = layers[i].activate(a, false, mgr);
            acts[i] = a;
        }
        return new Forward(net, layers, acts, mgr);
    }

    private record Forward(MultiLayerNetwork net, Layer[] layers, INDArray[] acts, LayerWorkspaceMgr mgr) {
        INDArray output() {
            return acts[layers.length - 1];
        }

        private INDArray features() {
            INDArray features = acts[targetLayer(layers)];
            return format() == CNN2DFormat.NHWC ? features.permute(0, 3, 1, 2) : features; // [1, C, h, w]
        }

        private CNN2DFormat format() {
            return ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layers[lastConv(layers)].conf().getLayer())
                    .getCnn2dDataFormat();
        }

        int mapWidth() {
            return (int) features().size(3);
        }

        int mapHeight() {
            return (int) features().size(2);
        }

        /** The class's map before normalisation: ReLU of the gradient-weighted feature maps. */
        float[] cam(int classIndex) {
            int target = targetLayer(layers);
            int last = layers.length - 1;
            // d(logit_c)/d(output layer input) is column c of the output layer's weights, W: [nIn, nOut].
            INDArray w = layers[last].getParam("W");
            INDArray eps = w.getColumn(classIndex).dup().reshape(1, w.size(0));
            InputPreProcessor outPre = net.getLayerWiseConfigurations().getInputPreProcess(last);
            if (outPre != null) {
                eps = outPre.backprop(eps, 1, mgr);
            }
            for (int i = last - 1; i > target; i--) {
                if (!(layers[i] instanceof DropoutLayer)) { // dropout is the identity at inference
                    eps = layers[i].backpropGradient(eps, mgr).getSecond();
                }
                InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pre != null) {
                    eps = pre.backprop(eps, 1, mgr);
                }
            }
            INDArray features = features();
            if (format() == CNN2DFormat.NHWC) {
                eps = eps.permute(0, 3, 1, 2);
            }
            INDArray alpha = eps.mean(2, 3); // [1, C]: importance of each feature map
            long c = features.size(1);
            int h = (int) features.size(2);
            int wd = (int) features.size(3);
            INDArray weighted = features.dup('c').reshape(c, (long) h * wd).mulColumnVector(alpha.reshape(c, 1));
            return Nd4j.nn().relu(weighted.sum(0), 0).toFloatVector(); // [h*w]
        }
    }

    private static INDArray preprocess(MultiLayerNetwork net, int i, INDArray a, LayerWorkspaceMgr mgr) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
        return pre == null ? a : pre.preProcess(a, (int) a.size(0), mgr);
    }

    private static int lastConv(Layer[] layers) {
        for (int i = layers.length - 1; i >= 0; i--) {
            if (layers[i] instanceof ConvolutionLayer) {
                return i;
            }
        }
        throw new IllegalArgumentException("Grad-CAM needs a network with a convolution layer");
    }

    /** The last convolution, or the batch norm / activation right after it, so the maps are post-activation. */
    static int targetLayer(Layer[] layers) {
        int t = lastConv(layers);
        while (t + 1 < layers.length
                && (layers[t + 1] instanceof BatchNormalization || layers[t + 1] instanceof ActivationLayer)) {
            t++;
        }
        return t;
    }
}
