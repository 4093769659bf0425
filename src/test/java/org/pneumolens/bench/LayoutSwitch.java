package org.pneumolens.bench;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * The NCHW/NHWC lever for networks already built (e.g. {@code Architectures.pneumoNet}, whose layout is fixed by
 * {@code Architectures.layout()}): the same architecture in the other layout, and weights moved across so both give
 * the same outputs. Convolution kernels are stored [out, in, kH, kW] in both layouts; what changes is the order in
 * which a feature map is flattened into a dense layer, so that layer's weight rows are reordered.
 */
public final class LayoutSwitch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LayoutSwitch() {
    }

    /** A fresh, initialised network with {@code conf}'s layers in {@code format}. */
    public static MultiLayerNetwork convert(MultiLayerConfiguration conf, CNN2DFormat format) {
        try {
            JsonNode root = JSON.readTree(conf.toJson());
            rewrite(root, format);
            MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(JSON.writeValueAsString(root)));
            net.init();
            return net;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot rewrite the network configuration", e);
        }
    }

    /** Every layout field (layers, input pre-processors) and the spatial axes of global pooling. */
    private static void rewrite(JsonNode node, CNN2DFormat format) {
        if (node instanceof ObjectNode obj) {
            var names = obj.fieldNames();
            java.util.List<String> keys = new java.util.ArrayList<>();
            names.forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = obj.get(k);
                boolean layoutValue = v.isTextual() && ("NCHW".equals(v.asText()) || "NHWC".equals(v.asText()));
                if (layoutValue) {
                    obj.put(k, format.name());
                } else if ("poolingDimensions".equals(k) && v instanceof ArrayNode dims && isSpatial(dims)) {
                    // Global pooling over H and W: axes [2, 3] in NCHW, [1, 2] in NHWC.
                    dims.removeAll();
                    if (format == CNN2DFormat.NCHW) {
                        dims.add(2).add(3);
                    } else {
                        dims.add(1).add(2);
                    }
                } else {
                    rewrite(v, format);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            arr.forEach(child -> rewrite(child, format));
        }
    }

    private static boolean isSpatial(ArrayNode dims) {
        return dims.size() == 2 && ((dims.get(0).asInt() == 2 && dims.get(1).asInt() == 3)
                || (dims.get(0).asInt() == 1 && dims.get(1).asInt() == 2));
    }

    /**
     * Copies all parameters from {@code src} to {@code dst} (same architecture, any layouts), reordering the rows of
     * each dense layer that is fed by a flattened feature map from (c, h, w) order to (h, w, c) order or back.
     */
    public static void copyParams(MultiLayerNetwork src, MultiLayerNetwork dst) {
        if (src.getnLayers() != dst.getnLayers()) {
            throw new IllegalArgumentException("different architectures: " + src.getnLayers() + " vs "
                    + dst.getnLayers() + " layers");
        }
        for (int i = 0; i < src.getnLayers(); i++) {
            InputPreProcessor pre = src.getLayerWiseConfigurations().getInputPreProcess(i);
            InputPreProcessor dstPre = dst.getLayerWiseConfigurations().getInputPreProcess(i);
            for (Map.Entry<String, INDArray> e : src.getLayer(i).paramTable().entrySet()) {
                INDArray value = e.getValue();
                if ("W".equals(e.getKey()) && pre instanceof CnnToFeedForwardPreProcessor from
                        && dstPre instanceof CnnToFeedForwardPreProcessor to && from.getFormat() != to.getFormat()) {
                    value = reorderRows(value, from, to.getFormat());
                }
                dst.getLayer(i).setParam(e.getKey(), value.dup());
            }
        }
    }

    /** W: [c·h·w, nOut] in {@code from}'s flatten order → the same rows in {@code to}'s order. */
    private static INDArray reorderRows(INDArray w, CnnToFeedForwardPreProcessor from, CNN2DFormat to) {
        long c = from.getNumChannels();
        long h = from.getInputHeight();
        long wd = from.getInputWidth();
        long nOut = w.size(1);
        if (from.getFormat() == CNN2DFormat.NCHW && to == CNN2DFormat.NHWC) {
            return w.reshape('c', c, h, wd, nOut).permute(1, 2, 0, 3).dup('c').reshape('c', h * wd * c, nOut);
        }
        return w.reshape('c', h, wd, c, nOut).permute(2, 0, 1, 3).dup('c').reshape('c', c * h * wd, nOut);
    }
}
