package org.pneumolens.core.model;

import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

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
