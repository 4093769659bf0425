package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunClockTest {
    @Test
    void estimatesFromTrainingTimeOnlyNotDecoding() {
        AtomicLong now = new AtomicLong();
        RunClock clock = new RunClock(now::get);
        clock.start();
        now.addAndGet(TimeUnit.SECONDS.toNanos(30)); // decoding
        assertEquals("estimating...", clock.remaining(0));
        clock.trainingStarted();
        now.addAndGet(TimeUnit.SECONDS.toNanos(60)); // a quarter of the training phase
        assertEquals("1:30", clock.elapsed());
        assertEquals("about 3:00", clock.remaining(0.25));
    }

    @Test
    void formatsHours() {
        assertEquals("1:01:05", RunClock.format(3665));
        assertEquals("0:07", RunClock.format(6.6));
    }
}
