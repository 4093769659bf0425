package org.pneumolens.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.util.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pneumolens.app.FxTestSupport;

/** Busy feedback rises only after the delay, falls at once, and never shows for work shorter than the delay. */
class DelayedFlagTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void risesAfterTheDelayAndFallsAtOnce() throws Exception {
        SimpleBooleanProperty busy = new SimpleBooleanProperty(false);
        ReadOnlyBooleanProperty shown = onFx(() -> DelayedFlag.of(busy, Duration.millis(150)));
        long start = System.nanoTime();
        assertFalse(onFx(() -> {
            busy.set(true);
            return shown.get();
        }), "not raised with the source");
        waitUntil(shown::get);
        assertTrue((System.nanoTime() - start) / 1e6 >= 140, "raised only after the delay");
        assertFalse(onFx(() -> {
            busy.set(false);
            return shown.get();
        }), "lowered with the source");
    }

    @Test
    void workShorterThanTheDelayNeverShows() throws Exception {
        SimpleBooleanProperty busy = new SimpleBooleanProperty(false);
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        onFx(() -> {
            ReadOnlyBooleanProperty shown = DelayedFlag.of(busy, Duration.millis(400));
            shown.addListener((obs, was, now) -> seen.add(now));
            busy.set(true);
        });
        Thread.sleep(50);
        onFx(() -> busy.set(false));
        Thread.sleep(600); // past the delay: a timer left running would have raised it by now
        assertEquals(List.of(), seen);
    }

    @Test
    void aSourceAlreadyTrueShowsAtOnce() throws Exception {
        SimpleBooleanProperty busy = new SimpleBooleanProperty(true);
        assertTrue(onFx(() -> DelayedFlag.of(busy, Duration.seconds(5)).get()));
    }
}
