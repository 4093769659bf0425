package org.pneumolens.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import org.junit.jupiter.api.Test;
import org.pneumolens.core.model.PneumoModel;

class BundledModelPreloadTest {
    @Test
    void thePreloadedModelIsTakenOnceThenLoadsAreFresh() throws Exception {
        BundledModelPreload.start();
        BundledModelPreload.awaitNativeStart(); // what the launcher waits for before starting JavaFX
        PneumoModel first = BundledModelPreload.take();
        PneumoModel second = BundledModelPreload.take();
        assertEquals(java.util.List.of("NORMAL", "PNEUMONIA"), first.classes());
        assertNotSame(first, second, "a second take must not hand out the same (stateful) network again");
        assertEquals(first.metadata().threshold(), second.metadata().threshold());
    }
}
