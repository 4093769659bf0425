package org.pneumolens.core.engine;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches DL4J's oneDNN layer helpers on. With them, convolution, pooling and batch-norm layers run libnd4j's
 * oneDNN kernels (forward and backward) instead of DL4J's Java im2col + gemm path: on this project's 2-core
 * machine the seed CNN trains about 3x faster and infers about 4x faster (docs/performance.md).
 *
 * <p>DL4J 1.0.0-M2.1 ships them switched off twice over: {@code HelperUtils} creates no helper unless the system
 * property {@value #DISABLE_PROPERTY} is {@code false} (its default is {@code true}), and
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} asks a class that M2.1 renamed (see {@code org.nd4j.nativeblas.Nd4jCpu}
 * in this project for the bridge). The property is read each time a layer is created, so {@link #enable()} must
 * run before any network is built or loaded; the classes that build and load networks call it.
 */
public final class NativeHelpers {
    /** DL4J's switch; {@code -Dorg.eclipse.deeplearning4j.helpers.disable=true} on the command line still wins. */
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private static final Logger LOG = LoggerFactory.getLogger(NativeHelpers.class);

    private NativeHelpers() {
    }

    /** Idempotent; leaves a value given on the command line alone, so the helpers can be compared on and off. */
    public static void enable() {
        if (System.getProperty(DISABLE_PROPERTY) == null) {
            System.setProperty(DISABLE_PROPERTY, "false");
        }
    }

    /**
     * Builds (or loads) a network whose layers run DL4J's own implementation. Not thread-safe: it flips the global
     * property for the duration of {@code build}, so only for single-threaded tools (benchmark, tests).
     */
    public static <T> T buildWithout(Supplier<T> build) {
        String before = System.getProperty(DISABLE_PROPERTY);
        System.setProperty(DISABLE_PROPERTY, "true");
        try {
            return build.get();
        } finally {
            if (before == null) {
                System.clearProperty(DISABLE_PROPERTY);
            } else {
                System.setProperty(DISABLE_PROPERTY, before);
            }
        }
    }

    /**
     * Gives the network's first layer, when it is a convolution running a helper, the backward pass that skips
     * the unused gradient with respect to the input image ({@link InputConvBackprop}), and every pooling layer
     * libnd4j's own kernel wherever oneDNN's would be its slow reference kernel: without AVX-512, or for planes past
     * the core's L2 ({@link LargePlanePooling}; this swap does not depend on DL4J's helpers). Call after the network
     * is initialised or loaded; returns the same network. Without helpers (or if DL4J's fields move in another
     * version) the first layer is left as it is: slower, never different.
     */
    public static MultiLayerNetwork install(MultiLayerNetwork net) {
        if (net.getnLayers() > 0
                && net.getLayer(0) instanceof org.deeplearning4j.nn.layers.convolution.ConvolutionLayer conv
                && conv.getHelper() instanceof ConvolutionHelper helper && !(helper instanceof InputConvBackprop)) {
            replaceHelper(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, conv,
                    new InputConvBackprop(helper), "First-layer backward pass");
        }
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].getClass() == SubsamplingLayer.class) {
                layers[i] = new LargePlanePooling((SubsamplingLayer) layers[i]);
            }
        }
        net.setLayers(layers);
        replaceInLayerMap(net, layers);
        return net;
    }

    /** DL4J keeps its layers twice, by position and by name; {@code getLayer(name)} must see the swapped ones. */
    @SuppressWarnings("unchecked")
    private static void replaceInLayerMap(MultiLayerNetwork net, Layer[] layers) {
        try {
            Field field = MultiLayerNetwork.class.getDeclaredField("layerMap");
            field.setAccessible(true);
            Map<String, Layer> map = (Map<String, Layer>) field.get(net);
            if (map != null) {
                for (Layer l : layers) {
                    String name = l.conf().getLayer().getLayerName();
                    if (name != null && map.containsKey(name)) {
                        map.put(name, l);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Layers by name left as DL4J's: {}", e.toString());
        }
    }

    private static void replaceHelper(Class<?> owner, Object layer, Object helper, String what) {
        try {
            Field field = owner.getDeclaredField("helper");
            field.setAccessible(true); // protected, and DL4J has no setter
            field.set(layer, helper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("{} left as DL4J's (slower): {}", what, e.toString());
        }
    }

    /** Whether the loaded ND4J build can run the helpers (the oneDNN build is on the class path and allowed). */
    public static boolean available() {
        return BaseMKLDNNHelper.mklDnnEnabled();
    }

    /** How many of the network's layers run through a helper (for the benchmark's engine field and tests). */
    public static int helperLayers(MultiLayerNetwork net) {
        int n = 0;
        for (Layer layer : net.getLayers()) {
            if (layer.getHelper() != null) {
                n++;
            }
        }
        return n;
    }
}
