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

/**
 * Grad-CAM (Selvaraju et al. 2017) for a {@link MultiLayerNetwork}: the last convolution's feature maps,
 * weighted by the spatial mean of the gradient of the chosen class's logit with respect to them, summed and
 * passed through ReLU. DL4J has no gradient-to-activation API, so the forward pass is run layer by layer and the
 * gradient is pushed back from the output layer's logits to the feature maps with each layer's own backprop.
 */
public final class GradCam {
    private GradCam() {
    }

    /** A saliency map at feature-map resolution, values in [0, 1]. */
    public record Heatmap(int width, int height, float[] values) {
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
        Forward f = forward(net, input);
        try {
            return f.map(classIndex);
        } finally {
            net.clearLayersStates();
        }
    }

    /** Softmax outputs and one map per class from a single forward pass. */
    public record All(double[] probabilities, java.util.List<Heatmap> maps) {
    }

    /**
     * Every class's map and the network's probabilities from one forward pass: the Diagnose view needs all of them,
     * and the forward pass is the expensive part (each class then costs only the backward pass of the small head).
     */
    public static All computeAll(MultiLayerNetwork net, INDArray input) {
        Forward f = forward(net, input);
        try {
            int k = (int) f.output().size(1);
            java.util.List<Heatmap> maps = new java.util.ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                maps.add(f.map(c));
            }
            return new All(f.output().getRow(0).toDoubleVector(), java.util.List.copyOf(maps));
        } finally {
            net.clearLayersStates();
        }
    }

    /** One inference pass, layer by layer, keeping the activations and each layer's input for the backward pass. */
    private static Forward forward(MultiLayerNetwork net, INDArray input) {
        Layer[] layers = net.getLayers();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView(); // layers write weight gradients into these views during backprop
        }
        INDArray[] acts = new INDArray[layers.length];
        INDArray a = input;
        for (int i = 0; i < layers.length; i++) {
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

        Heatmap map(int classIndex) {
            int target = targetLayer(layers);
            CNN2DFormat format = ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layers[lastConv(layers)].conf()
                    .getLayer()).getCnn2dDataFormat();
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
            INDArray features = acts[target];
            if (format == CNN2DFormat.NHWC) { // to [1, C, h, w]
                features = features.permute(0, 3, 1, 2);
                eps = eps.permute(0, 3, 1, 2);
            }
            INDArray alpha = eps.mean(2, 3); // [1, C]: importance of each feature map
            long c = features.size(1);
            int h = (int) features.size(2);
            int wd = (int) features.size(3);
            INDArray weighted = features.dup('c').reshape(c, (long) h * wd).mulColumnVector(alpha.reshape(c, 1));
            INDArray cam = Nd4j.nn().relu(weighted.sum(0), 0); // [h*w]
            float[] values = cam.toFloatVector();
            float max = 0;
            for (float v : values) max = Math.max(max, v);
            if (max > 0) {
                for (int i = 0; i < values.length; i++) values[i] /= max;
            }
            return new Heatmap(wd, h, values);
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
