package org.pneumolens.core.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe against a stand-in child JVM: reads the line, computes the delay, and ends the child. */
class StartupProbeTest {
    private static List<String> standIn(String arg, boolean report) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + StartupReporter.PROPERTY + "=" + report, "-cp", System.getProperty("java.class.path"),
                ReadyAfterDelay.class.getName(), arg);
    }

    @Test
    void measuresFromLaunchToTheReadyLineAndEndsTheApp() throws IOException, InterruptedException {
        long before = ProcessHandle.current().descendants().count();

        StartupProbe.Outcome o = StartupProbe.measureOnce(standIn("300", true), Map.of(), Duration.ofSeconds(60));

        assertTrue(o.millis().isPresent(), () -> "no measurement: " + o.problem());
        // The stand-in sleeps 300 ms after its JVM is up, so anything shorter was not measured from launch.
        assertTrue(o.millis().getAsLong() >= 300, "measured " + o.millis().getAsLong() + " ms");
        assertTrue(ProcessHandle.current().descendants().count() <= before, "the stand-in app is still running");
    }

    @Test
    void reportsWhyWhenTheLineNeverComes() throws IOException, InterruptedException {
        StartupProbe.Outcome o = StartupProbe.measureOnce(standIn("never", true), Map.of(), Duration.ofSeconds(3));

        assertTrue(o.millis().isEmpty());
        assertTrue(o.problem().contains("StartupReporter") && o.problem().contains("stand-in app starting"),
                o.problem());
    }

    @Test
    void theLineIsNotPrintedWithoutTheProperty() throws IOException, InterruptedException {
        StartupProbe.Outcome o = StartupProbe.measureOnce(standIn("0", false), Map.of(), Duration.ofSeconds(3));

        assertTrue(o.millis().isEmpty(), "printed the ready line without -Dpneumolens.reportStartup=true");
    }

    @Test
    void reportsAnAppThatExits() throws IOException, InterruptedException {
        StartupProbe.Outcome o = StartupProbe.measureOnce(standIn("exit", true), Map.of(), Duration.ofSeconds(30));

        assertTrue(o.millis().isEmpty());
        assertTrue(o.problem().contains("exited (code 4)"), o.problem());
    }
}
