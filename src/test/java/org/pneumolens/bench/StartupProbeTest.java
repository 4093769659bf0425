package org.pneumolens.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probe against a stand-in child JVM: reads the line, computes the delay from the launch clock, explains a
 * failure and ends the child. The stand-in reports a fixed clock value, so the arithmetic is checked without timing
 * anything; no test waits for a timeout to run out except a 1 ms one.
 */
class StartupProbeTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private static List<String> standIn(boolean report, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + StartupReporter.PROPERTY + "=" + report, "-cp", System.getProperty("java.class.path"),
                ReadyAfterDelay.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void measuresFromTheLaunchClockToTheReadyLineAndEndsTheApp() throws IOException, InterruptedException {
        long descendants = ProcessHandle.current().descendants().count();
        long ready = System.currentTimeMillis() + 3_600_000; // the stand-in's clock says "an hour from now"

        long before = System.currentTimeMillis();
        StartupProbe.Outcome o = StartupProbe.measureOnce(standIn(true, "ready", Long.toString(ready)), Map.of(),
                GENEROUS);
        long after = System.currentTimeMillis();

        assertTrue(o.millis().isPresent(), () -> "no measurement: " + o.problem());
        // ready minus the probe's launch clock, which was read between before and after.
        long ms = o.millis().getAsLong();
        assertTrue(ms <= ready - before && ms >= ready - after, "measured " + ms + " ms");
        assertTrue(ProcessHandle.current().descendants().count() <= descendants, "the stand-in app is still running");
    }

    @Test
    void theLineIsNotPrintedWithoutTheProperty() throws IOException, InterruptedException {
        StartupProbe.Outcome o = StartupProbe.measureOnce(standIn(false, "ready-then-exit", "42"), Map.of(), GENEROUS);

        assertTrue(o.millis().isEmpty(), "printed the ready line without -Dpneumolens.reportStartup=true");
        assertTrue(o.problem().contains("exited (code 0)"), o.problem());
    }

    @Test
    void reportsAnAppThatExitsWithItsLastOutput() throws IOException, InterruptedException {
        StartupProbe.Outcome o = StartupProbe.measureOnce(standIn(true, "exit"), Map.of(), GENEROUS);

        assertTrue(o.millis().isEmpty());
        assertTrue(o.problem().contains("exited (code 4)") && o.problem().contains("stand-in app starting"),
                o.problem());
    }

    @Test
    void reportsATimeoutAndEndsTheApp() throws IOException, InterruptedException {
        long descendants = ProcessHandle.current().descendants().count();

        StartupProbe.Outcome o = StartupProbe.measureOnce(standIn(true, "never"), Map.of(), Duration.ofMillis(1));

        assertTrue(o.millis().isEmpty());
        assertTrue(o.problem().startsWith("no " + StartupReporter.MARKER + " line within"), o.problem());
        assertTrue(ProcessHandle.current().descendants().count() <= descendants, "the stand-in app is still running");
    }
}
