package org.pneumolens.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;

class NativeEngineTest {
    @Test
    void theEngineNameFollowsTheLoadedPlatformAndBinaryLevel() {
        assertEquals("", NativeEngine.levelSuffix(1));
        assertEquals("-avx2", NativeEngine.levelSuffix(2));
        assertEquals("-avx512", NativeEngine.levelSuffix(3));
        // The platform is the one JavaCPP loaded (linux-x86_64 on this project's machines, not assumed here).
        String engine = NativeEngine.describe(CNN2DFormat.NCHW);
        assertTrue(engine.startsWith("dl4j 1.0.0-M2.1 nd4j-native " + Loader.getPlatform()) && engine.endsWith(", NCHW"),
                engine);
    }
}
