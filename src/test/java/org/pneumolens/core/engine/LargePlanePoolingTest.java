package org.pneumolens.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.model.Architectures;

class LargePlanePoolingTest {
    @TempDir
    Path dir;

    @Test
    void everyPoolingLayerIsSwappedAndKeepsItsPlaceAndHelper() {
        MultiLayerNetwork net = Architectures.seedCnn(40, 1e-3, 3, CNN2DFormat.NCHW);
        for (int i : new int[]{1, 3, 5}) {
            Layer l = net.getLayer(i);
            assertTrue(l instanceof LargePlanePooling, "layer " + i + ": " + l.getClass());
            assertEquals(i, l.getIndex());
            assertEquals(l.getHelper() != null, NativeHelpers.available(), "the backward pass keeps DL4J's helper");
        }
        assertEquals(net.getLayer(1), net.getLayer(net.getLayer(1).conf().getLayer().getLayerName()), "by name too");
    }

    @Test
    void libnd4jsKernelGivesTheSameOutputsGradientsAndStepsAsOneDnns() {
        // l2 = 0 sends every plane to libnd4j's own kernel, Long.MAX_VALUE none: the two must agree exactly enough
        // that training is unchanged. The batch of 4 with 60 px planes runs both kernels for real.
        MultiLayerNetwork own = withPoolingCache(Architectures.seedCnn(64, 1e-3, 5, CNN2DFormat.NCHW), 0);
        MultiLayerNetwork onednn = withPoolingCache(Architectures.seedCnn(64, 1e-3, 5, CNN2DFormat.NCHW),
                Long.MAX_VALUE);
        onednn.setParams(own.params().dup());
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 64, 64);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 2);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 2, 1f);
        }
        long before = LargePlanePooling.OWN_KERNEL_PASSES.get();
        INDArray ownOut = own.output(x, false);
        assertEquals(before + 3, LargePlanePooling.OWN_KERNEL_PASSES.get(), "three poolings on libnd4j's kernel");
        assertClose("inference output", ownOut, onednn.output(x, false));
        assertEquals(before + 3, LargePlanePooling.OWN_KERNEL_PASSES.get(), "and none with a cache that fits all");
        own.setInput(x);
        own.setLabels(y);
        onednn.setInput(x);
        onednn.setLabels(y);
        Nd4j.getRandom().setSeed(1);
        own.computeGradientAndScore();
        Nd4j.getRandom().setSeed(1);
        onednn.computeGradientAndScore();
        assertClose("gradient", own.gradient().gradient(), onednn.gradient().gradient());
        assertTrue(onednn.gradient().gradient().amaxNumber().doubleValue() > 1e-4, "degenerate test: zero gradient");
        for (int i = 0; i < 3; i++) {
            Nd4j.getRandom().setSeed(10 + i);
            own.fit(x, y);
            Nd4j.getRandom().setSeed(10 + i);
            onednn.fit(x, y);
        }
        assertClose("parameters after 3 steps", own.params(), onednn.params());
        assertTrue(Nd4j.getEnvironment().helpersAllowed(), "libnd4j's switch is back on");
    }

    @Test
    void onlyPlanesWhoseChannelBlockOverflowsTheCacheMove() {
        long mb = 1L << 20;
        assertTrue(LargePlanePooling.pastCacheLimit(148 * 148, 74 * 74, mb), "the seed CNN's first pooling");
        assertFalse(LargePlanePooling.pastCacheLimit(112 * 112, 56 * 56, mb), "measured on the JIT kernel");
        assertFalse(LargePlanePooling.pastCacheLimit(80 * 80, 40 * 40, mb), "PneumoNet's first pooling at 160 px");
        assertFalse(LargePlanePooling.pastCacheLimit(148 * 148, 74 * 74, 2 * mb), "a core with 2 MB of L2");
    }

    @Test
    void withoutAvx512OrWithOneDnnCappedBelowItEveryPlaneMoves() throws IOException {
        String flags = "fpu sse2 avx avx2 fma avx512f avx512bw avx512vl";
        assertTrue(LargePlanePooling.oneDnnUsesAvx512(flags, null, null));
        assertTrue(LargePlanePooling.oneDnnUsesAvx512(flags, "AVX512_CORE", null));
        assertTrue(LargePlanePooling.oneDnnUsesAvx512(flags, null, "avx512_core_amx"));
        assertFalse(LargePlanePooling.oneDnnUsesAvx512(flags, "AVX2", null), "the benchmark's AVX2 cap");
        assertFalse(LargePlanePooling.oneDnnUsesAvx512(flags, null, "AVX2"), "its old name");
        assertFalse(LargePlanePooling.oneDnnUsesAvx512("fpu sse2 avx avx2 fma", null, null), "an AVX2 desktop");
        assertFalse(LargePlanePooling.oneDnnUsesAvx512("", null, null), "no /proc/cpuinfo");
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: " + flags + "\n\nprocessor\t: 1\nflags\t\t: x\n");
        assertEquals(flags, LargePlanePooling.cpuFlags(cpuinfo));
        assertEquals("", LargePlanePooling.cpuFlags(dir.resolve("missing")));
    }

    @Test
    void theCacheSizeComesFromSysfsWithOneMegabyteWhereThereIsNone() throws IOException {
        index(0, "1", "Data", "48K");
        index(1, "1", "Instruction", "32K");
        index(2, "2", "Unified", "1024K");
        assertEquals(1L << 20, LargePlanePooling.l2CacheBytes(dir));
        assertEquals(1L << 20, LargePlanePooling.l2CacheBytes(dir.resolve("missing")));
        assertEquals(2L << 20, LargePlanePooling.parseSize("2M"));
        assertEquals(512L << 10, LargePlanePooling.parseSize("512K"));
    }

    private void index(int i, String level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + i));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }

    private static MultiLayerNetwork withPoolingCache(MultiLayerNetwork net, long l2) {
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof SubsamplingLayer s) {
                layers[i] = new LargePlanePooling(s, l2);
            }
        }
        net.setLayers(layers);
        return net;
    }

    private static void assertClose(String what, INDArray a, INDArray b) {
        assertArrayEquals(b.shape(), a.shape(), what);
        double diff = a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff < 1e-5, what + " differs by " + diff);
    }
}
