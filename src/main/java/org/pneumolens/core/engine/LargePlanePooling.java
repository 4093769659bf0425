package org.pneumolens.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A max-pooling layer that runs NCHW planes on libnd4j's own kernel wherever oneDNN's would be its slow one. oneDNN
 * 2.x has a fast (JIT) kernel for plain NCHW tensors only on AVX-512, and only while a block of 16 channels of one
 * image, input and output planes, fits the core's L2 cache; otherwise it falls back to its reference kernel {@code
 * simple_nchw}. On this project's 2-core AVX-512 machine (1 MB L2 per core) the seed CNN's first pooling (32 x 148
 * x 148) is past that limit: one image took 2.8 ms against 0.3-0.5 ms on libnd4j's kernel, a batch of 50 137 ms
 * against 24 (backward 185 against 76). With oneDNN capped to AVX2 every NCHW pooling fell back: 50 x 64 x 72 x 72 75
 * ms against 8 (backward 101 against 39), PneumoNet's 32 x 32 x 80 x 80 training batch 26.6 against 3.2. Below the
 * limit on AVX-512 oneDNN's kernel is the faster one (32 x 32 x 80 x 80 forward 1.5 ms against 2.9, backward 6.3
 * against 14.8), so there it stays. Max pooling gives the same numbers on either kernel.
 *
 * <p>DL4J's layer calls libnd4j's {@code maxpool2d} itself (its helper is used for the backward pass only), and
 * libnd4j has no per-operation choice of kernel, only a global switch; so the layer's own forward and backward
 * passes run with the switch off. Operations other threads start in that moment (below a millisecond for one image)
 * also run libnd4j's own kernels: slower, never different. {@link NativeHelpers#install} swaps this in for every
 * pooling layer of a network; {@code NativeHelpersTest} checks outputs, gradients and training steps equal DL4J's
 * own implementation, {@code LargePlanePoolingTest} the choice and that both kernels agree. Decision 0015.
 */
final class LargePlanePooling extends SubsamplingLayer {
    /** oneDNN's channel block on AVX-512, the only ISA where it has a JIT kernel for plain NCHW pooling. */
    private static final int CHANNEL_BLOCK = 16;
    private static final long L2_BYTES = l2CacheBytes(Path.of("/sys/devices/system/cpu/cpu0/cache"));
    private static final boolean AVX512 = oneDnnUsesAvx512(cpuFlags(Path.of("/proc/cpuinfo")),
            System.getenv("ONEDNN_MAX_CPU_ISA"), System.getenv("DNNL_MAX_CPU_ISA"));
    private static final Object SWITCH = new Object();
    /** Passes run on libnd4j's kernel so far (tests: that the choice happened, not only that results agree). */
    static final AtomicLong OWN_KERNEL_PASSES = new AtomicLong();

    private final long l2Bytes;

    /** Whether oneDNN runs its AVX-512 kernels in this process (the CPU's flags and the ISA caps). */
    static boolean oneDnnAvx512() {
        return AVX512;
    }

    /** One core's L2 cache in bytes (sysfs; 1 MB where unknown). */
    static long l2Bytes() {
        return L2_BYTES;
    }

    /** The same layer as {@code original} (configuration, position, listeners); pooling layers hold no parameters. */
    LargePlanePooling(SubsamplingLayer original) {
        this(original, AVX512 ? L2_BYTES : 0);
    }

    /**
     * With a given cache size: 0 sends every plane to libnd4j's kernel (as without AVX-512), a huge one none (tests).
     */
    LargePlanePooling(SubsamplingLayer original, long l2Bytes) {
        super(original.conf(), original.getDataType());
        this.l2Bytes = l2Bytes;
        setIndex(original.getIndex());
        setListeners(original.getListeners());
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return largePlane() ? withOwnKernels(() -> super.activate(training, workspaceMgr))
                : super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return largePlane() ? withOwnKernels(() -> super.backpropGradient(epsilon, workspaceMgr))
                : super.backpropGradient(epsilon, workspaceMgr);
    }

    private boolean largePlane() {
        var c = layerConf();
        if (input == null || input.rank() != 4 || c.getPoolingType() != PoolingType.MAX
                || c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            return false;
        }
        int[] out = ConvolutionUtils.getOutputSize(input, c.getKernelSize(), c.getStride(),
                c.getConvolutionMode() == org.deeplearning4j.nn.conf.ConvolutionMode.Same ? null : c.getPadding(),
                c.getConvolutionMode(), c.getDilation(), CNN2DFormat.NCHW);
        return pastCacheLimit(input.size(2) * input.size(3), (long) out[0] * out[1], l2Bytes);
    }

    /** Whether one channel block's input and output planes exceed the L2 cache: where oneDNN leaves its JIT kernel. */
    static boolean pastCacheLimit(long inPlane, long outPlane, long l2Bytes) {
        return CHANNEL_BLOCK * (inPlane + outPlane) * Float.BYTES > l2Bytes;
    }

    /**
     * Whether oneDNN runs its AVX-512 kernels: the CPU has them ({@code avx512f} in {@code /proc/cpuinfo}; unknown
     * elsewhere, taken as no) and neither of oneDNN's caps (new and old name) limits it below.
     */
    static boolean oneDnnUsesAvx512(String cpuFlags, String maxIsa, String oldMaxIsa) {
        String cap = maxIsa != null && !maxIsa.isBlank() ? maxIsa : oldMaxIsa;
        boolean capped = cap != null && !cap.isBlank() && !cap.toUpperCase(Locale.ROOT).contains("AVX512")
                && !cap.equalsIgnoreCase("ALL") && !cap.toUpperCase(Locale.ROOT).contains("AMX");
        return !capped && (" " + cpuFlags + " ").contains(" avx512f ");
    }

    /** The first {@code flags} line of {@code /proc/cpuinfo}, or "" where there is none. */
    static String cpuFlags(Path cpuinfo) {
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The L2 cache of one core from Linux's sysfs ({@code index*}: level 2, data or unified), or 1 MB where there
     * is none (other systems, containers hiding it): a common size today, and a wrong guess only costs speed.
     */
    static long l2CacheBytes(Path cacheDir) {
        for (int i = 0; i < 8; i++) {
            Path index = cacheDir.resolve("index" + i);
            try {
                if (Files.readString(index.resolve("level")).trim().equals("2")
                        && !Files.readString(index.resolve("type")).trim().equals("Instruction")) {
                    return parseSize(Files.readString(index.resolve("size")).trim());
                }
            } catch (IOException | RuntimeException e) {
                // no such index, or unreadable: try the next
            }
        }
        return 1L << 20;
    }

    static long parseSize(String s) {
        String t = s.toUpperCase(Locale.ROOT);
        long unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : 1;
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    static <T> T withOwnKernels(Supplier<T> work) {
        Environment env = Nd4j.getEnvironment();
        synchronized (SWITCH) { // two poolings at once must not switch oneDNN back on under each other
            boolean before = env.helpersAllowed();
            env.allowHelpers(false);
            OWN_KERNEL_PASSES.incrementAndGet();
            try {
                return work.get();
            } finally {
                env.allowHelpers(before);
            }
        }
    }
}
