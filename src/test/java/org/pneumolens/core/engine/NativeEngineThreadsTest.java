package org.pneumolens.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NativeEngine#withThreads}: the caps are put back after the work, also when it throws, and OpenBLAS's thread
 * count is never touched (the speed-up itself is measured in the window benchmark, not here).
 */
class NativeEngineThreadsTest {
    @Test
    void capsHoldInsideAndArePutBack() throws Exception {
        int before = Nd4j.getEnvironment().maxThreads();
        int beforeMaster = Nd4j.getEnvironment().maxMasterThreads();
        int blas = Nd4j.factory().blas().getMaxThreads();
        int[] inside = NativeEngine.withThreads(1, () -> new int[]{Nd4j.getEnvironment().maxThreads(),
                Nd4j.getEnvironment().maxMasterThreads(), Nd4j.factory().blas().getMaxThreads()});
        // libnd4j may keep its own floor on these (its pool's size); what it must never do is raise them.
        assertTrue(inside[0] <= before && inside[1] <= beforeMaster, inside[0] + "/" + inside[1]);
        assertEquals(blas, inside[2], "OpenBLAS is left alone");
        assertEquals(before, Nd4j.getEnvironment().maxThreads());
        assertEquals(beforeMaster, Nd4j.getEnvironment().maxMasterThreads());
        assertThrows(IOException.class, () -> NativeEngine.withThreads(1, () -> {
            throw new IOException("the work failed");
        }));
        assertEquals(before, Nd4j.getEnvironment().maxThreads(), "put back after a failure");
        assertThrows(IllegalArgumentException.class, () -> NativeEngine.withThreads(0, () -> 1));
    }
}
