package org.pneumolens.core.engine;

import java.util.Locale;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Thread settings and a description of the ND4J native build actually loaded, for the benchmark's {@code engine}
 * field. The build is chosen by the nd4j-native jar on the class path and
 * {@code -Dorg.bytedeco.javacpp.platform.extension} (e.g. {@code -avx512}, {@code -onednn-avx512}).
 */
public final class NativeEngine {
    public static final String DL4J_VERSION = "1.0.0-M2.1";

    private NativeEngine() {
    }

    /**
     * Caps ND4J's OpenMP pool, its master threads and OpenBLAS at {@code threads}, like
     * {@code torch.set_num_threads}. Launch scripts should also set {@code OMP_NUM_THREADS}, which libnd4j reads
     * while loading, before this can run.
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }

    /**
     * Runs {@code work} with ND4J's own parallel loops and the calling thread's OpenMP regions (oneDNN's convolutions
     * and pooling) capped at {@code threads}, then puts the previous caps back, also when it throws. For one image in
     * the window: its forward and Grad-CAM passes are too small to gain from splitting, and on 2 cores the window's
     * own threads (FX, the render thread drawing the image in software under Xvfb) take the core the second OpenMP
     * thread waits for at every barrier: the analysis took a median 54 ms with 2 threads in the window against 18-26
     * with 1 (docs/performance.md). OpenBLAS's thread count is process-wide and not safe to change while another
     * thread (a training run) is inside BLAS, so it is left alone; ND4J's caps are plain global values, so work
     * running beside this on another thread uses them too until they are put back (slower for those milliseconds,
     * never wrong).
     */
    public static <T> T withThreads(int threads, java.util.concurrent.Callable<T> work) throws Exception {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        org.nd4j.linalg.factory.Environment env = Nd4j.getEnvironment();
        int maxThreads = env.maxThreads();
        int masterThreads = env.maxMasterThreads();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(threads);
        ops.setOmpNumThreads(threads);
        try {
            return work.call();
        } finally {
            env.setMaxThreads(maxThreads);
            env.setMaxMasterThreads(masterThreads);
            ops.setOmpNumThreads(maxThreads);
        }
    }

    /** The thread counts in force: {@code [nd4j max threads, BLAS threads]}, to check {@link #setThreads} held. */
    public static int[] threadsInForce() {
        return new int[]{Nd4j.getEnvironment().maxThreads(), Nd4j.factory().blas().getMaxThreads()};
    }

    /**
     * E.g. {@code "dl4j 1.0.0-M2.1 nd4j-native linux-x86_64-onednn-avx512 (openblas, onednn), NHWC"}. The build is
     * named from what the loaded binary reports, not from the requested extension: JavaCPP silently falls back to
     * the generic binary when the extension's jar is missing, and the name then says so.
     */
    public static String describe(CNN2DFormat layout) {
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        String build = ops.buildInfo();
        boolean onednn = build.contains("HAVE_ONEDNN");
        String loaded = org.bytedeco.javacpp.Loader.getPlatform() + (onednn ? "-onednn" : "")
                + levelSuffix(ops.binaryLevel());
        String requested = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        StringBuilder libs = new StringBuilder(
                Nd4j.factory().blas().getBlasVendor().toString().toLowerCase(Locale.ROOT));
        if (onednn) {
            libs.append(", onednn");
        }
        NativeHelpers.enable(); // as the networks about to be built will have it
        boolean helpersOn = layout == CNN2DFormat.NCHW && NativeHelpers.available()
                && !Boolean.parseBoolean(System.getProperty(NativeHelpers.DISABLE_PROPERTY, "true"));
        libs.append(helpersOn ? ", dl4j onednn helpers" : ", dl4j helpers off");
        if (!requested.isEmpty() && !loaded.endsWith(requested)) {
            libs.append(", requested ").append(requested).append(" not loaded");
        }
        return String.format(Locale.ROOT, "dl4j %s nd4j-native %s (%s), %s", DL4J_VERSION, loaded, libs,
                layout.name());
    }

    /** libnd4j's binary level: 1 generic x86-64, 2 AVX2, 3 AVX-512 (the classifier suffixes of nd4j-native). */
    static String levelSuffix(int binaryLevel) {
        return switch (binaryLevel) {
            case 2 -> "-avx2";
            case 3 -> "-avx512";
            default -> "";
        };
    }
}
