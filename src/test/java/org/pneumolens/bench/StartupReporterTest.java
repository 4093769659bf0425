package org.pneumolens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartupReporterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOnceWhenTheSecondOfWindowAndModelArrives() {
        StartupReporter r = new StartupReporter(true, out, () -> 1234L);

        assertFalse(r.reach(2)); // model first
        assertEquals("", printed());
        assertTrue(r.reach(1)); // then the window
        assertFalse(r.reach(1));
        assertFalse(r.reach(3));

        assertEquals("PNEUMOLENS_READY 1234" + System.lineSeparator(), printed());
    }

    @Test
    void windowFirstWorksToo() {
        StartupReporter r = new StartupReporter(true, out, () -> 7L);
        r.reach(1);
        r.reach(2);
        assertEquals(OptionalLong.of(7L), StartupReporter.parse(printed()));
    }

    @Test
    void staysSilentWithoutTheSystemProperty() {
        StartupReporter r = new StartupReporter(false, out, () -> 1L);
        r.reach(3);
        assertEquals("", printed());
    }

    @Test
    void milestonesLineSaysWhenEachCameAndReadyRunsOnce() {
        AtomicLong clock = new AtomicLong(100);
        AtomicInteger readyCalls = new AtomicInteger();
        StartupReporter r = new StartupReporter(true, true, out, clock::get, readyCalls::incrementAndGet);

        r.reach(2); // model at 100
        clock.set(250);
        r.reach(1); // window at 250
        r.reach(1);

        assertEquals(1, readyCalls.get());
        String[] lines = printed().split(System.lineSeparator());
        assertEquals("PNEUMOLENS_READY 250", lines[0]);
        assertTrue(lines[1].startsWith("PNEUMOLENS_MILESTONES window_shown_ms="), lines[1]);
        assertEquals("PNEUMOLENS_MILESTONES window_shown_ms=240 model_loaded_ms=90",
                StartupReporter.milestonesLine(10, 250, 100));
    }

    @Test
    void readyActionRunsEvenWhenNothingIsPrinted() {
        AtomicInteger readyCalls = new AtomicInteger();
        StartupReporter r = new StartupReporter(false, false, out, () -> 5L, readyCalls::incrementAndGet);
        r.reach(1);
        assertEquals(0, readyCalls.get());
        r.reach(2);
        assertEquals(1, readyCalls.get());
        assertEquals("", printed());
    }

    @Test
    void parsesOnlyItsOwnLine() {
        assertEquals(OptionalLong.of(1700000000123L), StartupReporter.parse("PNEUMOLENS_READY 1700000000123"));
        assertEquals(OptionalLong.empty(), StartupReporter.parse("INFO PneumoLens started"));
        assertEquals(OptionalLong.empty(), StartupReporter.parse("PNEUMOLENS_READY soon"));
        assertEquals(OptionalLong.empty(), StartupReporter.parse(null));
    }
}
