package org.pneumolens.core.model;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The network description of a model file ({@code configuration.json}), checked before DL4J sees it and before
 * any parameter is allocated. DL4J's JSON names the Java class of every layer, activation and updater
 * ({@code "@class"}); Jackson only instantiates classes of the declared base type, and this check further allows
 * only DL4J's and ND4J's own packages, a bounded nesting depth, at most {@value #MAX_LAYERS} layers, 32-bit float
 * parameters and a softmax output layer (its outputs are shown as probabilities).
 */
final class NetworkConfiguration {
    static final int MAX_LAYERS = 500;
    private static final int MAX_DEPTH = 64;

    private NetworkConfiguration() {
    }

    static MultiLayerConfiguration parse(String json, String name) throws ModelFormatException {
        screen(json, name);
        MultiLayerConfiguration conf;
        try {
            conf = MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new ModelFormatException(name + ": the network configuration (" + ModelZip.CONFIGURATION
                    + ") cannot be read (" + firstLine(e.getMessage()) + ")", e);
        }
        int n = conf.getConfs() == null ? 0 : conf.getConfs().size();
        if (n < 1 || n > MAX_LAYERS) {
            throw new ModelFormatException(name + ": the network configuration has " + n + " layers (1 to "
                    + MAX_LAYERS + " accepted)");
        }
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c == null || c.getLayer() == null) {
                throw new ModelFormatException(name + ": the network configuration has an empty layer");
            }
        }
        if (conf.getDataType() != DataType.FLOAT) {
            throw new ModelFormatException(name + ": the network computes in " + conf.getDataType()
                    + "; this version reads 32-bit FLOAT networks");
        }
        Layer last = conf.getConf(n - 1).getLayer();
        if (!(last instanceof BaseOutputLayer out && out.getActivationFn() instanceof ActivationSoftmax)) {
            throw new ModelFormatException(name + ": the network's last layer is not a softmax output layer ("
                    + last.getClass().getSimpleName() + "), so its outputs are not probabilities");
        }
        return conf;
    }

    /** Sum of every layer's parameter count, as DL4J's {@code init} will allocate them; bounded. */
    static long parameterCount(MultiLayerConfiguration conf, String name) throws ModelFormatException {
        long total = 0;
        try {
            for (NeuralNetConfiguration c : conf.getConfs()) {
                long n = c.getLayer().initializer().numParams(c);
                if (n < 0 || n > Coefficients.MAX_PARAMS) {
                    throw new ModelFormatException(name + ": a layer of the network declares " + n
                            + " parameters (at most " + Coefficients.MAX_PARAMS + " accepted)");
                }
                total += n;
            }
        } catch (RuntimeException e) {
            throw new ModelFormatException(name + ": the network configuration is inconsistent ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        if (total > Coefficients.MAX_PARAMS) {
            throw new ModelFormatException(name + ": the network declares " + total + " parameters (at most "
                    + Coefficients.MAX_PARAMS + " accepted)");
        }
        return total;
    }

    /** Walks the JSON without building it: nesting depth and the classes named by {@code "@class"}. */
    private static void screen(String json, String name) throws ModelFormatException {
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            int depth = 0;
            boolean classNext = false;
            do {
                JsonToken t = r.peek();
                switch (t) {
                    case BEGIN_OBJECT -> {
                        r.beginObject();
                        depth++;
                    }
                    case BEGIN_ARRAY -> {
                        r.beginArray();
                        depth++;
                    }
                    case END_OBJECT -> {
                        r.endObject();
                        depth--;
                    }
                    case END_ARRAY -> {
                        r.endArray();
                        depth--;
                    }
                    case NAME -> classNext = "@class".equals(r.nextName());
                    case STRING -> {
                        String v = r.nextString();
                        if (classNext && !(v.startsWith("org.deeplearning4j.") || v.startsWith("org.nd4j."))) {
                            throw new ModelFormatException(name + ": the network configuration names a class "
                                    + "outside DL4J (" + ModelZip.printable(v) + "); refused");
                        }
                    }
                    case END_DOCUMENT -> {
                        return;
                    }
                    default -> r.skipValue();
                }
                if (t != JsonToken.NAME) {
                    classNext = false;
                }
                if (depth > MAX_DEPTH) {
                    throw new ModelFormatException(name + ": the network configuration is nested more than "
                            + MAX_DEPTH + " levels deep");
                }
            } while (depth > 0);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new ModelFormatException(name + ": the network configuration (" + ModelZip.CONFIGURATION
                    + ") is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return ModelZip.printable(line.length() > 200 ? line.substring(0, 200) + "..." : line);
    }
}
