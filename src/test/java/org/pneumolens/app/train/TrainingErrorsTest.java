package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingErrorsTest {
    @Test
    void outOfMemoryAnywhereInTheCauseChainSuggestsSmallerSettings() {
        String heap = TrainingErrors.describe(new RuntimeException("wrapped", new OutOfMemoryError("Java heap space")));
        assertTrue(heap.startsWith("Out of memory. Try a smaller input size or batch size"), heap);
        String nd4j = TrainingErrors.describe(new RuntimeException("Cannot allocate 12884901888 bytes"));
        assertTrue(nd4j.startsWith("Out of memory."), nd4j);
    }

    @Test
    void otherFailuresKeepTheirMessage() {
        assertEquals("Cannot train: No readable validation image",
                TrainingErrors.describe(new IllegalArgumentException("No readable validation image")));
        assertEquals("Training failed: NullPointerException", TrainingErrors.describe(new NullPointerException()));
    }
}
